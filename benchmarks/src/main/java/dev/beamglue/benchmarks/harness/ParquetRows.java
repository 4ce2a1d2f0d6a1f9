package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts the rows a contestant wrote by reading its Parquet back with DuckDB, the same way for all.
 *
 * <p>{@code long rows = ParquetRows.countOutput(outDir.resolve("output"));}
 */
public final class ParquetRows {
  private ParquetRows() {}

  /**
   * The data files of an output: every file under {@code output} if it is a folder, or else every
   * file beside it whose name starts with its name (a file prefix, as Beam writes). Files named
   * {@code *.parquet} if there are any, else all but hidden, {@code _SUCCESS}-like and {@code .crc}
   * files.
   */
  public static List<Path> files(Path output) throws IOException {
    List<Path> candidates;
    if (Files.isDirectory(output)) {
      try (Stream<Path> walk = Files.walk(output)) {
        candidates = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      }
    } else {
      Path parent = output.toAbsolutePath().getParent();
      String prefix = output.getFileName().toString();
      try (Stream<Path> list = Files.list(parent)) {
        candidates = list.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().startsWith(prefix))
            .sorted()
            .collect(Collectors.toList());
      }
    }
    List<Path> parquet = candidates.stream()
        .filter(p -> p.getFileName().toString().endsWith(".parquet"))
        .collect(Collectors.toList());
    if (!parquet.isEmpty()) {
      return parquet;
    }
    return candidates.stream()
        .filter(p -> {
          String name = p.getFileName().toString();
          return !name.startsWith(".") && !name.startsWith("_") && !name.endsWith(".crc");
        })
        .collect(Collectors.toList());
  }

  /** The number of rows in these Parquet files, read with DuckDB's {@code read_parquet}. */
  public static long count(List<Path> files) throws SQLException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no Parquet files to count: the contestant wrote nothing");
    }
    String list = files.stream().map(ParquetRows::quote).collect(Collectors.joining(", "));
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads=2");
      try (ResultSet result = statement.executeQuery("SELECT count(*) FROM read_parquet([" + list + "])")) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /**
   * The rows of one output ({@link #files}), or an {@link IOException} that says the contestant wrote
   * no Parquet that DuckDB can read back from it.
   */
  public static long countOutput(Path output) throws IOException {
    try {
      return count(files(output));
    } catch (Exception e) {
      throw new IOException(
          "wrote no Parquet that DuckDB can read back from " + output + "*: " + e.getMessage(), e);
    }
  }

  /** A path as a DuckDB string literal: absolute, single quotes doubled. */
  public static String quote(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
