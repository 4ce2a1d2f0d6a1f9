package dev.beamglue.pipelines.realtime;

import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The Kafka ends of {@code realtime-events}: the events in, as {@code KV<topic-partition@offset,
 * payload>} stamped with their event time and a watermark that stays a given delay behind the
 * newest event time of each partition; and JSON out, optionally in transactions committed with
 * the runner's checkpoints (exactly once).
 *
 * <p>{@code p.apply(KafkaEvents.read(servers, "events", "group", Duration.standardSeconds(30)))}
 */
public final class KafkaEvents {

  private KafkaEvents() {}

  /**
   * Reads the topic from the group's committed offsets (the earliest when it has none), only
   * committed transactions, and commits its offsets when the runner finalizes a checkpoint.
   */
  public static PTransform<PBegin, PCollection<KV<String, String>>> read(String servers,
      String topic, String group, Duration watermarkDelay) {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, String>> expand(PBegin begin) {
        return begin
            .apply("Read " + topic, KafkaIO.<String, String>read()
                .withBootstrapServers(servers)
                .withTopic(topic)
                .withKeyDeserializer(StringDeserializer.class)
                .withValueDeserializer(StringDeserializer.class)
                .withConsumerConfigUpdates(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))
                .withTimestampPolicyFactory(eventTime(watermarkDelay))
                .commitOffsetsInFinalize())
            .apply("Location and payload", MapElements
                .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((KafkaRecord<String, String> r) -> KV.of(
                    r.getTopic() + "-" + r.getPartition() + "@" + r.getOffset(),
                    r.getKV().getValue())));
      }
    };
  }

  /**
   * Event time from the payload (the record's own time when it has none) and a watermark {@code
   * delay} behind the newest event time of the partition, or {@code delay} behind the wall clock
   * once the partition is idle (read to its end, its newest event older than that).
   */
  static TimestampPolicyFactory<String, String> eventTime(Duration delay) {
    SerializableFunction<KafkaRecord<String, String>, Instant> time =
        r -> new Instant(RealtimeEvent.eventTimeMillis(r.getKV().getValue(), r.getTimestamp()));
    return (partition, previousWatermark) ->
        new DelayedEventTime(time, delay, previousWatermark.orElse(null));
  }

  /**
   * The watermark policy of {@link #eventTime}: like Beam's {@code
   * CustomTimestampPolicyWithLimitedDelay}, except that a partition that is idle from the start
   * (empty, or read to its end before any event) advances too. Beam's waits for a first record, so
   * one empty partition holds the watermark of the whole topic at its minimum and no window ever
   * fires. The watermark never goes back.
   */
  static final class DelayedEventTime extends TimestampPolicy<String, String> {
    private final SerializableFunction<KafkaRecord<String, String>, Instant> time;
    private final Duration delay;
    private Instant newest;
    private Instant watermark;

    DelayedEventTime(SerializableFunction<KafkaRecord<String, String>, Instant> time,
        Duration delay, Instant previousWatermark) {
      this.time = time;
      this.delay = delay;
      this.watermark = previousWatermark == null ? BoundedWindow.TIMESTAMP_MIN_VALUE
          : previousWatermark;
      this.newest = watermark.plus(delay);
    }

    @Override
    public Instant getTimestampForRecord(PartitionContext context,
        KafkaRecord<String, String> record) {
      Instant at = time.apply(record);
      if (at.isAfter(newest)) {
        newest = at;
      }
      return at;
    }

    @Override
    public Instant getWatermark(PartitionContext context) {
      return watermark(context, Instant.now());
    }

    Instant watermark(PartitionContext context, Instant now) {
      Instant candidate = (newest.isAfter(now) ? now : newest).minus(delay);
      Instant checked = context.getBacklogCheckTime();
      if (context.getMessageBacklog() == 0 && checked != null
          && checked.minus(delay).isAfter(newest)) {
        candidate = checked.minus(delay); // idle: later events are expected after now - delay
      }
      if (candidate.isAfter(watermark)) {
        watermark = candidate;
      }
      return watermark;
    }
  }

  /** Writes {@code KV<key, json>} to the topic; exactly once with a sink group per topic. */
  public static PTransform<PCollection<KV<String, String>>, PDone> write(String servers,
      String topic, boolean exactlyOnce, String sinkGroup) {
    KafkaIO.Write<String, String> write = KafkaIO.<String, String>write()
        .withBootstrapServers(servers)
        .withTopic(topic)
        .withKeySerializer(StringSerializer.class)
        .withValueSerializer(StringSerializer.class);
    return exactlyOnce ? write.withEOS(1, sinkGroup + "-" + topic) : write;
  }
}
