package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.crawler.CrawlReport;
import dev.beamglue.io.crawler.Crawler;
import dev.beamglue.io.files.ReadFiles;
import dev.beamglue.io.parquet.ParquetFiles;
import dev.beamglue.io.s3.S3Access;
import dev.beamglue.testing.s3.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog on a real S3 server (s3proxy on loopback): crawl raw CSV files under Hive partitions
 * in a bucket, read the table with a push-down predicate and write it back to S3 as Parquet
 * partitioned by another key, with a catalog update, on Direct, Flink {@code [local]} and Spark
 * {@code local[2]}; the outputs are equal, only the matching partitions' files were opened, and a
 * crawl of the output finds the table the job cataloged.
 */
class CatalogOnS3Test {

  private static final String BUCKET = "lake";
  private static final String PREDICATE = "year = '2024'";

  @TempDir static Path work;
  private static LocalS3 s3;
  private static EmbeddedCatalog catalog;
  private static CrawlReport rawCrawl;
  private static final Map<String, List<String>> ROWS_BY_RUNNER = new LinkedHashMap<>();
  private static final Map<String, Long> FILES_READ_BY_RUNNER = new LinkedHashMap<>();

  @BeforeAll
  static void crawlAndConvertOnEveryRunner() throws IOException {
    s3 = LocalS3.start().createBucket(BUCKET);
    putCsv("raw/orders/year=2023/month=12/part-0.csv", "9,zed,99.0");
    putCsv("raw/orders/year=2024/month=01/part-0.csv", "1,ann,10.5", "2,bob,3.25");
    putCsv("raw/orders/year=2024/month=02/part-0.csv", "3,cy,7.0");
    putCsv("raw/orders/year=2025/month=01/part-0.csv", "4,dee,1.5");
    s3.put(BUCKET, "raw/orders/_SUCCESS", new byte[0]);

    catalog = EmbeddedCatalog.open(work.resolve("catalog"));
    S3Access.configure(s3.configure(PipelineOptionsFactory.create()));
    rawCrawl = Crawler.of("s3://" + BUCKET + "/raw", "raw").crawl(catalog);

    run("DirectRunner");
    run("FlinkRunner", "--parallelism=2");
    run("SparkRunner", "--sparkMaster=local[2]");
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static void putCsv(String key, String... rows) {
    String text = "order_id,customer,amount\n" + String.join("\n", rows) + "\n";
    s3.put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String output(String runner) {
    return "s3://" + BUCKET + "/curated/" + runner + "/orders";
  }

  private static void run(String runner, String... runnerFlags) throws IOException {
    List<String> args = new ArrayList<>(List.of("--runner=" + runner,
        "--catalog=" + work.resolve("catalog"), "--sourceTable=raw.orders",
        "--pushDownPredicate=" + PREDICATE, "--output=" + output(runner), "--partitionKeys=month",
        "--targetTable=curated.orders_" + runner.toLowerCase(),
        "--errors=" + work.resolve(runner + "-errors")));
    args.addAll(List.of(runnerFlags));
    args.addAll(s3.flags());
    PipelineResult result = ConvertRuns.run(args);

    long filesRead = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(ReadFiles.NAMESPACE, ReadFiles.FILES_READ))
        .build()).getCounters()) {
      filesRead += counter.getAttempted();
    }
    FILES_READ_BY_RUNNER.put(runner, filesRead);

    List<String> rows = new ArrayList<>();
    String prefix = "curated/" + runner + "/orders/";
    for (String key : s3.keys(BUCKET, prefix)) {
      Path local = work.resolve(runner + "-" + key.replace('/', '_'));
      Files.write(local, s3.get(BUCKET, key));
      String month = key.substring(prefix.length(), key.lastIndexOf('/'));
      for (GenericRecord r : ParquetFiles.readFile(local)) {
        rows.add(month + "|" + r.get("order_id") + "|" + r.get("customer") + "|" + r.get("amount")
            + "|" + r.get("year"));
      }
    }
    rows.sort(null);
    ROWS_BY_RUNNER.put(runner, rows);
  }

  @Test
  void theCrawlerFindsThePartitionedCsvTableInTheBucket() {
    assertEquals(1, rawCrawl.tablesCreated().size(), rawCrawl.lines().toString());
    CatalogTable orders = catalog.table("raw", "orders");
    assertEquals("s3://lake/raw/orders", orders.location());
    assertEquals("csv", orders.classification());
    assertEquals("true", orders.formatOptions().get("header"));
    assertEquals(List.of("order_id", "customer", "amount"), orders.columns().getFieldNames());
    assertEquals(List.of("year", "month"), orders.partitionKeys());
    assertEquals(4, catalog.partitions("raw", "orders").size());
  }

  @Test
  void onlyThePredicatesPartitionsAreReadAndEveryRunnerWritesTheSameRows() {
    List<String> expected = List.of(
        "month=01|1|ann|10.5|2024", "month=01|2|bob|3.25|2024", "month=02|3|cy|7.0|2024");
    for (String runner : ROWS_BY_RUNNER.keySet()) {
      assertEquals(expected, ROWS_BY_RUNNER.get(runner), runner);
      assertEquals(2L, FILES_READ_BY_RUNNER.get(runner), runner + " opened only year=2024's files");
    }
    assertEquals(List.of("DirectRunner", "FlinkRunner", "SparkRunner"),
        List.copyOf(ROWS_BY_RUNNER.keySet()));
  }

  @Test
  void theJobCatalogsItsOutputAndACrawlOfTheOutputAgrees() {
    CatalogTable written = catalog.table("curated", "orders_directrunner");
    assertEquals(output("DirectRunner"), written.location());
    assertEquals(List.of("month"), written.partitionKeys());
    List<String> months = new ArrayList<>();
    for (CatalogPartition partition : catalog.partitions("curated", "orders_directrunner")) {
      months.add(String.join("/", partition.values()));
    }
    assertEquals(List.of("01", "02"), months);

    CrawlReport recrawl =
        Crawler.of("s3://" + BUCKET + "/curated/DirectRunner", "crawled").crawl(catalog);
    assertEquals(1, recrawl.tablesCreated().size(), recrawl.lines().toString());
    CatalogTable crawled = catalog.table("crawled", "orders");
    assertEquals("parquet", crawled.classification());
    assertEquals(List.of("month"), crawled.partitionKeys());
    assertEquals(written.columns().getFieldNames(), crawled.columns().getFieldNames());
    assertTrue(crawled.rowEstimate() == 3, "Parquet footers give exact rows: " + crawled);
  }
}
