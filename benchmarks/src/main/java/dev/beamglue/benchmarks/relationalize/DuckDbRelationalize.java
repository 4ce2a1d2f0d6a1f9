package dev.beamglue.benchmarks.relationalize;

import dev.beamglue.benchmarks.harness.Flags;
import dev.beamglue.benchmarks.harness.ParquetRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The commits of the GitHub events relationalized in DuckDB SQL over JDBC: one of the relationalize
 * benchmark's peers. It writes the root table and the commits table, each as one snappy Parquet file
 * in its folder under {@code --output}.
 *
 * <p>{@code java -cp ... DuckDbRelationalize --input=events.ndjson --output=out/ --threads=2}
 *
 * <p>The events are read once with {@code read_json_auto} (malformed lines skipped with {@code
 * ignore_errors}; a row of nulls it makes of one is dropped by {@code id IS NOT NULL}) into a temporary
 * table of the columns both tables need; the root table is {@code id}, {@code type}, {@code
 * actor.login}, {@code repo.name}, {@code org.login}, {@code public}, {@code created_at} flattened to
 * {@code actor_login} and so on, with {@code payload_commits} the join key; the commits table is
 * {@code unnest(payload.commits)} beside {@code generate_subscripts} (from 0, as Glue and {@code
 * posexplode} count), with the key as {@code id}. The key is the event id as a BIGINT, null where
 * the event has no commits array.
 */
public final class DuckDbRelationalize {
  /** The folders of the two tables under the output, named as beamglue names them for root "events". */
  public static final String ROOT = "events";
  public static final String COMMITS = "events_payload.commits";

  private DuckDbRelationalize() {}

  /** The statements that do the whole job, in order. */
  static List<String> statements(Path input, Path output) {
    return List.of(
        "CREATE TEMP TABLE relationalize_events AS SELECT id, type, actor.login AS actor_login,"
            + " repo.name AS repo_name, org.login AS org_login, public, created_at,"
            + " CAST(id AS BIGINT) AS commits_key, payload.commits AS commits"
            + " FROM read_json_auto(" + ParquetRows.quote(input)
            + ", ignore_errors=true, format='newline_delimited') WHERE id IS NOT NULL",
        "COPY (SELECT id, type, actor_login, repo_name, org_login, public, created_at,"
            + " CASE WHEN commits IS NULL THEN NULL ELSE commits_key END AS payload_commits"
            + " FROM relationalize_events)"
            + " TO " + ParquetRows.quote(output.resolve(ROOT).resolve("part-0.parquet"))
            + " (FORMAT PARQUET, COMPRESSION SNAPPY)",
        "COPY (SELECT id, \"index\", c.sha AS payload_commits_val_sha,"
            + " c.author.email AS payload_commits_val_author_email,"
            + " c.author.name AS payload_commits_val_author_name,"
            + " c.message AS payload_commits_val_message, c.\"distinct\" AS payload_commits_val_distinct,"
            + " c.url AS payload_commits_val_url"
            + " FROM (SELECT commits_key AS id, generate_subscripts(commits, 1) - 1 AS \"index\","
            + " unnest(commits) AS c FROM relationalize_events WHERE commits IS NOT NULL))"
            + " TO " + ParquetRows.quote(output.resolve(COMMITS).resolve("part-0.parquet"))
            + " (FORMAT PARQUET, COMPRESSION SNAPPY)");
  }

  /** Runs the job with {@code threads} threads. */
  static void run(Path input, Path output, long threads) throws IOException, SQLException {
    Files.createDirectories(output.resolve(ROOT));
    Files.createDirectories(output.resolve(COMMITS));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads=" + threads);
      for (String sql : statements(input, output)) {
        statement.execute(sql);
      }
    }
  }

  public static void main(String[] args) throws IOException, SQLException {
    Flags flags = Flags.parse(args, "input", "output", "threads");
    run(Path.of(flags.required("input")), Path.of(flags.required("output")), flags.getLong("threads", 2));
  }
}
