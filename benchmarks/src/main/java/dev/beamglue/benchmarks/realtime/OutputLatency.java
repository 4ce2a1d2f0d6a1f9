package dev.beamglue.benchmarks.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the dead-letter topic as {@code read_committed} on its own thread and records, for every
 * probe ({@link EventStream}), the time from its send to the moment it is seen; a probe seen twice
 * counts once (and would show as more probes out than sent).
 *
 * <p>{@code try (OutputLatency l = OutputLatency.start(servers)) { ...; l.percentiles(probes); }}
 */
final class OutputLatency implements AutoCloseable {

  /** The latencies of the probes seen, in milliseconds, and how many were sent. */
  record Percentiles(long count, long expected, double p50, double p99, double max) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaConsumer<String, String> consumer;
  private final Thread thread;
  private final List<Long> millis = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private volatile boolean running = true;
  /** The number of the newest event whose probe came out: the job has output up to here. */
  private volatile long highest = -1;

  private OutputLatency(String servers) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        new StringDeserializer(), new StringDeserializer());
    TopicPartition deadLetters = new TopicPartition("events-dead-letters", 0);
    consumer.assign(List.of(deadLetters));
    consumer.seekToBeginning(List.of(deadLetters));
    thread = new Thread(this::read, "realtime-benchmark-output");
    thread.setDaemon(true);
  }

  static OutputLatency start(String servers) {
    OutputLatency latency = new OutputLatency(servers);
    latency.thread.start();
    return latency;
  }

  private void read() {
    while (running) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
        long now = System.currentTimeMillis();
        try {
          JsonNode input = JSON.readTree(JSON.readTree(r.value()).get("input").asText());
          JsonNode sent = input == null ? null : input.get("sentMillis");
          if (sent != null) {
            synchronized (this) {
              String id = input.get("eventId").asText();
              if (seen.add(id)) {
                millis.add(now - sent.asLong());
                highest = Math.max(highest, Long.parseLong(id.substring(1)));
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          // not a probe's dead letter
        }
      }
    }
  }

  /** The number of the newest event whose probe came out, or -1. */
  long highest() {
    return highest;
  }

  /** Waits until {@code probes} probes were seen, or {@code timeout} passed. */
  boolean awaitProbes(long probes, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      synchronized (this) {
        if (millis.size() >= probes) {
          return true;
        }
      }
      Thread.sleep(200);
    }
    return false;
  }

  synchronized Percentiles percentiles(long expected) {
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, expected, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Percentiles(sorted.length, expected, percentile(sorted, 0.50),
        percentile(sorted, 0.99), sorted[sorted.length - 1]);
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
    consumer.close();
  }
}
