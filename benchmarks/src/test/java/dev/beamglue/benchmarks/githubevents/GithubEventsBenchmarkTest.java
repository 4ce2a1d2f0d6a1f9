package dev.beamglue.benchmarks.githubevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Contestant;
import dev.beamglue.benchmarks.harness.ParquetRows;
import dev.beamglue.benchmarks.harness.Result;
import dev.beamglue.benchmarks.harness.ResultsTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The github-events harness's own pieces (the shared ones are tested in the harness package). */
class GithubEventsBenchmarkTest {
  private static final ChildJvm JVM = new ChildJvm(Path.of("java"), List.of(), "cp");

  @Test
  void tableGivesMediansRatiosAndFlagsWrongRowCounts() {
    Result spark = new Result(GithubEventsBenchmark.sparkSql(JVM), 1);
    spark.add(12.0, 99);
    spark.add(10.0, 99);
    spark.add(11.0, 99);
    Result duck = new Result(GithubEventsBenchmark.duckDb(JVM), 1);
    duck.add(2.0, 100);
    duck.add(3.0, 100);
    Result flink = new Result(
        GithubEventsBenchmark.beamglue("flink", "beamglue on Flink", Path.of("/no/such/bin/beamglue"), List.of()), 1);

    String[] lines = ResultsTable.markdown(List.of(flink, spark, duck), 3, GithubEventsBenchmark.counts(99)).split("\n");
    assertEquals("| contestant | runs | median s | min s | max s | vs Spark SQL | rows written |", lines[0]);
    assertEquals("|---|---:|---:|---:|---:|---:|---:|", lines[1]);
    assertTrue(lines[2].startsWith("| beamglue on Flink | 0 of 3 | not measured: the command bin/beamglue does not exist"),
        lines[2]);
    assertTrue(lines[2].endsWith("--skip=flink | | | | |"), lines[2]);
    assertEquals("| Spark SQL local[2] | 3 | 11.0 | 10.0 | 12.0 | 1.00x | 99 |", lines[3]);
    assertEquals("| DuckDB (JDBC, 2 threads) | 2 | 2.5 | 2.0 | 3.0 | 0.23x | 100 (expected 99) |", lines[4]);
  }

  @Test
  void contestantsRunTheJobWithTheirFlags() {
    Path in = Path.of("/w/in.ndjson");
    Path out = Path.of("/w/out/x");
    List<Contestant> all = GithubEventsBenchmark.contestants(Path.of("/repo/bin/beamglue"), JVM);
    assertEquals(List.of("flink", "spark", "sparksql", "duckdb"), all.stream().map(c -> c.key).toList());
    assertEquals(
        List.of("/repo/bin/beamglue", "run", "github-events", "--runner=FlinkRunner", "--parallelism=2",
            "--input=/w/in.ndjson", "--output=/w/out/x/output", "--errors=/w/out/x/errors"),
        all.get(0).command(in, out));
    assertEquals(
        List.of("java", "-cp", "cp", SparkSqlGithubEvents.class.getName(),
            "--input=/w/in.ndjson", "--output=/w/out/x/output", "--master=local[2]"),
        all.get(2).command(in, out));
    assertEquals(
        List.of("java", "-cp", "cp", DuckDbGithubEvents.class.getName(),
            "--input=/w/in.ndjson", "--output=/w/out/x/output.parquet", "--threads=2"),
        all.get(3).command(in, out));
  }

  @Test
  void countsParquetRowsWithDuckDb(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("events.ndjson");
    GithubEventsGenerator.write(input, 1_000, 9, 0);
    Path output = java.nio.file.Files.createDirectories(dir.resolve("out")).resolve("output.parquet");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement s = c.createStatement()) {
      s.execute(DuckDbGithubEvents.copySql(input, output));
    }
    assertEquals(1_000, ParquetRows.count(List.of(output)));
    // The harness counts what DuckDB wrote beside the output prefix, as it does for every run.
    assertEquals(1_000, GithubEventsBenchmark.counts(1_000).get(0).count(dir.resolve("out")));
  }

  @Test
  void theInputIsMadeOnceAndDescribed(@TempDir Path dir) throws Exception {
    GithubEventsInput data = new GithubEventsInput(300, 5, 97);
    Path file = data.file(dir);
    assertEquals(dir.resolve("github-events-300-seed5-malformed97.ndjson"), file);
    long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
    assertEquals(file, data.file(dir));
    assertEquals(modified, java.nio.file.Files.getLastModifiedTime(file).toMillis());
    assertEquals(297, data.validEvents());
    assertTrue(data.describe(file).startsWith("Data: 300 events (297 valid, 3 malformed), seed 5, "),
        data.describe(file));
    long commits = GithubEventsGenerator.commits(300, 5, 97);
    assertEquals(commits, data.commits(file));
    assertEquals(commits + "\n", java.nio.file.Files.readString(dir.resolve(file.getFileName() + ".commits")));
  }
}
