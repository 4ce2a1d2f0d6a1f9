package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.benchmarks.realtime.LocalKafka;
import dev.beamglue.pipelines.realtime.RealtimeEventsPipeline;
import dev.beamglue.pipelines.realtime.RealtimeOptions;
import dev.beamglue.pipelines.summary.JobSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code realtime-events} on Flink (embedded, streaming, a checkpoint every 2 s) against an
 * in-process Kafka broker: events with duplicates, late and too-late events and malformed payloads
 * are produced in two halves; the job is cancelled after a checkpoint, the second half produced,
 * and a new job resumes from the retained checkpoint. The committed (read_committed) outputs must
 * count every valid event exactly once, and the dead-letter topic must hold every malformed
 * payload exactly once.
 *
 * <p>The first half goes to one partition only: the other, empty, must not hold the watermark
 * back. The too-late events are produced once every window has fired, since lateness is measured
 * against the watermark, which a resumed job rebuilds from its source. What it found and what made
 * it pass: Beam 2.62 ignored {@code --savepointPath} on the embedded Flink, so the "resumed" job
 * started from nothing ({@link dev.beamglue.pipelines.realtime.EmbeddedFlinkRestore}); one empty
 * partition held the watermark at its minimum ({@code KafkaEvents.DelayedEventTime}); and the
 * resumed Flink source reads the records after the checkpoint twice ({@link
 * dev.beamglue.pipelines.realtime.FirstDelivery}).
 */
class RealtimeEventsOnFlinkTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int USERS = 7;
  private static final int ITEMS = 5;

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
  void everyValidEventIsCountedOnceAcrossARestartFromACheckpoint() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dir)) {
      kafka.createRealtimeEventsTopics();
      // an hour ago, so the idle watermark (now - delay) is past every window when idle
      Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
      Plan plan = new Plan(base);

      // the first half all into partition 1: partition 0 stays empty, and must not hold back the
      // watermark of the job (KafkaEvents.DelayedEventTime)
      produce(kafka, plan.firstHalf, 1);
      Path checkpoints = dir.resolve("checkpoints");
      Path files = dir.resolve("out");
      PipelineResult first = run(kafka, checkpoints, null, files);
      Outputs out = new Outputs(kafka.bootstrapServers());
      try {
        await("item counts from the first job", Duration.ofSeconds(120),
            () -> out.poll() && out.countedEvents() > 0);
        int seen = latestCheckpoint(checkpoints).map(RealtimeEventsOnFlinkTest::number)
            .orElse(0);
        await("a checkpoint after the first counts", Duration.ofSeconds(60),
            () -> latestCheckpoint(checkpoints).map(RealtimeEventsOnFlinkTest::number)
                .orElse(0) > seen);
      } finally {
        stop(first);
      }
      Path restore = latestCheckpoint(checkpoints).orElseThrow();
      System.out.println("first job: " + out.countedEvents() + " events counted; resuming from "
          + restore);
      assertTrue(out.countedEvents() < plan.expectedCounts().values().stream()
          .mapToLong(Long::longValue).sum(), "the first job stopped before the end: "
          + out.countedEvents());

      produce(kafka, plan.secondHalf, -1);
      PipelineResult second = run(kafka, dir.resolve("checkpoints-2"), restore, files);
      try {
        Map<String, Long> expected = plan.expectedCounts();
        long valid = expected.values().stream().mapToLong(Long::longValue).sum();
        await("every valid event counted", Duration.ofSeconds(120),
            () -> out.poll() && out.countsByItem().equals(expected)
                && out.deadLetters.size() >= plan.malformed.size()
                && RealtimeEventFilesOnFlinkTest.sum(files.resolve("item-counts"), "count")
                    >= valid
                && RealtimeEventFilesOnFlinkTest.sum(files.resolve("sessions"), "eventCount")
                    >= valid,
            () -> out.difference(expected) + "; dead letters " + out.deadLetters.size() + " of "
                + plan.malformed.size() + "; second job " + second.getState() + ", checkpoint "
                + latestCheckpoint(dir.resolve("checkpoints-2")) + "; " + offsets(kafka));
        // events a day old, produced once the watermark has passed every window (all counted):
        // beyond the allowed lateness, they must be dropped, never counted
        produce(kafka, plan.tooLate, -1);
        // two more checkpoints: anything committed twice, or a too-late event, would show now
        Path now = latestCheckpoint(dir.resolve("checkpoints-2")).orElseThrow();
        await("two more checkpoints", Duration.ofSeconds(60), () -> latestCheckpoint(
            dir.resolve("checkpoints-2")).map(RealtimeEventsOnFlinkTest::number).orElse(0)
            >= number(now) + 2);
        out.poll();
      } finally {
        stop(second);
      }

      assertEquals(plan.expectedCounts(), out.countsByItem(), "events per item and window");
      long valid = plan.expectedCounts().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(valid, RealtimeEventFilesOnFlinkTest.sum(files.resolve("item-counts"), "count"),
          "item counts in the Parquet files of both jobs");
      assertEquals(valid, RealtimeEventFilesOnFlinkTest.sum(files.resolve("sessions"),
          "eventCount"), "session events in the Parquet files of both jobs");
      assertEquals(plan.expectedPerUser(), out.sessionEventsByUser(), "session events per user");
      assertTrue(out.latePanes > 0, "late events came as late panes");
      List<String> dead = new ArrayList<>(out.deadLetters);
      dead.sort(null);
      List<String> malformed = new ArrayList<>(plan.malformed);
      malformed.sort(null);
      assertEquals(malformed, dead, "every malformed payload, once, in the dead letters");
    }
  }

  private PipelineResult run(LocalKafka kafka, Path checkpoints, Path restore) {
    return run(kafka, checkpoints, restore, null);
  }

  /** The job on the embedded Flink, detached, writing files under {@code output} if not null. */
  static PipelineResult run(LocalKafka kafka, Path checkpoints, Path restore, Path output) {
    List<String> args = new ArrayList<>(List.of(
        "--runner=FlinkRunner", "--flinkMaster=[local]", "--streaming=true",
        "--attachedMode=false", "--parallelism=2",
        "--checkpointingInterval=2000", "--checkpointingMode=EXACTLY_ONCE",
        "--stateBackend=filesystem", "--stateBackendStoragePath=" + checkpoints.toUri(),
        "--externalizedCheckpointsEnabled=true",
        "--retainExternalizedCheckpointsOnCancellation=true",
        "--bootstrapServers=" + kafka.bootstrapServers(),
        "--watermarkDelaySeconds=2", "--allowedLatenessSeconds=7200",
        "--sessionGapSeconds=600", "--dedupHorizonSeconds=10800",
        "--awsRegion=us-east-1"));
    if (restore != null) {
      args.add("--savepointPath=" + restore.toUri());
    }
    if (output != null) {
      args.add("--output=" + output);
    }
    RealtimeOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .withValidation().as(RealtimeOptions.class);
    RealtimeEventsPipeline realtime = new RealtimeEventsPipeline();
    realtime.validate(options);
    Pipeline pipeline = Pipeline.create(options);
    realtime.build(pipeline, options, new JobSummary());
    return pipeline.run();
  }

  /**
   * Cancels a detached job on the embedded Flink; cancelling returns once the job is cancelled and
   * its local cluster shut down (the retained checkpoint stays on disk).
   */
  static void stop(PipelineResult job) throws java.io.IOException {
    job.cancel();
  }

  /** The newest retained checkpoint folder (chk-N with its _metadata) under the storage path. */
  private static Optional<Path> latestCheckpoint(Path root) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingInt(RealtimeEventsOnFlinkTest::number));
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty(); // a checkpoint was removed while listing: look again
    }
  }

  /** The input's end offsets and the reader group's committed ones, for a failure message. */
  private static String offsets(LocalKafka kafka) {
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
          .listConsumerGroupOffsets("beamglue-realtime-events").partitionsToOffsetAndMetadata()
          .get();
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
      latest.put(new TopicPartition("events", 0), org.apache.kafka.clients.admin.OffsetSpec.latest());
      latest.put(new TopicPartition("events", 1), org.apache.kafka.clients.admin.OffsetSpec.latest());
      Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      Map<String, Long> read = new TreeMap<>();
      committed.forEach((tp, o) -> read.put(tp.toString(), o == null ? -1 : o.offset()));
      return "input end offsets " + ends + ", reader group committed " + read;
    } catch (Exception e) {
      return "offsets unknown: " + e;
    }
  }

  private static int number(Path chk) {
    return Integer.parseInt(chk.getFileName().toString().substring("chk-".length()));
  }

  static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    await(what, timeout, done, () -> "");
  }

  static void await(String what, Duration timeout, BooleanSupplier done,
      java.util.function.Supplier<String> state) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for "
            + what + ". " + state.get());
      }
      Thread.sleep(250);
    }
  }

  /** Produces to partition {@code partition}, or to both in turn when it is -1. */
  static void produce(LocalKafka kafka, List<String> payloads, int partition)
      throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
      int k = 0;
      for (String payload : payloads) {
        int to = partition >= 0 ? partition : k++ % 2;
        producer.send(new ProducerRecord<>("events", to, null, payload)).get();
      }
    }
  }

  /** The events to produce and what the outputs must add up to. */
  static final class Plan {
    final List<String> firstHalf = new ArrayList<>();
    final List<String> secondHalf = new ArrayList<>();
    final List<String> tooLate = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();
    /** The valid events within the allowed lateness, once each: eventId -> (user, item, time). */
    final Map<String, String[]> counted = new TreeMap<>();

    Plan(Instant base) {
      List<String> valid = new ArrayList<>();
      for (int k = 0; k < 160; k++) {
        valid.add(valid("e" + k, "u" + (k % USERS), "i" + (k * 3 % ITEMS),
            base.plusSeconds(k)));
      }
      firstHalf.addAll(valid.subList(0, 100));
      for (int k = 0; k < 100; k += 9) {
        firstHalf.add(valid.get(k)); // at-least-once: copies within the first half
      }
      String[] bad1 = {"{\"eventId\":\"m1\",", "not json at all",
          "{\"eventId\":\"m2\",\"eventType\":\"view\",\"itemId\":\"i1\",\"timestamp\":\""
              + base + "\"}",
          "{\"eventId\":\"m3\",\"eventType\":\"like\",\"userId\":\"u1\",\"itemId\":\"i1\","
              + "\"timestamp\":\"" + base + "\"}"};
      for (String b : bad1) {
        firstHalf.add(b);
        malformed.add(b);
      }
      secondHalf.addAll(valid.subList(100, 160));
      for (int k = 0; k < 160; k += 13) {
        secondHalf.add(valid.get(k)); // copies across the restart
      }
      for (int k = 0; k < 8; k++) { // late: into the first minutes, long closed
        secondHalf.add(valid("late" + k, "u" + (k % USERS), "i" + (k % ITEMS),
            base.plusSeconds(5 + k)));
      }
      for (int k = 0; k < 4; k++) { // too late: a day old, beyond the allowed lateness
        tooLate.add(valid("old" + k, "u0", "i0", base.minus(Duration.ofDays(1))));
        counted.remove("old" + k);
      }
      String[] bad2 = {"{\"eventId\":\"m4\",\"eventType\":\"purchase\",\"userId\":\"u2\","
          + "\"timestamp\":\"" + base + "\"}",
          "{\"eventId\":\"m5\",\"eventType\":\"click\",\"userId\":\"u2\",\"itemId\":\"i2\","
              + "\"timestamp\":\"yesterday\"}", "[]"};
      for (String b : bad2) {
        secondHalf.add(b);
        malformed.add(b);
      }
    }

    private String valid(String id, String user, String item, Instant at) {
      counted.put(id, new String[] {user, item, Long.toString(at.toEpochMilli())});
      return String.format(Locale.ROOT, "{\"eventId\":\"%s\",\"eventType\":\"click\","
          + "\"userId\":\"%s\",\"itemId\":\"%s\",\"timestamp\":\"%s\"}", id, user, item, at);
    }

    /** itemId|window start (epoch ms) -> events. */
    Map<String, Long> expectedCounts() {
      Map<String, Long> counts = new TreeMap<>();
      for (String[] e : counted.values()) {
        long minute = Long.parseLong(e[2]) / 60_000 * 60_000;
        counts.merge(e[1] + "|" + minute, 1L, Long::sum);
      }
      return counts;
    }

    Map<String, Long> expectedPerUser() {
      Map<String, Long> users = new TreeMap<>();
      counted.values().forEach(e -> users.merge(e[0], 1L, Long::sum));
      return users;
    }
  }

  /** A read_committed view of the output topics, read on as the test polls. */
  static final class Outputs {
    private final Map<String, KafkaConsumer<String, String>> consumers = new HashMap<>();
    final Map<String, Long> counts = new TreeMap<>();
    final Map<String, Long> sessionEvents = new TreeMap<>();
    final List<String> deadLetters = new ArrayList<>();
    final Set<String> sessionEventIds = new HashSet<>();
    int latePanes;

    Outputs(String servers) {
      for (String topic : List.of("item-counts", "user-sessions", "events-dead-letters")) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
            new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        consumers.put(topic, consumer);
      }
    }

    /** Reads what was committed since the last poll; always true (for use in await). */
    boolean poll() {
      for (Map.Entry<String, KafkaConsumer<String, String>> c : consumers.entrySet()) {
        for (ConsumerRecord<String, String> r : c.getValue().poll(Duration.ofMillis(200))) {
          JsonNode node = read(r.value());
          switch (c.getKey()) {
            case "item-counts" -> {
              long start = Instant.parse(node.get("windowStart").asText()).toEpochMilli();
              counts.merge(node.get("itemId").asText() + "|" + start,
                  node.get("count").asLong(), Long::sum);
              if ("LATE".equals(node.get("timing").asText())) {
                latePanes++;
              }
            }
            case "user-sessions" -> {
              sessionEvents.merge(node.get("userId").asText(), node.get("eventCount").asLong(),
                  Long::sum);
              node.get("events").forEach(e -> sessionEventIds.add(e.get("eventId").asText()));
            }
            default -> deadLetters.add(node.get("input").asText());
          }
        }
      }
      return true;
    }

    /** What differs from the expected counts, for a failure message. */
    String difference(Map<String, Long> expected) {
      List<String> diffs = new ArrayList<>();
      Set<String> keys = new java.util.TreeSet<>(expected.keySet());
      keys.addAll(counts.keySet());
      for (String k : keys) {
        long want = expected.getOrDefault(k, 0L);
        long got = counts.getOrDefault(k, 0L);
        if (want != got) {
          diffs.add(k + " expected " + want + " got " + got);
        }
      }
      return "counted " + countedEvents() + " of " + expected.values().stream()
          .mapToLong(Long::longValue).sum() + ", late panes " + latePanes + "; differences: "
          + (diffs.size() > 12 ? diffs.subList(0, 12) + " and " + (diffs.size() - 12) + " more"
          : diffs);
    }

    long countedEvents() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> countsByItem() {
      return new TreeMap<>(counts);
    }

    Map<String, Long> sessionEventsByUser() {
      return new TreeMap<>(sessionEvents);
    }

    private static JsonNode read(String json) {
      try {
        JsonNode node = JSON.readTree(json);
        assertNotNull(node);
        return node;
      } catch (IOException e) {
        throw new AssertionError("An output record is not JSON: " + json, e);
      }
    }
  }
}
