package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code beamglue crawl} then {@code beamglue sql}: the exact tables the command prints for a
 * filter on a partition column, a grouped count and average, a left join (on each runner), the
 * CSV and JSON formats, {@code --maxRows}; one sentence for each bad query or option.
 */
class SqlCommandTest {

  @TempDir Path dir;

  private final CommandLine cli = new CommandLine();

  private int sql(String query, String... flags) {
    List<String> args = new ArrayList<>(List.of("sql", query, "--catalog=" + dir.resolve("catalog"),
        "--tempLocation=" + dir.resolve("tmp")));
    args.addAll(List.of(flags));
    return cli.run(args.toArray(String[]::new));
  }

  private static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }

  private void file(String relative, String... lines) throws IOException {
    Path file = dir.resolve("data").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  @BeforeEach
  void crawlTwoTables() throws IOException {
    file("orders/year=2024/part-0.json",
        "{\"order_id\":1,\"customer\":\"ann\",\"amount\":10.5}",
        "{\"order_id\":2,\"customer\":\"bob\",\"amount\":3.25}");
    file("orders/year=2025/part-0.json",
        "{\"order_id\":3,\"customer\":\"cy\",\"amount\":7.0}",
        "{\"order_id\":4,\"customer\":\"ann\",\"amount\":1.5}",
        "{\"order_id\":5,\"customer\":\"ed\",\"amount\":2.0}");
    file("customers/part-0.json",
        "{\"customer\":\"ann\",\"city\":\"Oslo\"}",
        "{\"customer\":\"bob\",\"city\":\"Lima\"}",
        "{\"customer\":\"cy\",\"city\":\"Oslo, Norway\"}");
    assertEquals(0, cli.run("crawl", "--path=" + dir.resolve("data"), "--database=shop",
        "--catalog=" + dir.resolve("catalog")), cli.err());
  }

  @Test
  void filtersOnAPartitionColumn() {
    assertEquals(0, sql("SELECT order_id, customer, amount, `year` FROM shop.orders "
        + "WHERE `year` = '2025' ORDER BY order_id DESC LIMIT 10"), cli.oneSentence());
    assertEquals(lines(
        "order_id | customer | amount | year",
        "-------- | -------- | ------ | ----",
        "       5 | ed       |    2.0 | 2025",
        "       4 | ann      |    1.5 | 2025",
        "       3 | cy       |    7.0 | 2025",
        "(3 rows)"), cli.out());
  }

  @Test
  void groupsWithCountAndAverageInTheDefaultDatabase() {
    assertEquals(0, sql("SELECT customer, COUNT(*) AS orders, AVG(amount) AS avg_amount "
        + "FROM orders GROUP BY customer", "--database=shop"), cli.oneSentence());
    assertEquals(lines(
        "customer | orders | avg_amount",
        "-------- | ------ | ----------",
        "ann      |      2 |        6.0",
        "bob      |      1 |       3.25",
        "cy       |      1 |        7.0",
        "ed       |      1 |        2.0",
        "(4 rows)"), cli.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"DirectRunner", "FlinkRunner", "SparkRunner"})
  void joinsTwoTablesOnEveryRunner(String runner) {
    assertEquals(0, sql("SELECT c.city, COUNT(*) AS orders, SUM(o.amount) AS total "
        + "FROM shop.orders o LEFT JOIN shop.customers c ON o.customer = c.customer "
        + "GROUP BY c.city ORDER BY total DESC LIMIT 10", "--runner=" + runner), cli.oneSentence());
    assertEquals(lines(
        "city         | orders | total",
        "------------ | ------ | -----",
        "Oslo         |      2 |  12.0",
        "Oslo, Norway |      1 |   7.0",
        "Lima         |      1 |  3.25",
        "NULL         |      1 |   2.0",
        "(4 rows)"), cli.out());
  }

  @Test
  void printsAtMostMaxRowsAndSaysHowManyMore() {
    assertEquals(0, sql("SELECT order_id FROM shop.orders", "--maxRows=2"), cli.oneSentence());
    assertEquals(lines(
        "order_id",
        "--------",
        "       1",
        "       2",
        "(5 rows; 3 more not shown, see --maxRows)"), cli.out());
  }

  @Test
  void printsCsvAndJson() {
    assertEquals(0, sql("SELECT customer, city FROM shop.customers ORDER BY customer LIMIT 2",
        "--format=csv"), cli.oneSentence());
    assertEquals(lines("customer,city", "ann,Oslo", "bob,Lima"), cli.out());
    assertEquals(0, sql("SELECT c.city, o.amount FROM shop.orders o LEFT JOIN shop.customers c "
        + "ON o.customer = c.customer WHERE o.amount < 3", "--format=json"), cli.oneSentence());
    assertEquals(lines("{\"city\":\"Oslo\",\"amount\":1.5}", "{\"city\":null,\"amount\":2.0}"),
        cli.out());
    assertEquals(0, sql("SELECT city FROM shop.customers WHERE customer = 'cy'", "--format=csv"),
        cli.oneSentence());
    assertEquals(lines("city", "\"Oslo, Norway\""), cli.out());
  }

  @Test
  void leavesNoTemporaryFiles() throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    assertEquals(0, sql("SELECT customer FROM shop.customers"), cli.oneSentence());
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aBadQueryIsOneSentenceAndExitCode2() {
    assertEquals(2, sql("SELECT customer,\nFROM shop.orders"));
    assertEquals("beamglue sql: SQL syntax error at line 1, column 16: Encountered \", FROM\".",
        cli.oneSentence());
    assertEquals(2, sql("SELECT * FROM shop.nope"));
    assertEquals("beamglue sql: Unknown table shop.nope at line 1, column 15.", cli.oneSentence());
    assertEquals(2, sql("SELECT * FROM nope.orders"));
    assertEquals("beamglue sql: Unknown database nope in nope.orders at line 1, column 15; the "
        + "databases are shop.", cli.oneSentence());
    assertEquals(2, sql("SELECT * FROM orders", "--database=nope"));
    assertTrue(cli.oneSentence().startsWith("beamglue sql: ") && cli.oneSentence().contains("nope"), cli.oneSentence());
    assertEquals(2, sql("SELECT price FROM shop.orders"));
    assertEquals("beamglue sql: Column 'price' not found in any table at line 1, column 8.",
        cli.oneSentence());
    assertEquals(2, sql("SELECT customer FROM shop.orders ORDER BY customer"));
    assertEquals("beamglue sql: Beam SQL sorts only the first rows: add a LIMIT after ORDER BY "
        + "(ORDER BY ... LIMIT 100).", cli.oneSentence());
  }

  @Test
  void aBadOptionIsOneSentenceAndExitCode2() {
    assertEquals(2, sql("SELECT 1", "--format=xml"));
    assertEquals("beamglue sql: --format=xml is not a format; the formats are table, csv and "
        + "json.", cli.oneSentence());
    assertEquals(2, sql("SELECT 1", "--rows=3"));
    assertEquals("beamglue sql: unknown option --rows; 'beamglue sql --help' lists the options.",
        cli.oneSentence());
    assertEquals(2, cli.run("sql"));
    assertTrue(cli.oneSentence().startsWith("beamglue sql: give the query, in quotes"), cli.oneSentence());
  }

  @Test
  void aFailedRunIsExitCode1() throws IOException {
    file("orders/year=2025/part-1.json", "{\"order_id\":\"six\",\"customer\":\"fay\"}");
    assertEquals(1, sql("SELECT order_id FROM shop.orders"));
    assertTrue(cli.oneSentence().startsWith("beamglue sql: the query failed: Table shop.orders holds a record "
        + "that does not fit its columns at "), cli.oneSentence());
  }
}
