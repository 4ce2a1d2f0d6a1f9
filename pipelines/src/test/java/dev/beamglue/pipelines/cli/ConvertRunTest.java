package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.parquet.ParquetFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beamglue crawl} then {@code beamglue run convert} through the command line: a crawled
 * table read with a push-down predicate, mapped, written as partitioned Parquet with a catalog
 * update; job bookmarks across two runs; one sentence for each bad input.
 */
class ConvertRunTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int beamglue(String... args) {
    out.reset();
    err.reset();
    return new Beamglue(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  private Path file(String relative, String... lines) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private void crawlOrders() throws IOException {
    file("raw/orders/year=2024/part-0.csv", "order_id,customer,amount", "1,ann,10.5", "2,bob,3.25");
    file("raw/orders/year=2025/part-0.csv", "order_id,customer,amount", "3,cy,7.0", "4,dee,1.5",
        "5,ed,2.0");
    assertEquals(0, beamglue("crawl", "--path=" + dir.resolve("raw"), "--database=raw",
        "--catalog=" + dir.resolve("catalog")), err.toString());
  }

  private List<Path> dataFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> dir.relativize(p).toString().chars().noneMatch(c -> c == '_'))
          .filter(p -> !p.toString().contains("/.")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void aCrawledTableIsReadWithAPredicateMappedAndWrittenAsAPartitionedCatalogTable()
      throws IOException {
    crawlOrders();
    int code = beamglue("run", "convert", "--catalog=" + dir.resolve("catalog"),
        "--sourceTable=raw.orders", "--pushDownPredicate=year = '2025'",
        "--mapping=order_id:long->id:long, customer:string->customer:string, "
            + "amount:double->amount:double, year:string->year:string",
        "--output=" + dir.resolve("curated/orders"), "--partitionKeys=year",
        "--targetTable=curated.orders");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("3 read = 3 written + 0 errors"), out.toString());

    List<Path> written = dataFiles(dir.resolve("curated/orders"));
    assertEquals(1, written.stream().map(Path::getParent).distinct().count(), written.toString());
    assertEquals("year=2025", written.get(0).getParent().getFileName().toString());
    List<String> rows = new ArrayList<>();
    for (Path parquet : written) {
      for (GenericRecord r : ParquetFiles.readFile(parquet)) {
        rows.add(r.get("id") + "|" + r.get("customer") + "|" + r.get("amount"));
      }
    }
    rows.sort(null);
    assertEquals(List.of("3|cy|7.0", "4|dee|1.5", "5|ed|2.0"), rows);

    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    CatalogTable table = catalog.table("curated", "orders");
    assertEquals("parquet", table.classification());
    assertEquals(List.of("year"), table.partitionKeys());
    assertEquals(List.of("id", "customer", "amount"), table.columns().getFieldNames());
    List<CatalogPartition> partitions = catalog.partitions("curated", "orders");
    assertEquals(1, partitions.size());
    assertEquals(List.of("2025"), partitions.get(0).values());
  }

  @Test
  void withABookmarkTheSecondRunReadsOnlyTheNewFile() throws IOException {
    file("in/a.json", "{\"id\":1,\"name\":\"ann\"}", "{\"id\":2,\"name\":\"bob\"}");
    String[] run = {"run", "convert", "--catalog=" + dir.resolve("catalog"),
        "--input=" + dir.resolve("in"), "--bookmark=enable", "--bookmarkJob=nightly",
        "--output=" + dir.resolve("out"), "--outputFormat=json",
        "--errors=" + dir.resolve("errors"), "--overwrite"};
    assertEquals(0, beamglue(run), err.toString());
    assertTrue(out.toString().contains("2 read = 2 written + 0 errors"), out.toString());
    List<Path> firstRun = dataFiles(dir.resolve("out"));

    file("in/b.json", "{\"id\":3,\"name\":\"cy\"}");
    assertEquals(0, beamglue(run), err.toString());
    assertTrue(out.toString().contains("1 read = 1 written + 0 errors"), out.toString());
    List<String> secondRun = new ArrayList<>();
    for (Path file : dataFiles(dir.resolve("out"))) {
      if (!firstRun.contains(file)) {
        secondRun.addAll(Files.readAllLines(file));
      }
    }
    assertEquals(List.of("{\"id\":3,\"name\":\"cy\"}"), secondRun);

    List<Path> afterSecondRun = dataFiles(dir.resolve("out"));
    assertEquals(0, beamglue(run), err.toString());
    assertTrue(out.toString().contains("0 read = 0 written + 0 errors"), out.toString());
    assertEquals(afterSecondRun, dataFiles(dir.resolve("out")), "a third run has nothing new");
  }

  @Test
  void badSourcesAndPredicatesAreOneSentence() throws IOException {
    crawlOrders();
    String catalog = "--catalog=" + dir.resolve("catalog");
    String output = "--output=" + dir.resolve("o");
    assertEquals(2, beamglue("run", "convert", catalog, "--sourceTable=raw.order", output));
    assertEquals("beamglue run convert: Database 'raw' has no table 'order'; its tables are orders.",
        oneSentence());

    assertEquals(2, beamglue("run", "convert", catalog, "--sourceTable=raw.orders", output,
        "--pushDownPredicate=customer = 'ann'"));
    assertTrue(oneSentence().contains("'customer', which is not a partition key of raw.orders"),
        err.toString());

    assertEquals(2, beamglue("run", "convert", catalog, output));
    assertTrue(oneSentence().startsWith("beamglue run convert: Name a source:"), err.toString());

    assertEquals(2, beamglue("run", "convert", catalog, "--input=" + dir.resolve("missing"),
        output));
    assertTrue(oneSentence().contains("missing"), err.toString());
  }

  private String oneSentence() {
    String text = err.toString(StandardCharsets.UTF_8).trim();
    assertFalse(text.contains("\n"), "one line, not a stack trace: " + text);
    assertFalse(text.contains("Exception"), text);
    return text;
  }
}
