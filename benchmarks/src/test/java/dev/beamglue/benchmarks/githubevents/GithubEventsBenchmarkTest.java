package dev.beamglue.benchmarks.githubevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's pieces that need no child process: docs, table, output files, flags. */
class GithubEventsBenchmarkTest {

  @Test
  void replacesOnlyTheMarkedSection() {
    String doc = "# Benchmarks\n\nintro\n\n<!-- github-events:begin -->\nold table\n<!-- github-events:end -->\n\ntail\n";
    String updated = BenchmarksDoc.withSection(doc, "github-events", "new table\n", "## ignored");
    assertEquals(
        "# Benchmarks\n\nintro\n\n<!-- github-events:begin -->\nnew table\n<!-- github-events:end -->\n\ntail\n",
        updated);
  }

  @Test
  void appendsIntroAndMarkersWhenMissingAndCreatesTheFile(@TempDir Path dir) throws IOException {
    Path doc = dir.resolve("docs/BENCHMARKS.md");
    BenchmarksDoc.replaceSection(doc, "github-events", "first", "# Benchmarks", "## github-events");
    BenchmarksDoc.replaceSection(doc, "github-events", "second", "# Benchmarks", "## github-events");
    assertEquals(
        "# Benchmarks\n\n## github-events\n\n<!-- github-events:begin -->\nsecond\n<!-- github-events:end -->\n",
        new String(Files.readAllBytes(doc), StandardCharsets.UTF_8));
  }

  @Test
  void refusesALoneMarker() {
    assertThrows(IllegalStateException.class,
        () -> BenchmarksDoc.withSection("<!-- github-events:end -->\n", "github-events", "x", "y"));
  }

  @Test
  void tableGivesMediansRatiosAndFlagsWrongRowCounts() {
    Path java = Path.of("java");
    GithubEventsBenchmark.Result spark = new GithubEventsBenchmark.Result(Contestant.sparkSql(java, List.of(), "cp"));
    spark.seconds.addAll(List.of(12.0, 10.0, 11.0));
    spark.rows.addAll(List.of(99L, 99L, 99L));
    GithubEventsBenchmark.Result duck = new GithubEventsBenchmark.Result(Contestant.duckDb(java, List.of(), "cp"));
    duck.seconds.addAll(List.of(2.0, 3.0));
    duck.rows.addAll(List.of(100L, 100L));
    GithubEventsBenchmark.Result flink = new GithubEventsBenchmark.Result(
        Contestant.beamglue("flink", "beamglue on Flink", Path.of("/no/such/bin/beamglue"), List.of()));
    Map<String, GithubEventsBenchmark.Result> results = new LinkedHashMap<>();
    results.put("flink", flink);
    results.put("sparksql", spark);
    results.put("duckdb", duck);

    String[] lines = GithubEventsBenchmark.table(results, 3, 99).split("\n");
    assertEquals("| contestant | runs | median s | min s | max s | vs Spark SQL | rows written |", lines[0]);
    assertTrue(lines[2].startsWith("| beamglue on Flink | 0 of 3 | not measured: the command bin/beamglue does not exist"),
        lines[2]);
    assertEquals("| Spark SQL local[2] | 3 | 11.0 | 10.0 | 12.0 | 1.00x | 99 |", lines[3]);
    assertEquals("| DuckDB (JDBC, 2 threads) | 2 | 2.5 | 2.0 | 3.0 | 0.23x | 100 (expected 99) |", lines[4]);
  }

  @Test
  void rowsShowDisagreeingRuns() {
    assertEquals("1,000 / 1,001 (expected 1,000)", GithubEventsBenchmark.rows(List.of(1000L, 1001L), 1000));
  }

  @Test
  void findsOutputFilesInAFolderOrByPrefix(@TempDir Path dir) throws IOException {
    Path spark = Files.createDirectories(dir.resolve("spark/output"));
    Files.write(spark.resolve("part-0.snappy.parquet"), new byte[] {1});
    Files.write(spark.resolve(".part-0.snappy.parquet.crc"), new byte[] {1});
    Files.write(spark.resolve("_SUCCESS"), new byte[0]);
    assertEquals(List.of(spark.resolve("part-0.snappy.parquet")), ParquetRows.files(spark));

    Path beam = Files.createDirectories(dir.resolve("beam"));
    Files.write(beam.resolve("output-00000-of-00002"), new byte[] {1});
    Files.write(beam.resolve("output-00001-of-00002"), new byte[] {1});
    Files.write(beam.resolve("errors-00000-of-00001.json"), new byte[] {1});
    assertEquals(
        List.of(beam.resolve("output-00000-of-00002"), beam.resolve("output-00001-of-00002")),
        ParquetRows.files(beam.resolve("output")));
  }

  @Test
  void countsParquetRowsWithDuckDb(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("events.ndjson");
    GithubEventsGenerator.write(input, 1_000, 9, 0);
    Path output = dir.resolve("out.parquet");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement s = c.createStatement()) {
      s.execute(DuckDbGithubEvents.copySql(input, output));
    }
    assertEquals(1_000, ParquetRows.count(List.of(output)));
  }

  @Test
  void readsTheOneFlagListAndFindsTheRepositoryRoot(@TempDir Path dir) throws IOException {
    Path config = Files.createDirectories(dir.resolve("runners-config"));
    Files.writeString(config.resolve("jvm.properties"), "# flags\nbeamglue.jvm.flags=--add-opens=a  -Db=c\n");
    assertEquals(List.of("--add-opens=a", "-Db=c"), GithubEventsBenchmark.jvmFlags(config.resolve("jvm.properties")));
    assertEquals(dir.toAbsolutePath().normalize(), GithubEventsBenchmark.repoRoot(dir.toString()));
    assertThrows(IllegalArgumentException.class, () -> GithubEventsBenchmark.repoRoot(config.toString()));
  }

  @Test
  void rejectsUnknownFlags() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"--evnts=3"}, "events"));
    assertTrue(e.getMessage().contains("--evnts"), e.getMessage());
  }
}
