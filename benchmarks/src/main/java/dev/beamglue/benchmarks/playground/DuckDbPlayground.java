package dev.beamglue.benchmarks.playground;

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
 * The playground transform in DuckDB SQL over JDBC: one of the playground benchmark's peers. It
 * reads the same raw zone as {@link SparkSqlPlayground} ({@code read_csv} with every column as text,
 * {@code read_parquet}), runs {@link PlaygroundSql#query} and writes one snappy Parquet file to
 * {@code OUTPUT/processed/year=Y/month=M/day=D/}.
 *
 * <p>{@code java -cp ... DuckDbPlayground --warehouse=W --runDate=2019-06-01 --output=out/ --threads=2}
 */
public final class DuckDbPlayground {
  private DuckDbPlayground() {}

  /** The statements that do the whole job, in order. */
  static List<String> statements(String warehouse, String runDate, Path processed) {
    return List.of(
        "CREATE VIEW income_raw AS SELECT * FROM read_csv("
            + ParquetRows.quote(Path.of(PlaygroundSql.rawIncome(warehouse), "*.csv"))
            + ", header=true, all_varchar=true)",
        "CREATE VIEW parks AS SELECT * FROM read_parquet("
            + ParquetRows.quote(Path.of(PlaygroundSql.rawParks(warehouse, runDate), "*.parquet")) + ")",
        "CREATE VIEW playgrounds AS SELECT * FROM read_parquet("
            + ParquetRows.quote(Path.of(PlaygroundSql.rawPlaygrounds(warehouse, runDate), "*.parquet")) + ")",
        "COPY (" + PlaygroundSql.query(PlaygroundSql.DUCKDB_PARK_ROWS) + ") TO "
            + ParquetRows.quote(processed.resolve("part-0.parquet")) + " (FORMAT PARQUET, COMPRESSION SNAPPY)");
  }

  /** Runs the job with {@code threads} threads. */
  static void run(String warehouse, String runDate, String output, long threads) throws IOException, SQLException {
    Path processed = Path.of(PlaygroundSql.processed(output, runDate));
    Files.createDirectories(processed);
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads=" + threads);
      for (String sql : statements(warehouse, runDate, processed)) {
        statement.execute(sql);
      }
    }
  }

  public static void main(String[] args) throws IOException, SQLException {
    Flags flags = Flags.parse(args, "warehouse", "runDate", "output", "threads");
    run(flags.required("warehouse"), flags.required("runDate"), flags.required("output"),
        flags.getLong("threads", 2));
  }
}
