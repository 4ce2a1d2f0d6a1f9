package dev.beamglue.io.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.crawler.Crawler;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beam SQL over crawled catalog tables: a filter on a partition column, a grouped count and
 * average, a join of two tables, the default database, and one sentence for each bad query.
 */
class CatalogSqlTest {

  @TempDir Path dir;
  private EmbeddedCatalog catalog;

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
        "{\"customer\":\"cy\",\"city\":\"Oslo\"}");
    file("parks/part-0.json",
        "{\"name\":\"Canarsie\",\"zip\":11236}",
        "{\"name\":\"Seaview\",\"zip\":\"11236, 11239\"}");
    catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    Crawler.of(dir.resolve("data").toString(), "shop").crawl(catalog);
  }

  @Test
  @PipelineTest
  void filtersOnAPartitionColumn() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows = p.apply(CatalogSql.query(catalog,
        "SELECT order_id, customer, `year` FROM shop.orders WHERE `year` = '2025'"));
    Schema schema = Schema.builder()
        .addNullableField("order_id", FieldType.INT32)
        .addNullableField("customer", FieldType.STRING)
        .addNullableField("year", FieldType.STRING)
        .build();
    assertEquals(schema, rows.getSchema());
    PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(schema).addValues(3, "cy", "2025").build(),
        Row.withSchema(schema).addValues(4, "ann", "2025").build(),
        Row.withSchema(schema).addValues(5, "ed", "2025").build());
    TestPipelines.runToEnd(p);
  }

  @Test
  @PipelineTest
  void groupsWithCountAndAverage() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows = p.apply(CatalogSql.query(catalog,
        "SELECT customer, COUNT(*) AS orders, AVG(amount) AS avg_amount FROM orders "
            + "GROUP BY customer").withDefaultDatabase("shop"));
    Schema schema = Schema.builder()
        .addNullableField("customer", FieldType.STRING)
        .addField("orders", FieldType.INT64)
        .addNullableField("avg_amount", FieldType.DOUBLE)
        .build();
    assertEquals(schema, rows.getSchema());
    PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(schema).addValues("ann", 2L, 6.0).build(),
        Row.withSchema(schema).addValues("bob", 1L, 3.25).build(),
        Row.withSchema(schema).addValues("cy", 1L, 7.0).build(),
        Row.withSchema(schema).addValues("ed", 1L, 2.0).build());
    TestPipelines.runToEnd(p);
  }

  @Test
  @PipelineTest
  void joinsTwoTables() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows = p.apply(CatalogSql.query(catalog,
        "SELECT c.city, COUNT(*) AS orders, SUM(o.amount) AS total FROM shop.orders o "
            + "JOIN shop.customers c ON o.customer = c.customer GROUP BY c.city"));
    Schema schema = Schema.builder()
        .addNullableField("city", FieldType.STRING)
        .addField("orders", FieldType.INT64)
        .addNullableField("total", FieldType.DOUBLE)
        .build();
    assertEquals(schema, rows.getSchema());
    PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(schema).addValues("Oslo", 3L, 19.0).build(),
        Row.withSchema(schema).addValues("Lima", 1L, 3.25).build());
    TestPipelines.runToEnd(p);
  }

  @Test
  @PipelineTest
  void queriesAChoiceColumnAsText() {
    assertEquals("choice",
        dev.beamglue.transforms.schema.GlueTypes.nameOf(
            catalog.table("shop", "parks").columns().getField("zip").getType()));
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows = p.apply(CatalogSql.query(catalog,
        "SELECT name, zip FROM shop.parks WHERE zip LIKE '11236%'"));
    Schema schema = Schema.builder()
        .addNullableField("name", FieldType.STRING)
        .addNullableField("zip", FieldType.STRING)
        .build();
    assertEquals(schema, rows.getSchema());
    PAssert.that(rows).containsInAnyOrder(
        Row.withSchema(schema).addValues("Canarsie", "11236").build(),
        Row.withSchema(schema).addValues("Seaview", "11236, 11239").build());
    TestPipelines.runToEnd(p);
  }

  private String problem(String sql) {
    Pipeline p = TestPipelines.create();
    return assertThrows(IllegalArgumentException.class,
        () -> p.apply(CatalogSql.query(catalog, sql))).getMessage();
  }

  @Test
  void aSyntaxErrorIsOneSentenceWithItsPosition() {
    assertEquals("SQL syntax error at line 1, column 16: Encountered \", FROM\".",
        problem("SELECT customer,\nFROM shop.orders"));
    assertEquals("SQL syntax error at line 1, column 40: Encountered \"year =\"; year is a reserved "
        + "word in Beam SQL: write a column of that name in backticks, `year`.",
        problem("SELECT order_id FROM shop.orders WHERE year = '2025'"));
  }

  @Test
  void anUnknownTableDatabaseOrColumnIsNamed() {
    assertEquals("Unknown table shop.nope at line 1, column 15.",
        problem("SELECT * FROM shop.nope"));
    assertEquals("Unknown database nope in nope.orders at line 1, column 15; the databases are "
        + "shop.", problem("SELECT * FROM nope.orders"));
    assertEquals("Unknown table orders at line 1, column 15: name tables DATABASE.TABLE or give "
        + "a default database; the databases are shop.", problem("SELECT * FROM orders"));
    assertEquals("Column 'price' not found in any table at line 1, column 8.",
        problem("SELECT price FROM shop.orders"));
  }
}
