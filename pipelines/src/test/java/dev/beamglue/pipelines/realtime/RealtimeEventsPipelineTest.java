package dev.beamglue.pipelines.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class RealtimeEventsPipelineTest {

  private static RealtimeOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(RealtimeOptions.class);
  }

  private static String refusal(String... args) {
    return assertThrows(IllegalArgumentException.class,
        () -> new RealtimeEventsPipeline().validate(options(args))).getMessage();
  }

  @Test
  void needsABroker() {
    assertEquals("--bootstrapServers is required: the Kafka broker to read events from, "
        + "host:port.", refusal("--runner=DirectRunner"));
  }

  @Test
  void refusesBadDurations() {
    assertEquals("--sessionGapSeconds must be more than 0, not 0.",
        refusal("--bootstrapServers=127.0.0.1:9092", "--sessionGapSeconds=0"));
    assertEquals("--allowedLatenessSeconds must be 0 or more, not -1.",
        refusal("--bootstrapServers=127.0.0.1:9092", "--allowedLatenessSeconds=-1"));
  }

  @Test
  void exactlyOnceOnFlinkNeedsCheckpoints() {
    assertEquals("Exactly-once Kafka output on Flink commits with checkpoints: give "
        + "--checkpointingInterval (or --profile=flink-streaming), or --exactlyOnce=false.",
        refusal("--runner=FlinkRunner", "--bootstrapServers=127.0.0.1:9092"));
    new RealtimeEventsPipeline().validate(options("--runner=FlinkRunner",
        "--bootstrapServers=127.0.0.1:9092", "--checkpointingInterval=10000"));
    new RealtimeEventsPipeline().validate(options("--runner=FlinkRunner",
        "--bootstrapServers=127.0.0.1:9092", "--exactlyOnce=false"));
  }
}
