package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.parquet.ParquetFiles;
import dev.beamglue.testing.jdbc.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The convert pipeline against a real PostgreSQL: a table read in parallel ranges and exported as
 * Parquet partitioned by region, with a catalog update, on Direct, Flink {@code [local]} and Spark
 * {@code local[2]} (the exports are equal); then the cataloged export loaded back into a new table
 * on each runner, which holds the same rows as the original.
 */
class JdbcConvertOnAllRunnersTest {

  private static final int ROWS = 20_000;
  private static final String ORIGINAL =
      "SELECT count(*), sum(id), sum(amount), count(note), min(ordered_at), max(ordered_at)";

  @TempDir static Path work;
  private static LocalPostgres postgres;
  private static final Map<String, List<String>> EXPORT_BY_RUNNER = new LinkedHashMap<>();
  private static final Map<String, String> LOADED_BY_RUNNER = new LinkedHashMap<>();

  @BeforeAll
  static void exportAndLoadOnEveryRunner() throws Exception {
    postgres = LocalPostgres.start();
    postgres.execute(
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(10,2),"
            + " region text NOT NULL, note text, ordered_at timestamp)",
        "INSERT INTO orders SELECT g, 'customer-' || (g % 997), (g % 10000) / 100.0,"
            + " (ARRAY['north','south','east','west'])[g % 4 + 1],"
            + " CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || g END,"
            + " TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '1 minute'"
            + " FROM generate_series(1, " + ROWS + ") g");
    for (String[] runner : new String[][] {{"DirectRunner"}, {"FlinkRunner", "--parallelism=2"},
        {"SparkRunner", "--sparkMaster=local[2]"}}) {
      String name = runner[0];
      List<String> runnerFlags = List.of(runner).subList(1, runner.length);
      String table = "orders_" + name.toLowerCase();
      run(name, runnerFlags, "--jdbcTable=orders", "--jdbcPartitionColumn=id",
          "--jdbcPartitions=4", "--output=" + work.resolve(name).resolve("orders"),
          "--partitionKeys=region", "--targetTable=exports." + table);
      EXPORT_BY_RUNNER.put(name, exported(work.resolve(name).resolve("orders")));
      run(name, runnerFlags, "--sourceTable=exports." + table, "--targetJdbcTable=" + table,
          "--createTable");
      LOADED_BY_RUNNER.put(name, summary(ORIGINAL + " FROM " + table));
    }
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static void run(String runner, List<String> runnerFlags, String... jobFlags) {
    List<String> args = new ArrayList<>(List.of("--runner=" + runner,
        "--catalog=" + work.resolve("catalog"), "--errors=" + work.resolve(runner + "-errors"),
        "--overwrite"));
    args.addAll(runnerFlags);
    args.addAll(postgres.flags());
    args.addAll(List.of(jobFlags));
    ConvertRuns.run(args);
  }

  private static List<String> exported(Path folder) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        String region = file.getParent().getFileName().toString();
        for (GenericRecord r : ParquetFiles.readFile(file)) {
          rows.add(region + "|" + r);
        }
      }
    }
    rows.sort(null);
    return rows;
  }

  private static String summary(String sql) throws SQLException {
    try (Connection c = postgres.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return String.join(" ", values);
    }
  }

  @Test
  void everyRunnerExportsTheSameRowsIntoRegionPartitions() {
    List<String> direct = EXPORT_BY_RUNNER.get("DirectRunner");
    assertEquals(ROWS, direct.size());
    assertEquals(ROWS / 4, direct.stream().filter(r -> r.startsWith("region=north|")).count());
    assertEquals(direct, EXPORT_BY_RUNNER.get("FlinkRunner"));
    assertEquals(direct, EXPORT_BY_RUNNER.get("SparkRunner"));
  }

  @Test
  void theExportCatalogsItsSchema() {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(work.resolve("catalog"));
    assertEquals(List.of("id", "customer", "amount", "note", "ordered_at"),
        catalog.table("exports", "orders_directrunner").columns().getFieldNames());
    assertEquals(4, catalog.partitions("exports", "orders_directrunner").size());
  }

  @Test
  void loadingTheExportBackGivesTheOriginalRowsOnEveryRunner() throws SQLException {
    String original = summary(ORIGINAL + " FROM orders");
    for (Map.Entry<String, String> loaded : LOADED_BY_RUNNER.entrySet()) {
      assertEquals(original, loaded.getValue(), loaded.getKey());
    }
    assertEquals("5000", summary("SELECT count(*) FROM orders_flinkrunner WHERE region = 'west'"));
  }
}
