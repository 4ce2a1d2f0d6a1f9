package dev.beamglue.io.crawler;

import static dev.beamglue.io.crawler.CrawlFiles.bytes;
import static dev.beamglue.io.crawler.CrawlFiles.gzip;
import static dev.beamglue.io.crawler.CrawlFiles.names;
import static dev.beamglue.io.crawler.CrawlFiles.parquet;
import static dev.beamglue.io.crawler.CrawlFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.transforms.schema.GlueTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans of small trees: classification, tables, partitions, names, excludes and hidden files. */
class CrawlerTest {

  @TempDir Path dir;

  private static FieldType n(FieldType t) {
    return t.withNullable(true);
  }

  private Path mixedTree() {
    Path root = dir.resolve("data");
    write(root, "parks/year=2017/month=04/a.json",
        "{\"id\":1,\"name\":\"Alpha\",\"area\":1.5}", "{\"id\":2,\"name\":\"Beta\",\"area\":2}");
    write(root, "parks/year=2017/month=05/b.json", "{\"id\":3,\"name\":\"Gamma\",\"area\":3.25}");
    write(root, "parks/year=2018/month=01/c.json",
        "{\"id\":4,\"name\":\"Delta\",\"area\":4,\"open\":true}");
    write(root, "parks/year=2017/_SUCCESS");
    write(root, "parks/.staging/x.json", "{\"other\":1}");
    gzip(root, "logs/2017/04/l.json.gz", "{\"level\":\"INFO\",\"ms\":12}",
        "{\"level\":\"WARN\",\"ms\":3000000000}");
    gzip(root, "logs/2017/05/m.json.gz", "{\"level\":\"INFO\",\"ms\":7}");
    write(root, "events/e.json",
        "[{\"type\":\"push\",\"at\":1}, {\"type\":\"pull\",\"at\":2, \"tags\":[\"x\"]}]");
    parquet(root, "people/p.parquet", 25);
    write(root, "tmp/junk.json", "{\"junk\":true}");
    bytes(root, "blob.bin", new byte[] {1, 0, 2, 0, 3});
    return root;
  }

  @Test
  void findsATableForEachFolderOfCompatibleFiles() {
    CrawlPlan plan = Crawler.of(mixedTree().toString(), "raw")
        .withExcludes(List.of("tmp"))
        .scan();
    assertEquals(List.of("events", "logs", "parks", "people"), names(plan));
    assertEquals(3, plan.hiddenFiles(), "_SUCCESS, .staging/x.json and Hadoop's .p.parquet.crc");
    assertEquals(1, plan.excludedFiles());
    assertEquals(1, plan.skipped().size());
    assertEquals("blob.bin", plan.skipped().get(0).relativePath());
    assertEquals("it is binary, not Parquet, JSON or CSV", plan.skipped().get(0).reason());
  }

  @Test
  void hivePartitionsAreNamedByTheirKeys() {
    Path root = mixedTree();
    PlannedTable parks = Crawler.of(root.toString(), "raw").scan().table("parks");
    CatalogTable t = parks.table();
    assertEquals(root.resolve("parks").toString(), t.location());
    assertEquals("raw", t.database());
    assertEquals("json", t.classification());
    assertEquals(Map.of("jsonLayout", "lines", "compression", "none"), t.formatOptions());
    assertEquals(Schema.builder()
        .addField("id", n(FieldType.INT32))
        .addField("name", n(FieldType.STRING))
        .addField("area", n(FieldType.DOUBLE))
        .addField("open", n(FieldType.BOOLEAN))
        .build(), t.columns());
    assertEquals(List.of("year", "month"), t.partitionKeys());
    assertEquals(List.of(List.of("2017", "04"), List.of("2017", "05"), List.of("2018", "01")),
        parks.partitions().stream().map(CatalogPartition::values).toList());
    CatalogPartition first = parks.partitions().get(0);
    assertEquals(root.resolve("parks/year=2017/month=04").toString(), first.location());
    assertEquals(1, first.fileCount());
    assertEquals(root.resolve("parks/year=2017/month=04/a.json").toFile().length(), first.bytes());
    assertEquals(4, t.rowEstimate());
    assertEquals(3, t.fileCount());
  }

