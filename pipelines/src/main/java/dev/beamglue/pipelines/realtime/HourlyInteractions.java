package dev.beamglue.pipelines.realtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * The events as rows of Personalize's Interactions dataset, in the layout the personalize export
 * writes ({@code USER_ID}, {@code ITEM_ID}, {@code TIMESTAMP} in epoch seconds, {@code
 * EVENT_TYPE}, {@code EVENT_VALUE}), in hourly windows of event time so that a windowed file write
 * appends one set of files per hour (and per late pane, {@link EventWindows}).
 *
 * <p>{@code events.apply(HourlyInteractions.of(windows)).apply(FileIO.<Row>write()...withNumShards(1))}
 */
public final class HourlyInteractions extends PTransform<PCollection<Row>, PCollection<Row>> {

  private static final long serialVersionUID = 1L;

  /** Personalize's Interactions columns, in the order of the export's header. */
  public static final Schema SCHEMA = Schema.builder()
      .addStringField("USER_ID")
      .addStringField("ITEM_ID")
      .addInt64Field("TIMESTAMP")
      .addStringField("EVENT_TYPE")
      .addNullableField("EVENT_VALUE", FieldType.DOUBLE)
      .build();

  private final EventWindows windows;

  private HourlyInteractions(EventWindows windows) {
    this.windows = windows;
  }

  public static HourlyInteractions of(EventWindows windows) {
    return new HourlyInteractions(windows);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> events) {
    return events
        .apply("To interactions", ParDo.of(new ToInteractionFn()))
        .setRowSchema(SCHEMA)
        .apply("Hourly windows", windows.<Row>window(FixedWindows.of(Duration.standardHours(1))));
  }

  private static final class ToInteractionFn extends DoFn<Row, Row> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element Row event, OutputReceiver<Row> out) {
      String item = event.getString("itemId");
      if (item == null) {
        return; // Personalize's interactions need an item
      }
      List<Object> values = new ArrayList<>(5);
      values.add(event.getString("userId"));
      values.add(item);
      values.add(event.getDateTime("sentAt").getMillis() / 1000L);
      values.add(event.getString("eventType"));
      values.add(event.getDouble("eventValue"));
      out.output(Row.withSchema(SCHEMA).attachValues(values));
    }
  }
}
