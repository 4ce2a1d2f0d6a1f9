package dev.beamglue.benchmarks.crawl;

import dev.beamglue.benchmarks.harness.Flags;
import dev.beamglue.benchmarks.harness.ParquetRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The crawl benchmark's DuckDB peer: infers the schema of every table folder of the input with
 * DuckDB's sniffers ({@code read_csv_auto}, {@code read_json_auto} with Hive partitioning), which
 * sample the files as beamglue's crawler does, and writes the schemas to {@code OUTPUT/schemas.txt}.
 *
 * <p>{@code java -cp ... DuckDbSchemaInference --input=crawl-small/ --output=out/ --threads=2}
 */
public final class DuckDbSchemaInference {
  private DuckDbSchemaInference() {}

  public static void main(String[] args) throws SQLException, IOException {
    Flags flags = Flags.parse(args, "input", "output", "threads");
    Path input = Path.of(flags.required("input"));
    Path output = Path.of(flags.required("output"));
    StringBuilder schemas = new StringBuilder();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads=" + flags.getLong("threads", 2));
      for (TableFolders.Table table : TableFolders.of(input)) {
        String glob = ParquetRows.quote(table.folder().resolve("**/*." + table.format()));
        String read = table.format().equals("csv")
            ? "read_csv_auto(" + glob + ")"
            : "read_json_auto(" + glob + ", hive_partitioning=true, format='newline_delimited')";
        schemas.append(table.name()).append('\n');
        try (ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + read)) {
          while (columns.next()) {
            schemas.append("  ").append(columns.getString(1)).append(": ").append(columns.getString(2)).append('\n');
          }
        }
      }
    }
    Files.createDirectories(output);
    Files.writeString(output.resolve("schemas.txt"), schemas, StandardCharsets.UTF_8);
  }
}