  @Test
  void otherFoldersArePartitionsByDepthAndGzipIsAFormatOption() {
    PlannedTable logs = Crawler.of(mixedTree().toString(), "raw").scan().table("logs");
    assertEquals(List.of("partition_0", "partition_1"), logs.table().partitionKeys());
    assertEquals(List.of(List.of("2017", "04"), List.of("2017", "05")),
        logs.partitions().stream().map(CatalogPartition::values).toList());
    assertEquals(Map.of("jsonLayout", "lines", "compression", "gzip"),
        logs.table().formatOptions());
    assertEquals(Schema.builder()
        .addField("level", n(FieldType.STRING))
        .addField("ms", n(FieldType.INT64))
        .build(), logs.table().columns());
    assertEquals(3, logs.table().rowEstimate());
  }

  @Test
  void aJsonArrayAndAParquetFooter() {
    CrawlPlan plan = Crawler.of(mixedTree().toString(), "raw").scan();
    CatalogTable events = plan.table("events").table();
    assertEquals(Map.of("jsonLayout", "array", "compression", "none"), events.formatOptions());
    assertEquals(Schema.builder()
        .addField("type", n(FieldType.STRING))
        .addField("at", n(FieldType.INT32))
        .addField("tags", n(FieldType.array(n(FieldType.STRING))))
        .build(), events.columns());
    assertEquals(2, events.rowEstimate());
    assertEquals(List.of(), events.partitionKeys());

    CatalogTable people = plan.table("people").table();
    assertEquals("parquet", people.classification());
    assertEquals(Map.of(), people.formatOptions());
    assertEquals(Schema.builder()
        .addField("id", n(FieldType.INT64))
        .addField("name", n(FieldType.STRING))
        .addField("score", n(FieldType.DOUBLE))
        .build(), people.columns());
    assertEquals(25, people.rowEstimate(), "the footer's exact row count");
  }

  @Test
  void incompatibleSiblingsAreSeparateTablesCompatibleOnesPartitions() {
    Path split = dir.resolve("split");
    write(split, "people/a.json", "{\"name\":\"ann\",\"age\":31}");
    write(split, "orders/b.json", "{\"order_id\":7,\"amount\":2.5}");
    assertEquals(List.of("orders", "people"), names(Crawler.of(split.toString(), "db").scan()));

    Path joined = dir.resolve("Sales Data");
    write(joined, "east/a.json", "{\"sku\":\"a\",\"qty\":1}");
    write(joined, "west/b.json", "{\"sku\":\"b\",\"qty\":2,\"note\":\"x\"}");
    CrawlPlan plan = Crawler.of(joined.toString(), "db").scan();
    assertEquals(List.of("sales_data"), names(plan), "the crawl path's name, lower-cased");
    assertEquals(List.of("partition_0"), plan.table("sales_data").table().partitionKeys());
    assertEquals(List.of(List.of("east"), List.of("west")),
        plan.table("sales_data").partitions().stream().map(CatalogPartition::values).toList());
  }

  @Test
  void typeConflictsSplitTablesUnlessTheTableLevelForcesThem() {
    Path root = dir.resolve("conflict");
    write(root, "t/a/x.json", "{\"id\":1,\"v\":\"x\"}");
    write(root, "t/b/y.json", "{\"id\":\"one\",\"v\":\"y\"}");
    assertEquals(List.of("a", "b"), names(Crawler.of(root.toString(), "db").scan()));
    assertEquals(List.of("a", "b"),
        names(Crawler.of(root.toString(), "db").withCombineCompatibleSchemas(true).scan()),
        "combining still needs types that agree");

    CrawlPlan forced = Crawler.of(root.toString(), "db").withTableLevel(2).scan();
    assertEquals(List.of("t"), names(forced));
    CatalogTable t = forced.table("t").table();
    assertEquals("choice<int,string>", GlueTypes.describe(t.columns().getField("id").getType()));
    assertEquals(List.of("partition_0"), t.partitionKeys());

    CrawlPlan level3 = Crawler.of(root.toString(), "db").withTableLevel(3).scan();
    assertEquals(List.of("a", "b"), names(level3));
    CrawlPlan level1 = Crawler.of(root.toString(), "db").withTableLevel(1).scan();
    assertEquals(List.of("conflict"), names(level1));
    assertEquals(List.of("partition_0", "partition_1"),
        level1.table("conflict").table().partitionKeys());
  }

