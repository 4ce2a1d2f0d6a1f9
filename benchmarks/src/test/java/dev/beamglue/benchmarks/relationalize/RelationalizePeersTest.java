package dev.beamglue.benchmarks.relationalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.benchmarks.githubevents.GithubEventsGenerator;
import dev.beamglue.benchmarks.harness.Contestant;
import dev.beamglue.benchmarks.harness.ParquetRows;
import dev.beamglue.benchmarks.harness.RowCount;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers at a tiny size: the root table has one row per valid event, the commits table one row
 * per commit with the columns the doc names, and every commit joins back to its event on the key.
 */
class RelationalizePeersTest {
  private static final List<String> ROOT_COLUMNS = List.of(
      "id", "type", "actor_login", "repo_name", "org_login", "public", "created_at", "payload_commits");
  private static final List<String> COMMIT_COLUMNS = List.of(
      "id", "index", "payload_commits_val_sha", "payload_commits_val_author_email",
      "payload_commits_val_author_name", "payload_commits_val_message", "payload_commits_val_distinct",
      "payload_commits_val_url");

  @Test
  void duckDbWritesBothTables(@TempDir Path dir) throws Exception {
    // No malformed lines: DuckDB's ignore_errors can read on past a truncated line into the next one.
    Path input = dir.resolve("events.ndjson");
    GithubEventsGenerator.write(input, 2_000, 17, 0);
    Path outDir = dir.resolve("out");
    DuckDbRelationalize.run(input, Contestant.output(outDir), 2);
    check(outDir, 2_000, GithubEventsGenerator.commits(2_000, 17, 0));
  }

  @Test
  void sparkSqlWritesBothTablesAndDropsMalformedLines(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("events.ndjson");
    GithubEventsGenerator.write(input, 2_000, 17, 97);
    Path outDir = dir.resolve("out");
    SparkSession spark = SparkSession.builder()
        .master("local[1]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    try {
      SparkSqlRelationalize.run(spark, input.toString(), Contestant.output(outDir).toString());
    } finally {
      spark.stop();
    }
    check(outDir, 2_000 - GithubEventsGenerator.malformedLines(2_000, 97), GithubEventsGenerator.commits(2_000, 17, 97));
  }

  /** The harness's counts, the columns, and the join of every commit back to one root row. */
  private static void check(Path outDir, long events, long commits) throws Exception {
    List<RowCount> counts = RelationalizeBenchmark.counts(events, commits);
    assertEquals(events, counts.get(0).count(outDir));
    assertEquals(commits, counts.get(1).count(outDir));
    Path root = Contestant.output(outDir).resolve(DuckDbRelationalize.ROOT);
    Path commitTable = Contestant.output(outDir).resolve(DuckDbRelationalize.COMMITS);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("CREATE VIEW r AS SELECT * FROM read_parquet(" + files(root) + ")");
      s.execute("CREATE VIEW k AS SELECT * FROM read_parquet(" + files(commitTable) + ")");
      assertEquals(ROOT_COLUMNS, columns(s, "r"));
      assertEquals(COMMIT_COLUMNS, columns(s, "k"));
      assertEquals(commits, single(s, "SELECT count(*) FROM k JOIN r ON k.id = r.payload_commits"));
      assertEquals(commits, single(s, "SELECT count(*) FROM k JOIN r ON k.id = r.payload_commits"
          + " WHERE r.type = 'PushEvent' AND k.id = CAST(r.id AS BIGINT)"
          + " AND k.payload_commits_val_url LIKE '%/' || r.repo_name || '/commits/' || k.payload_commits_val_sha"));
      assertEquals(0, single(s, "SELECT count(*) FROM r WHERE (type = 'PushEvent') = (payload_commits IS NULL)"));
      assertEquals(0, single(s, "SELECT count(*) FROM (SELECT id, max(\"index\") m, min(\"index\") n, count(*) c"
          + " FROM k GROUP BY id) WHERE n <> 0 OR m <> c - 1"));
    }
  }

  private static String files(Path table) throws Exception {
    List<String> quoted = new ArrayList<>();
    for (Path p : ParquetRows.files(table)) {
      quoted.add(ParquetRows.quote(p));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  private static List<String> columns(Statement s, String view) throws Exception {
    List<String> names = new ArrayList<>();
    try (ResultSet r = s.executeQuery("SELECT column_name FROM (DESCRIBE " + view + ")")) {
      while (r.next()) {
        names.add(r.getString(1));
      }
    }
    return names;
  }

  private static long single(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
