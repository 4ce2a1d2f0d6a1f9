package dev.beamglue.pipelines.realtime;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;

/**
 * Parses JSON events ({@link RealtimeEvent}) into Rows of {@link RealtimeEvent#SCHEMA}, each
 * stamped with its own event time; payloads that are not valid events go to the errors with the
 * reason and the raw payload.
 *
 * <p>{@code RowsWithErrors events = payloads.apply(ParseEvents.of());}
 *
 * <p>The input is {@code KV<location, payload>} (the location, such as {@code topic-0@42}, goes
 * into the error record; it may be null). The event time may be earlier than the element's
 * timestamp: that is how an event that arrives after its window closed becomes late data.
 */
public final class ParseEvents
    extends PTransform<PCollection<KV<String, String>>, RowsWithErrors> {

  private static final long serialVersionUID = 1L;

  /** The step name in the dead-letter records. */
  public static final String STEP = "ParseEvents";

  private ParseEvents() {}

  public static ParseEvents of() {
    return new ParseEvents();
  }

  @Override
  public RowsWithErrors expand(PCollection<KV<String, String>> input) {
    PCollectionTuple out = input.apply("Parse JSON events", ParDo.of(new ParseFn())
        .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(out.get(RowsWithErrors.ROWS).setRowSchema(RealtimeEvent.SCHEMA),
        out.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private static final class ParseFn extends DoFn<KV<String, String>, Row> {
    private static final long serialVersionUID = 1L;
    private final Counter parsed = Metrics.counter(STEP, "eventsParsed");
    private final Counter refused = Metrics.counter(STEP, "eventsRefused");
    private transient long parsedInBundle;
    private transient long refusedInBundle;

    @StartBundle
    public void startBundle() {
      parsedInBundle = 0;
      refusedInBundle = 0;
    }

    @ProcessElement
    public void process(@Element KV<String, String> payload, MultiOutputReceiver out) {
      RealtimeEvent.Parsed p = RealtimeEvent.parse(payload.getValue());
      if (p.ok()) {
        parsedInBundle++;
        out.get(RowsWithErrors.ROWS).outputWithTimestamp(p.row(), p.row().getDateTime("sentAt")
            .toInstant());
      } else {
        refusedInBundle++;
        out.get(RowsWithErrors.ERRORS).output(ErrorRecords.of(STEP, p.problem(),
            payload.getValue() == null ? "" : payload.getValue(), payload.getKey()));
      }
    }

    @FinishBundle
    public void finishBundle() {
      if (parsedInBundle > 0) {
        parsed.inc(parsedInBundle);
      }
      if (refusedInBundle > 0) {
        refused.inc(refusedInBundle);
      }
    }

    /** Events carry their own time, which may be earlier than the Kafka record's. */
    @Override
    @SuppressWarnings("deprecation")
    public Duration getAllowedTimestampSkew() {
      return Duration.millis(Long.MAX_VALUE);
    }
  }
}