  @Test
  void combiningJoinsFoldersWithFewColumnsInCommon() {
    Path root = dir.resolve("combine");
    write(root, "a/x.json", "{\"id\":1,\"a1\":1,\"a2\":2}");
    write(root, "b/y.json", "{\"id\":2,\"b1\":1,\"b2\":2}");
    assertEquals(List.of("a", "b"), names(Crawler.of(root.toString(), "db").scan()));
    CrawlPlan combined =
        Crawler.of(root.toString(), "db").withCombineCompatibleSchemas(true).scan();
    assertEquals(List.of("combine"), names(combined));
    assertEquals(List.of("id", "a1", "a2", "b1", "b2"),
        combined.table("combine").table().columns().getFieldNames());
  }

  @Test
  void mixedFilesInOneFolderAreTablesOfTheirOwnAndClashingNamesGetASuffix() {
    Path root = dir.resolve("mixed");
    write(root, "x/Data.json", "{\"id\":1}");
    parquet(root, "x/people.parquet", 3);
    write(root, "y/data/a.json", "{\"k\":\"v\"}");
    write(root, "y/more/b.json", "{\"q\":1.5}");
    write(root, "z/data/c.json", "{\"w\":true}");
    write(root, "z/top.json", "{\"w\":false}");
    CrawlPlan plan = Crawler.of(root.toString(), "db").scan();
    List<String> names = names(plan);
    assertEquals(6, names.size(), names.toString());
    assertTrue(names.containsAll(List.of("more", "top_json")), names.toString());
    assertTrue(names.contains("data_json"), names.toString());
    assertTrue(names.contains("people_parquet"), names.toString());
    assertTrue(names.contains("data"), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.matches("data_[0-9a-f]{4}")), names.toString());
    assertEquals(root.resolve("x/Data.json").toString(),
        plan.table("data_json").table().location(), "a file table is located at its file");
  }

  @Test
  void aBigFileIsSampledNotReadWhole() {
    Path root = dir.resolve("big");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      lines.append("{\"id\":").append(i).append(",\"name\":\"name-").append(i % 10).append("\"}\n");
    }
    bytes(root, "t/big.json", lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CrawlPlan plan = Crawler.of(root.toString(), "db").withSampleBytes(4096).scan();
    long estimate = plan.table("t").table().rowEstimate();
    assertTrue(estimate > 18_000 && estimate < 22_000, "estimate " + estimate);
  }

  @Test
  void badInputIsOneSentence() {
    assertEquals("The crawl path '" + dir.resolve("nope") + "' does not exist.",
        assertThrows(IllegalArgumentException.class,
            () -> Crawler.of(dir.resolve("nope").toString(), "db").scan()).getMessage());
    write(dir, "only/_SUCCESS");
    assertEquals("The table level must be 1 (the crawl path) or more, not 0.",
        assertThrows(IllegalArgumentException.class,
            () -> Crawler.of(dir.toString(), "db").withTableLevel(0)).getMessage());
    assertEquals("The database name 'my-db' is not valid: use letters, digits and _.",
        assertThrows(IllegalArgumentException.class,
            () -> Crawler.of(dir.toString(), "my-db")).getMessage());
    Path empty = dir.resolve("empty");
    empty.toFile().mkdirs();
    assertEquals("The crawl path '" + empty + "' does not exist or holds no files.",
        assertThrows(IllegalArgumentException.class,
            () -> Crawler.of(empty.toString(), "db").scan()).getMessage());
  }
}
