package dev.beamglue.pipelines.realtime;

import java.util.Map;
import org.apache.beam.sdk.io.kafka.CustomTimestampPolicyWithLimitedDelay;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
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

  /** Event time from the payload (the record's own time when it has none) and a delayed watermark. */
  static TimestampPolicyFactory<String, String> eventTime(Duration delay) {
    SerializableFunction<KafkaRecord<String, String>, Instant> time =
        r -> new Instant(RealtimeEvent.eventTimeMillis(r.getKV().getValue(), r.getTimestamp()));
    return (partition, previousWatermark) ->
        new CustomTimestampPolicyWithLimitedDelay<>(time, delay, previousWatermark);
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
