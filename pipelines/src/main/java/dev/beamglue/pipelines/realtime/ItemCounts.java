package dev.beamglue.pipelines.realtime;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Live popularity: the number of events of each item in fixed windows of event time (one minute
 * by default), one row per item, window and pane ({@link EventWindows}: on time, then late
 * refinements holding only the new events, so the rows of a window add up to its count).
 *
 * <p>{@code PCollection<Row> counts = events.apply(ItemCounts.perMinute(EventWindows.lateness(l)))}
 */
public final class ItemCounts extends PTransform<PCollection<Row>, PCollection<Row>> {

  private static final long serialVersionUID = 1L;

  /** itemId, the window's start and end, the events counted in this pane, and its timing. */
  public static final Schema SCHEMA = Schema.builder()
      .addStringField("itemId")
      .addDateTimeField("windowStart")
      .addDateTimeField("windowEnd")
      .addInt64Field("count")
      .addStringField("timing")
      .build();

  private final EventWindows windows;
  private final Duration size;

  private ItemCounts(EventWindows windows, Duration size) {
    this.windows = windows;
    this.size = size;
  }

  public static ItemCounts perMinute(EventWindows windows) {
    return new ItemCounts(windows, Duration.standardMinutes(1));
  }

  /** Counts in windows of this size instead of one minute. */
  public ItemCounts withWindowSize(Duration size) {
    if (size == null || size.getMillis() <= 0) {
      throw new IllegalArgumentException("The item count window must be positive, not " + size
          + ".");
    }
    return new ItemCounts(windows, size);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> events) {
    return events
        .apply("Events with an item", Filter.by((Row r) -> r.getString("itemId") != null))
        .apply("Item of the event", WithKeys.of((Row r) -> r.getString("itemId"))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(events.getSchema())))
        .apply("Windows of " + size, windows.<KV<String, Row>>window(FixedWindows.of(size)))
        // a GroupByKey, not Count.perKey: on the Flink runner in streaming mode the combining state
        // emitted on-time panes of 0 in these triggered, discarding windows
        .apply("Events per item", GroupByKey.create())
        .apply("To count rows", ParDo.of(new ToRowFn()))
        .setRowSchema(SCHEMA);
  }

  private static final class ToRowFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> events, BoundedWindow window,
        PaneInfo pane, OutputReceiver<Row> out) {
      long n = 0;
      for (Row ignored : events.getValue()) {
        n++;
      }
      if (n == 0) {
        return; // an empty pane (a window closing with nothing new) says nothing
      }
      IntervalWindow w = (IntervalWindow) window;
      List<Object> values = new ArrayList<>(5);
      values.add(events.getKey());
      values.add(w.start());
      values.add(w.end());
      values.add(n);
      values.add(EventWindows.timing(pane));
      out.output(Row.withSchema(SCHEMA).attachValues(values));
    }
  }
}
