package dev.beamglue.io.crawler;

import static dev.beamglue.io.crawler.CrawlFiles.gzip;
import static dev.beamglue.io.crawler.CrawlFiles.names;
import static dev.beamglue.io.crawler.CrawlFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files in a crawl: header or not, delimiters, ISO-8859-1, gzip, and text that is not CSV. */
class CrawlerCsvTest {

  @TempDir Path dir;

  private static FieldType n(FieldType t) {
    return t.withNullable(true);
  }

  private static Map<String, String> csv(String delimiter, boolean header, String encoding,
      String compression) {
    return Map.of("delimiter", delimiter, "quote", "\"", "header", String.valueOf(header),
        "encoding", encoding, "compression", compression);
  }

  @Test
  void csvWithAndWithoutHeaderInPartitions() {
    Path root = dir.resolve("csv");
    write(root, "sales/year=2017/month=04/a.csv", "id,city,amount", "1,Paris,2.5", "2,Oslo,3");
    write(root, "sales/year=2017/month=05/b.csv", "id,city,amount", "3,Rome,1.25");
    write(root, "raw/2017/x.csv", "10|ab|true", "11|cd|false", "12|ef|true");
    write(root, "raw/2018/y.csv", "13|gh|false");
    CrawlPlan plan = Crawler.of(root.toString(), "db").scan();
    assertEquals(List.of("raw", "sales"), names(plan));

    CatalogTable sales = plan.table("sales").table();
    assertEquals("csv", sales.classification());
    assertEquals(csv(",", true, "UTF-8", "none"), sales.formatOptions());
    assertEquals(Schema.builder()
        .addField("id", n(FieldType.INT64))
        .addField("city", n(FieldType.STRING))
        .addField("amount", n(FieldType.DOUBLE))
        .build(), sales.columns());
    assertEquals(List.of("year", "month"), sales.partitionKeys());
    assertEquals(3, sales.rowEstimate());

    PlannedTable raw = plan.table("raw");
    assertEquals(csv("|", false, "UTF-8", "none"), raw.table().formatOptions());
    assertEquals(List.of("col0", "col1", "col2"), raw.table().columns().getFieldNames());
    assertEquals(n(FieldType.BOOLEAN), raw.table().columns().getField("col2").getType());
    assertEquals(List.of("partition_0"), raw.table().partitionKeys());
    assertEquals(List.of(List.of("2017"), List.of("2018")),
        raw.partitions().stream().map(CatalogPartition::values).toList());
    assertEquals(4, raw.table().rowEstimate());
  }

  @Test
  void isoLatin1TabsAndGzip() {
    Path root = dir.resolve("enc");
    write(root, "cities/c.csv", StandardCharsets.ISO_8859_1,
        "name\tcountry\tpopulation", "Zürich\tSchweiz\t421878", "Málaga\tEspaña\t578460");
    gzip(root, "zipped/z.csv.gz", "k;v", "a;1", "b;2", "c;3");
    CrawlPlan plan = Crawler.of(root.toString(), "db").scan();
    assertEquals(List.of("cities", "zipped"), names(plan));
    CatalogTable cities = plan.table("cities").table();
    assertEquals(csv("\t", true, "ISO-8859-1", "none"), cities.formatOptions());
    assertEquals(List.of("name", "country", "population"), cities.columns().getFieldNames());
    assertEquals(2, cities.rowEstimate());
    CatalogTable zipped = plan.table("zipped").table();
    assertEquals(csv(";", true, "UTF-8", "gzip"), zipped.formatOptions());
    assertEquals(Schema.builder()
        .addField("k", n(FieldType.STRING))
        .addField("v", n(FieldType.INT64))
        .build(), zipped.columns());
    assertEquals(3, zipped.rowEstimate());
  }

  @Test
  void freeTextIsReportedNotTabled() {
    Path root = dir.resolve("text");
    write(root, "notes/readme.txt", "This is a note.", "It has no columns at all");
    write(root, "ok/a.csv", "a,b", "1,2");
    CrawlPlan plan = Crawler.of(root.toString(), "db").scan();
    assertEquals(List.of("ok"), names(plan));
    assertEquals(1, plan.skipped().size());
    assertEquals("notes/readme.txt", plan.skipped().get(0).relativePath());
    assertEquals("it is not Parquet, JSON or CSV (no delimiter among , | tab ; \\u0001 gives "
        + "consistent columns)", plan.skipped().get(0).reason());
  }

  @Test
  void aLargeCsvIsEstimatedFromItsSample() {
    StringBuilder text = new StringBuilder("id,name\n");
    for (int i = 0; i < 10_000; i++) {
      text.append(String.format("%05d", i)).append(",n").append(i % 10).append('\n');
    }
    CrawlFiles.bytes(dir, "big/t/a.csv", text.toString().getBytes(StandardCharsets.UTF_8));
    CatalogTable t = Crawler.of(dir.resolve("big").toString(), "db").withSampleBytes(2048)
        .withSampleSize(50).scan().table("t").table();
    assertEquals(csv(",", true, "UTF-8", "none"), t.formatOptions());
    long estimate = t.rowEstimate();
    assertEquals(10_000, estimate, 1_000, "estimate " + estimate);
  }
}
