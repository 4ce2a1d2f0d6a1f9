package dev.beamglue.pipelines.realtime;

import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Keeps the first event of each {@code eventId} and drops the copies that arrive within a bounded
 * horizon of event time, so that at-least-once input (a replayed Kafka partition, a producer
 * retry) is counted once.
 *
 * <p>{@code events.apply(DeduplicateEvents.within(Duration.standardMinutes(10)))}
 *
 * <p>The state of an id lives until the watermark passes the first copy's event time plus the
 * horizon, so the horizon bounds the state. A copy that arrives after that is let through: keep
 * the horizon at least the allowed lateness plus the watermark delay, so such a copy is dropped as
 * too late by the windows anyway.
 */
public final class DeduplicateEvents extends PTransform<PCollection<Row>, PCollection<Row>> {

  private static final long serialVersionUID = 1L;

  private final Duration horizon;

  private DeduplicateEvents(Duration horizon) {
    this.horizon = horizon;
  }

  /** Drops copies of an event id seen within {@code horizon} of event time. */
  public static DeduplicateEvents within(Duration horizon) {
    if (horizon == null || horizon.getMillis() <= 0) {
      throw new IllegalArgumentException(
          "The de-duplication horizon must be positive, not " + horizon + ".");
    }
    return new DeduplicateEvents(horizon);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    if (!schema.hasField("eventId")) {
      throw new IllegalArgumentException(
          "DeduplicateEvents needs rows with an eventId field; the input has " + schema + ".");
    }
    return input
        .apply("Global window", Window.<Row>into(new GlobalWindows()))
        .apply("Key by eventId", WithKeys.of((Row r) -> r.getString("eventId"))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(schema)))
        .apply("Keep the first copy", ParDo.of(new FirstCopyFn(horizon)))
        .setRowSchema(schema);
  }

  private static final class FirstCopyFn extends DoFn<KV<String, Row>, Row> {
    private static final long serialVersionUID = 1L;
    private final Duration horizon;
    private final Counter duplicates = Metrics.counter("DeduplicateEvents", "duplicatesDropped");

    @StateId("seen")
    private final StateSpec<ValueState<Boolean>> seenSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("expiry")
    private final TimerSpec expirySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    FirstCopyFn(Duration horizon) {
      this.horizon = horizon;
    }

    @ProcessElement
    public void process(@Element KV<String, Row> element, @Timestamp Instant at,
        @StateId("seen") ValueState<Boolean> seen, @TimerId("expiry") Timer expiry,
        OutputReceiver<Row> out) {
      if (Boolean.TRUE.equals(seen.read())) {
        duplicates.inc();
        return;
      }
      seen.write(true);
      expiry.set(at.plus(horizon));
      out.output(element.getValue());
    }

    @OnTimer("expiry")
    public void expire(@StateId("seen") ValueState<Boolean> seen) {
      seen.clear();
    }
  }
}
