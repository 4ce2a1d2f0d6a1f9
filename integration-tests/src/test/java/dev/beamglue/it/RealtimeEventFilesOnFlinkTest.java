package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.benchmarks.realtime.LocalKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file outputs of {@code realtime-events} on Flink (embedded, streaming) against an in-process
 * broker, read back: the per-minute item counts and the sessions as Parquet (read with DuckDB) and
 * the hourly interaction CSV files, each adding up to every valid event exactly once. The events
 * are two hours old, so the idle watermark closes every window, hourly ones included.
 */
class RealtimeEventFilesOnFlinkTest {

  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
  void theParquetAndInteractionFilesHoldEveryValidEventOnce() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(dir)) {
      kafka.createRealtimeEventsTopics();
      Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
      RealtimeEventsOnFlinkTest.Plan plan = new RealtimeEventsOnFlinkTest.Plan(base);
      RealtimeEventsOnFlinkTest.produce(kafka, plan.firstHalf, -1);
      RealtimeEventsOnFlinkTest.produce(kafka, plan.secondHalf, -1);
      long valid = plan.expectedCounts().values().stream().mapToLong(Long::longValue).sum();
      Path output = dir.resolve("out");
      PipelineResult job = RealtimeEventsOnFlinkTest.run(kafka, dir.resolve("checkpoints"), null,
          output);
      try {
        RealtimeEventsOnFlinkTest.await("the files of every valid event", Duration.ofSeconds(150),
            () -> sum(output.resolve("item-counts"), "count") == valid
                && sum(output.resolve("sessions"), "eventCount") == valid
                && csvRows(output.resolve("interactions")) == valid,
            () -> "item counts " + sum(output.resolve("item-counts"), "count") + ", sessions "
                + sum(output.resolve("sessions"), "eventCount") + ", interactions "
                + csvRows(output.resolve("interactions")) + " of " + valid);
      } finally {
        RealtimeEventsOnFlinkTest.stop(job);
      }
      assertEquals(valid, sum(output.resolve("item-counts"), "count"), "item counts in Parquet");
      assertEquals(valid, sum(output.resolve("sessions"), "eventCount"), "sessions in Parquet");
      assertEquals(valid, csvRows(output.resolve("interactions")), "interaction rows in CSV");
      assertEquals(plan.expectedCounts(), countsByItem(output.resolve("item-counts")),
          "events per item and minute in the Parquet files");
    }
  }

  /** The finished data files under a folder: hidden and temporary ones left out. */
  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> Stream.of(folder.relativize(p).toString().split("/"))
                  .noneMatch(part -> part.startsWith(".") || part.startsWith("_")))
          .collect(Collectors.toList());
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of(); // a file moved while listing: look again
    }
  }

  private static String list(List<Path> files) {
    return files.stream().map(p -> "'" + p + "'").collect(Collectors.joining(","));
  }

  /** The sum of a column over the Parquet files of a folder, read with DuckDB; -1 if unreadable. */
  static long sum(Path folder, String column) {
    List<Path> files = files(folder);
    if (files.isEmpty()) {
      return 0;
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT coalesce(sum(\"" + column
            + "\"), 0) FROM read_parquet([" + list(files) + "])")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      return -1; // a file still being written
    }
  }

  /** itemId|window start (epoch ms) -> events, from the item count Parquet files. */
  private static Map<String, Long> countsByItem(Path folder) throws SQLException {
    Map<String, Long> counts = new java.util.TreeMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT \"itemId\", epoch_ms(\"windowStart\"),"
            + " sum(\"count\") FROM read_parquet([" + list(files(folder)) + "]) GROUP BY 1, 2")) {
      while (result.next()) {
        counts.put(result.getString(1) + "|" + result.getLong(2), result.getLong(3));
      }
    }
    return counts;
  }

  /** The data rows of the CSV files of a folder, each file's header left out. */
  static long csvRows(Path folder) {
    long rows = 0;
    for (Path file : files(folder)) {
      try (Stream<String> lines = Files.lines(file)) {
        rows += Math.max(0, lines.count() - 1);
      } catch (IOException | java.io.UncheckedIOException e) {
        return -1;
      }
    }
    return rows;
  }
}
