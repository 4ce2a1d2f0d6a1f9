package dev.beamglue.benchmarks.realtime;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's producer: click events numbered from 0, stamped with the time they are sent,
 * over two partitions in turn; every {@link #PROBE_EVERY}th one a probe ({@code eventType} "probe",
 * which the pipeline refuses) that carries its send time in {@code sentMillis}, so its latency can
 * be read off the dead-letter record.
 *
 * <p>{@code try (EventStream s = new EventStream(servers)) { s.sendUpTo(1000); s.flush(); }}
 */
final class EventStream implements AutoCloseable {
  static final int USERS = 10_000;
  static final int ITEMS = 1_000;
  static final int PROBE_EVERY = 100;

  private final KafkaProducer<String, String> producer;
  private long sent;

  EventStream(String servers) {
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024),
        new StringSerializer(), new StringSerializer());
  }

  /** Sends events until {@code total} have been sent in all. */
  void sendUpTo(long total) {
    while (sent < total) {
      long n = sent++;
      long now = System.currentTimeMillis();
      producer.send(new ProducerRecord<>("events", (int) (n % 2), null, payload(n, now)));
    }
  }

  static String payload(long n, long now) {
    if (n % PROBE_EVERY == PROBE_EVERY - 1) {
      return String.format(Locale.ROOT, "{\"eventId\":\"p%d\",\"eventType\":\"probe\","
          + "\"userId\":\"u%d\",\"itemId\":\"i%d\",\"timestamp\":\"%s\",\"sentMillis\":%d}", n,
          n % USERS, n % ITEMS, Instant.ofEpochMilli(now), now);
    }
    return String.format(Locale.ROOT, "{\"eventId\":\"e%d\",\"eventType\":\"click\","
        + "\"userId\":\"u%d\",\"itemId\":\"i%d\",\"timestamp\":\"%s\"}", n, n % USERS, n % ITEMS,
        Instant.ofEpochMilli(now));
  }

  long sent() {
    return sent;
  }

  /** The probes among the events sent so far. */
  long probes() {
    return sent / PROBE_EVERY;
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
