package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.realtime.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beamglue run realtime-events --profile=flink-streaming} as a user runs it: the command
 * line's main class in its own JVM (the project's JVM flags) against an in-process broker. The
 * streaming job never ends by itself; once the read_committed topics hold every valid event counted
 * once and every malformed payload, the test stops the process.
 */
class RealtimeEventsCommandLineTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void theCommandLineRunsTheStreamingJobAgainstTheBroker() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dir)) {
      kafka.createRealtimeEventsTopics();
      Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
      RealtimeEventsOnFlinkTest.Plan plan = new RealtimeEventsOnFlinkTest.Plan(base);
      RealtimeEventsOnFlinkTest.produce(kafka, plan.firstHalf, -1);
      RealtimeEventsOnFlinkTest.produce(kafka, plan.secondHalf, -1);

      Path root = ChildJvm.repoRoot(null);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ChildJvm.jvmFlags(root.resolve("runners-config/jvm.properties")));
      command.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"),
          "dev.beamglue.pipelines.cli.Beamglue", "run", "realtime-events",
          "--profile=flink-streaming", "--parallelism=2", "--checkpointingInterval=2000",
          "--stateBackendStoragePath=" + dir.resolve("checkpoints").toUri(),
          "--bootstrapServers=" + kafka.bootstrapServers(), "--watermarkDelaySeconds=2",
          "--allowedLatenessSeconds=7200", "--sessionGapSeconds=600",
          "--dedupHorizonSeconds=10800", "--awsRegion=us-east-1"));
      Path log = dir.resolve("beamglue.log");
      Process beamglue = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      RealtimeEventsOnFlinkTest.Outputs out =
          new RealtimeEventsOnFlinkTest.Outputs(kafka.bootstrapServers());
      try {
        RealtimeEventsOnFlinkTest.await("every valid event counted by the command line's job",
            Duration.ofSeconds(150),
            () -> out.poll() && out.countsByItem().equals(plan.expectedCounts())
                && out.deadLetters.size() >= plan.malformed.size(),
            () -> out.difference(plan.expectedCounts()) + "; the process "
                + (beamglue.isAlive() ? "runs" : "ended " + beamglue.exitValue()) + "; its log: "
                + tail(log));
      } finally {
        beamglue.destroy();
        if (!beamglue.waitFor(30, TimeUnit.SECONDS)) {
          beamglue.destroyForcibly();
        }
      }
      assertEquals(plan.expectedPerUser(), out.sessionEventsByUser(), "session events per user");
      List<String> dead = new ArrayList<>(out.deadLetters);
      dead.sort(null);
      List<String> malformed = new ArrayList<>(plan.malformed);
      malformed.sort(null);
      assertEquals(malformed, dead, "every malformed payload, once, in the dead letters");
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
