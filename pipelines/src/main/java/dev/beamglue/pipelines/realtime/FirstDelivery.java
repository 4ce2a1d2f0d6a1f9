package dev.beamglue.pipelines.realtime;

import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
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
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Keeps the first delivery of each Kafka record, {@code KV<topic-partition@offset, payload>}, and
 * drops a second delivery of the same location that comes within a horizon of event time. A record
 * is read twice when the Flink runner of Beam 2.62 resumes from a checkpoint: its source enumerator
 * splits the topic again and hands every reader the restored split (at the checkpointed offset)
 * and a fresh one for the same partitions (at the group's committed offset), so both read the
 * records after the checkpoint (apache/beam#34890). {@link DeduplicateEvents} catches the valid
 * events by their {@code eventId}; this catches every record, the malformed ones too, so each goes
 * to the dead letters once.
 *
 * <p>{@code payloads.apply(FirstDelivery.within(Duration.standardHours(1)))}
 */
public final class FirstDelivery
    extends PTransform<PCollection<KV<String, String>>, PCollection<KV<String, String>>> {

  private static final long serialVersionUID = 1L;

  private final Duration horizon;

  private FirstDelivery(Duration horizon) {
    this.horizon = horizon;
  }

  /** Drops a later delivery of a location seen within {@code horizon} of event time. */
  public static FirstDelivery within(Duration horizon) {
    if (horizon == null || horizon.getMillis() <= 0) {
      throw new IllegalArgumentException(
          "The horizon of repeated deliveries must be positive, not " + horizon + ".");
    }
    return new FirstDelivery(horizon);
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<KV<String, String>> records) {
    return records
        .apply("Keep the first delivery", ParDo.of(new FirstFn(horizon)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
  }

  private static final class FirstFn extends DoFn<KV<String, String>, KV<String, String>> {
    private static final long serialVersionUID = 1L;
    private final Duration horizon;
    private final Counter repeated = Metrics.counter("FirstDelivery", "repeatedDeliveries");

    @StateId("delivered")
    private final StateSpec<ValueState<Boolean>> deliveredSpec =
        StateSpecs.value(BooleanCoder.of());

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    FirstFn(Duration horizon) {
      this.horizon = horizon;
    }

    @ProcessElement
    public void process(@Element KV<String, String> record, @Timestamp Instant at,
        @StateId("delivered") ValueState<Boolean> delivered, @TimerId("forget") Timer forget,
        OutputReceiver<KV<String, String>> out) {
      if (Boolean.TRUE.equals(delivered.read())) {
        repeated.inc();
        return;
      }
      delivered.write(true);
      forget.set(at.plus(horizon));
      out.output(record);
    }

    @OnTimer("forget")
    public void forget(@StateId("delivered") ValueState<Boolean> delivered) {
      delivered.clear();
    }
  }
}
