package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.realtime.LocalKafka;
import dev.beamglue.testing.personalize.FakePersonalize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beamglue run realtime-events --profile=flink-streaming} as a user runs it: the command
 * line's main class in its own JVM (the project's JVM flags) against an in-process broker. The
 * streaming job never ends by itself; once the read_committed topics hold every valid event counted
 * once and every malformed payload, and a local Personalize Events endpoint has been put every
 * valid event once ({@code --trackingId} with Beam's {@code --endpoint}), the test stops the
 * process.
 */
class RealtimeEventsCommandLineTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void theCommandLineRunsTheStreamingJobAgainstTheBroker() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dir);
        FakePersonalize personalize = FakePersonalize.start()) {
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
          "--dedupHorizonSeconds=10800", "--awsRegion=us-east-1",
          "--trackingId=track-realtime", "--endpoint=" + personalize.endpoint()));
      Path log = dir.resolve("beamglue.log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("AWS_ACCESS_KEY_ID", "test-key");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "test-secret");
      Process beamglue = builder.start();
      RealtimeEventsOnFlinkTest.Outputs out =
          new RealtimeEventsOnFlinkTest.Outputs(kafka.bootstrapServers());
      try {
        RealtimeEventsOnFlinkTest.await("every valid event counted by the command line's job",
            Duration.ofSeconds(150),
            () -> out.poll() && out.countsByItem().equals(plan.expectedCounts())
                && out.deadLetters.size() >= plan.malformed.size()
                && putEvents(personalize).size() >= plan.counted.size(),
            () -> out.difference(plan.expectedCounts()) + "; " + putEvents(personalize).size()
                + " events put of " + plan.counted.size() + "; the process "
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
      assertEquals(expectedPuts(plan), countedPuts(putEvents(personalize)),
          "every valid event put to Personalize once: user|item|sentAt -> times put");
      for (FakePersonalize.Request put : personalize.requests("PutEvents")) {
        assertEquals("track-realtime", put.body().path("trackingId").asText());
        assertTrue(put.body().path("eventList").size() <= 10, "at most 10 events a call");
        assertTrue(put.authorization().contains("Credential=test-key/"),
            "signed with the credentials of the environment: " + put.authorization());
      }
    }
  }

  /** Every event of the accepted PutEvents calls, as {@code userId|itemId|sentAt millis}. */
  private static List<String> putEvents(FakePersonalize personalize) {
    List<String> events = new ArrayList<>();
    for (FakePersonalize.Request put : personalize.requests("PutEvents")) {
      if (!put.accepted()) {
        continue;
      }
      for (JsonNode event : put.body().path("eventList")) {
        events.add(put.body().path("userId").asText() + "|" + event.path("itemId").asText() + "|"
            + Math.round(event.path("sentAt").asDouble() * 1000));
      }
    }
    return events;
  }

  private static Map<String, Integer> countedPuts(List<String> events) {
    Map<String, Integer> times = new TreeMap<>();
    events.forEach(e -> times.merge(e, 1, Integer::sum));
    return times;
  }

  private static Map<String, Integer> expectedPuts(RealtimeEventsOnFlinkTest.Plan plan) {
    List<String> events = new ArrayList<>();
    plan.counted.values().forEach(e -> events.add(e[0] + "|" + e[1] + "|" + e[2]));
    return countedPuts(events);
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
