package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.parquet.ParquetFiles;
import java.io.IOException;
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

  private final CommandLine cli = new CommandLine();

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
    assertEquals(0, cli.run("crawl", "--path=" + dir.resolve("raw"), "--database=raw",
        "--catalog=" + dir.resolve("catalog")), cli.err());
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
    int code = cli.run("run", "convert", "--catalog=" + dir.resolve("catalog"),
        "--sourceTable=raw.orders", "--pushDownPredicate=year = '2025'",
        "--mapping=order_id:long->id:long, customer:string->customer:string, "
            + "amount:double->amount:double, year:string->year:string",
        "--output=" + dir.resolve("curated/orders"), "--partitionKeys=year",
        "--targetTable=curated.orders");
    assertEquals(0, code, cli.err());
    assertTrue(cli.out().contains("3 read = 3 written + 0 errors"), cli.out());

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
    assertEquals(0, cli.run(run), cli.err());
    assertTrue(cli.out().contains("2 read = 2 written + 0 errors"), cli.out());
    List<Path> firstRun = dataFiles(dir.resolve("out"));

    file("in/b.json", "{\"id\":3,\"name\":\"cy\"}");
    assertEquals(0, cli.run(run), cli.err());
    assertTrue(cli.out().contains("1 read = 1 written + 0 errors"), cli.out());
    List<String> secondRun = new ArrayList<>();
    for (Path file : dataFiles(dir.resolve("out"))) {
      if (!firstRun.contains(file)) {
        secondRun.addAll(Files.readAllLines(file));
      }
    }
    assertEquals(List.of("{\"id\":3,\"name\":\"cy\"}"), secondRun);

    List<Path> afterSecondRun = dataFiles(dir.resolve("out"));
    assertEquals(0, cli.run(run), cli.err());
    assertTrue(cli.out().contains("0 read = 0 written + 0 errors"), cli.out());
    assertEquals(afterSecondRun, dataFiles(dir.resolve("out")), "a third run has nothing new");
  }

  @Test
  void badSourcesAndPredicatesAreOneSentence() throws IOException {
    crawlOrders();
    String catalog = "--catalog=" + dir.resolve("catalog");
    String output = "--output=" + dir.resolve("o");
    assertEquals(2, cli.run("run", "convert", catalog, "--sourceTable=raw.order", output));
    assertEquals("beamglue run convert: Database 'raw' has no table 'order'; its tables are orders.",
        cli.oneSentence());

    assertEquals(2, cli.run("run", "convert", catalog, "--sourceTable=raw.orders", output,
        "--pushDownPredicate=customer = 'ann'"));
    assertTrue(cli.oneSentence().contains("'customer', which is not a partition key of raw.orders"),
        cli.err());

    assertEquals(2, cli.run("run", "convert", catalog, output));
    assertTrue(cli.oneSentence().startsWith("beamglue run convert: Name a source:"), cli.err());

    assertEquals(2, cli.run("run", "convert", catalog, "--input=" + dir.resolve("missing"),
        output));
    assertTrue(cli.oneSentence().contains("missing"), cli.err());
  }

}
