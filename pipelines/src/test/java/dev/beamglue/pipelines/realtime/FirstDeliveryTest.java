package dev.beamglue.pipelines.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** A record delivered twice (a resumed Flink source reads it again) goes on once. */
class FirstDeliveryTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  @Test
  @PipelineTest
  void aSecondDeliveryOfALocationIsDropped() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<KV<String, String>> out = pipeline
        .apply(Create.timestamped(
                TimestampedValue.of(KV.of("events-0@7", "{\"eventId\":\"e1\"}"), T0),
                TimestampedValue.of(KV.of("events-1@7", "not json"), T0.plus(1000)),
                TimestampedValue.of(KV.of("events-0@7", "{\"eventId\":\"e1\"}"), T0),
                TimestampedValue.of(KV.of("events-1@7", "not json"), T0.plus(1000)),
                TimestampedValue.of(KV.of("events-0@8", "{\"eventId\":\"e1\"}"), T0.plus(2000)))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(FirstDelivery.within(Duration.standardHours(1)));
    assertEquals(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), out.getCoder());
    // the same payload at another offset is another record: only a repeated location is dropped
    PAssert.that(out).containsInAnyOrder(
        KV.of("events-0@7", "{\"eventId\":\"e1\"}"),
        KV.of("events-1@7", "not json"),
        KV.of("events-0@8", "{\"eventId\":\"e1\"}"));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void theHorizonMustBePositive() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> FirstDelivery.within(Duration.ZERO));
    assertEquals("The horizon of repeated deliveries must be positive, not PT0S.",
        zero.getMessage());
  }
}
