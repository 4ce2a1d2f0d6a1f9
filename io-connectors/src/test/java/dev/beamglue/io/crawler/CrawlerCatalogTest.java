package dev.beamglue.io.crawler;

import static dev.beamglue.io.crawler.CrawlFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crawls into an embedded catalog, and recrawls after the data changed. */
class CrawlerCatalogTest {

  @TempDir Path dir;

  private Path data() {
    Path root = dir.resolve("data");
    write(root, "parks/year=2017/month=04/a.json", "{\"id\":1,\"name\":\"Alpha\"}");
    write(root, "parks/year=2017/month=05/b.json", "{\"id\":2,\"name\":\"Beta\"}");
    write(root, "orders/o.csv", "order_id,amount", "1,2.5", "2,3.5");
    return root;
  }

  @Test
  void aCrawlCreatesTablesAndPartitions() {
    Path root = data();
    Catalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    CrawlReport report = Crawler.of(root.toString(), "raw").crawl(catalog);
    assertEquals(List.of("orders", "parks"), report.tablesCreated());
    assertEquals(2, report.partitionsAdded());
    assertEquals(3, report.filesClassified());
    assertEquals(List.of("raw"), catalog.databases());
    CatalogTable parks = catalog.table("raw", "parks");
    assertEquals(root.resolve("parks").toString(), parks.location());
    assertEquals(List.of("year", "month"), parks.partitionKeys());
    assertEquals(List.of("id", "name"), parks.columns().getFieldNames());
    assertEquals(2, parks.rowEstimate());
    assertEquals(List.of(List.of("2017", "04"), List.of("2017", "05")),
        catalog.partitions("raw", "parks").stream().map(CatalogPartition::values).toList());
    CatalogTable orders = catalog.table("raw", "orders");
    assertEquals("csv", orders.classification());
    assertEquals("true", orders.formatOption("header", "?"));
    assertEquals(2, orders.rowEstimate());

    CrawlReport again = Crawler.of(root.toString(), "raw").crawl(catalog);
    assertEquals(List.of(), again.tablesCreated());
    assertEquals(List.of("orders", "parks"), again.tablesUnchanged());
    assertEquals(0, again.partitionsAdded());
    assertEquals(1, catalog.schemaVersions("raw", "parks").size());
  }

  @Test
  void aRecrawlAddsColumnsAndPartitionsMarksGoneOnesAndKeepsTables() {
    Path root = data();
    Catalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    Crawler crawler = Crawler.of(root.toString(), "raw");
    crawler.crawl(catalog);

    write(root, "parks/year=2018/month=01/c.json",
        "{\"id\":3,\"name\":\"Gamma\",\"open\":true}");
    CrawlFiles.delete(root.resolve("parks/year=2017/month=05"));
    CrawlFiles.delete(root.resolve("orders"));
    CrawlReport report = crawler.crawl(catalog);

    assertEquals(List.of("parks"), report.tablesUpdated());
    assertEquals(List.of("orders"), report.tablesDeprecated());
    assertEquals(1, report.partitionsAdded());
    assertEquals(1, report.partitionsDeleted());

    CatalogTable parks = catalog.table("raw", "parks");
    assertEquals(List.of("id", "name", "open"), parks.columns().getFieldNames());
    assertEquals(FieldType.BOOLEAN.withNullable(true),
        parks.columns().getField("open").getType());
    assertEquals(2, catalog.schemaVersions("raw", "parks").size());
    assertEquals(2, parks.schemaVersion());
    List<CatalogPartition> partitions = catalog.partitions("raw", "parks");
    assertEquals(List.of(List.of("2017", "04"), List.of("2017", "05"), List.of("2018", "01")),
        partitions.stream().map(CatalogPartition::values).toList());
    assertFalse(partitions.get(0).isDeleted());
    assertTrue(partitions.get(1).isDeleted());
    assertFalse(partitions.get(2).isDeleted());

    CatalogTable orders = catalog.table("raw", "orders");
    assertNotNull(orders.parameters().get("deprecated_at"), "kept, marked deprecated");
    assertEquals(List.of("order_id", "amount"), orders.columns().getFieldNames());

    write(root, "parks/year=2017/month=05/b.json", "{\"id\":2,\"name\":\"Beta\"}");
    CrawlReport back = crawler.crawl(catalog);
    assertEquals(1, back.partitionsAdded(), "a partition that comes back is live again");
    assertFalse(catalog.partitions("raw", "parks").get(1).isDeleted());
    assertEquals(List.of(), back.tablesDeprecated(), "a deprecated table is marked once");
  }

  @Test
  void aTableNameTakenByAnotherLocationGetsASuffix() {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    write(a, "parks/x.json", "{\"id\":1}");
    write(b, "parks/y.json", "{\"id\":2}");
    Catalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    Crawler.of(a.toString(), "raw").crawl(catalog);
    CrawlReport second = Crawler.of(b.toString(), "raw").crawl(catalog);
    assertEquals(1, second.tablesCreated().size());
    String name = second.tablesCreated().get(0);
    assertTrue(name.matches("parks_[0-9a-f]{4}"), name);
    assertEquals(b.resolve("parks").toString(), catalog.table("raw", name).location());
    assertEquals(a.resolve("parks").toString(), catalog.table("raw", "parks").location());
    assertEquals(List.of(name), Crawler.of(b.toString(), "raw").crawl(catalog).tablesUnchanged(),
        "a recrawl finds the table by its location");
  }
}
