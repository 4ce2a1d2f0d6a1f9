package dev.beamglue.pipelines.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The watermark policy of the Kafka events: delayed event time, idle partitions advance. */
class DelayedEventTimeTest {

  private static final Duration DELAY = Duration.standardSeconds(30);
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  /** What the Kafka reader tells a policy: the records left and when it looked. */
  private static TimestampPolicy.PartitionContext context(long backlog, Instant checked) {
    return new TimestampPolicy.PartitionContext() {
      @Override
      public long getMessageBacklog() {
        return backlog;
      }

      @Override
      public Instant getBacklogCheckTime() {
        return checked;
      }
    };
  }

  private static KafkaRecord<String, String> record(String json, long offset) {
    return new KafkaRecord<>("events", 0, offset, NOW.getMillis(),
        KafkaTimestampType.CREATE_TIME, null, "k", json);
  }

  private static KafkaEvents.DelayedEventTime policy(Instant previous) {
    return (KafkaEvents.DelayedEventTime) KafkaEvents.eventTime(DELAY)
        .createTimestampPolicy(null, java.util.Optional.ofNullable(previous));
  }

  @Test
  void anEmptyIdlePartitionAdvancesToTheClockLessTheDelay() {
    KafkaEvents.DelayedEventTime empty = policy(null);
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, empty.watermark(context(5, NOW), NOW),
        "records waiting: not idle");
    assertEquals(NOW.minus(DELAY), empty.watermark(context(0, NOW), NOW));
  }

  @Test
  void theWatermarkFollowsTheNewestEventTimeAndNeverGoesBack() {
    KafkaEvents.DelayedEventTime p = policy(null);
    Instant t = Instant.parse("2026-11-21T11:00:00Z");
    assertEquals(t, p.getTimestampForRecord(context(3, NOW),
        record("{\"eventId\":\"e1\",\"timestamp\":\"" + t + "\"}", 0)));
    assertEquals(t.minus(DELAY), p.watermark(context(3, NOW), NOW));
    p.getTimestampForRecord(context(2, NOW), record("{\"eventId\":\"e0\",\"timestamp\":\""
        + t.minus(Duration.standardMinutes(5)) + "\"}", 1));
    assertEquals(t.minus(DELAY), p.watermark(context(2, NOW), NOW), "an older event: no step back");
    assertEquals(NOW.minus(DELAY), p.watermark(context(0, NOW), NOW), "read to the end: idle");
    assertEquals(NOW.minus(DELAY), p.watermark(context(4, NOW), NOW),
        "new records after the idle step do not take the watermark back");
  }

  @Test
  void aResumedPartitionStartsAtItsCheckpointedWatermark() {
    Instant previous = Instant.parse("2026-11-21T11:30:00Z");
    assertEquals(previous, policy(previous).watermark(context(9, NOW), NOW));
  }

  @Test
  void anEventFromTheFutureIsCappedAtTheClock() {
    KafkaEvents.DelayedEventTime p = policy(null);
    Instant future = NOW.plus(Duration.standardHours(2));
    p.getTimestampForRecord(context(1, NOW),
        record("{\"eventId\":\"e1\",\"timestamp\":\"" + future + "\"}", 0));
    assertEquals(NOW.minus(DELAY), p.watermark(context(1, NOW), NOW));
  }
}
