package dev.beamglue.benchmarks.githubevents;

import dev.beamglue.benchmarks.harness.Flags;
import dev.beamglue.benchmarks.harness.ParquetRows;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The github-events job written directly in DuckDB SQL over JDBC: one of the benchmark's peers.
 *
 * <p>{@code java -cp ... DuckDbGithubEvents --input=events.ndjson --output=out.parquet --threads=2}
 *
 * <p>It reads the newline-delimited JSON with {@code read_json_auto} (malformed lines skipped with
 * {@code ignore_errors}), keeps the nine columns of beamglue's default mapping and writes one snappy Parquet file: the same COPY as
 * {@code COPY (SELECT CAST(id AS BIGINT) id, type, actor.login AS actor, ...) TO 'out.parquet'}, see
 * {@link #copySql}.
 */
public final class DuckDbGithubEvents {
  private DuckDbGithubEvents() {}

  /**
   * The COPY statement that does the whole job. DuckDB infers {@code payload.size}, an int in most
   * records and a string in some, as JSON: {@code ->>'$'} takes its text without JSON quotes ({@code 3}
   * rather than {@code "3"}), as Spark's string does. {@code ignore_errors} turns a malformed line into
   * a row of nulls; {@code WHERE id IS NOT NULL} drops those (every event has an id), so that, like the
   * other contestants, DuckDB writes only the valid events.
   */
  static String copySql(Path input, Path output) {
    return "COPY (SELECT CAST(id AS BIGINT) AS id, type,"
        + " CAST(CAST(actor.id AS JSON)->>'$' AS BIGINT) AS actor_id,"
        + " actor.login AS actor, repo.name AS repo, org.login AS org,"
        + " CAST(payload.size AS JSON)->>'$' AS commit_count, public,"
        + " CAST(created_at AS TIMESTAMP) AS created_at"
        + " FROM read_json_auto(" + ParquetRows.quote(input) + ", ignore_errors=true, format='newline_delimited')"
        + " WHERE id IS NOT NULL)"
        + " TO " + ParquetRows.quote(output) + " (FORMAT PARQUET, COMPRESSION SNAPPY)";
  }

  public static void main(String[] args) throws SQLException {
    Flags flags = Flags.parse(args, "input", "output", "threads");
    Path input = Path.of(flags.required("input"));
    Path output = Path.of(flags.required("output"));
    long threads = flags.getLong("threads", 2);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads=" + threads);
      statement.execute(copySql(input, output));
    }
  }
}
