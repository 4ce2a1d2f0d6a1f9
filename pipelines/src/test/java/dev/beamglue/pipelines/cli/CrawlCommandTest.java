package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beamglue crawl}: its report, its flags, and one sentence for each bad input. */
class CrawlCommandTest {

  @TempDir Path dir;

  private final CommandLine cli = new CommandLine();

  private void file(String relative, String... lines) throws IOException {
    Path file = dir.resolve("data").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  private Path tree() throws IOException {
    file("parks/year=2017/a.json", "{\"id\":1,\"name\":\"x\"}");
    file("parks/year=2018/b.json", "{\"id\":2,\"name\":\"y\"}");
    file("orders/o.csv", "order_id,amount", "1,2.5");
    file("tmp/t.json", "{\"junk\":1}");
    file("parks/_SUCCESS");
    file("notes.txt", "just words");
    return dir.resolve("data");
  }

  @Test
  void crawlsIntoTheCatalogAndPrintsTheReport() throws IOException {
    Path data = tree();
    Path catalog = dir.resolve("catalog");
    assertEquals(Beamglue.OK, cli.run("crawl", "--path=" + data, "--database=raw",
        "--exclude={tmp,old}", "--catalog=" + catalog, "--sample-size=100"));
    List<String> lines = cli.out().lines().toList();
    assertTrue(lines.get(0).startsWith("Crawled " + data + " into database raw in "), cli.out());
    assertEquals("tables created:    2 (orders, parks)", lines.get(1));
    assertEquals("tables updated:    0", lines.get(2));
    assertEquals("tables unchanged:  0", lines.get(3));
    assertEquals("partitions:        2 added, 0 marked deleted", lines.get(4));
    assertTrue(lines.get(5).startsWith(
        "files:             3 classified, 1 not recognized, 1 hidden, 1 excluded; "), cli.out());
    assertEquals("  skipped " + data.resolve("notes.txt") + ": it is not Parquet, JSON or CSV "
        + "(no delimiter among , | tab ; \\u0001 gives consistent columns)", lines.get(6));
    CatalogTable parks = EmbeddedCatalog.open(catalog).table("raw", "parks");
    assertEquals(List.of("year"), parks.partitionKeys());

    assertEquals(Beamglue.OK, cli.run("crawl", "--path=" + data, "--database=raw",
        "--catalog=" + catalog, "--tableLevel=1", "--combine-compatible-schemas",
        "--exclude=orders", "--exclude=tmp"));
    assertTrue(cli.out().contains("tables created:    1 (data)"), cli.out());
    assertEquals(List.of("partition_0", "year"),
        EmbeddedCatalog.open(catalog).table("raw", "data").partitionKeys());
  }

  @Test
  void badInputIsOneSentenceAndExitCode2() throws IOException {
    Path data = tree();
    String catalog = "--catalog=" + dir.resolve("catalog");
    assertEquals(Beamglue.USAGE, cli.run("crawl", "--path=" + dir.resolve("nope"),
        "--database=raw", catalog));
    assertEquals("beamglue crawl: The crawl path '" + dir.resolve("nope") + "' does not exist.",
        cli.oneSentence());

    assertEquals(Beamglue.USAGE, cli.run("crawl", "--path=" + data, "--database=raw",
        "--exclude=a/{b", catalog));
    assertEquals("beamglue crawl: The exclude glob 'a/{b' is not valid: a '{' is never closed.",
        cli.oneSentence());

    assertEquals(Beamglue.USAGE, cli.run("crawl", "--path=" + data, "--database=raw",
        "--depth=3", catalog));
    assertEquals("beamglue crawl: unknown option --depth; 'beamglue crawl --help' lists the "
        + "options.", cli.oneSentence());

    assertEquals(Beamglue.USAGE, cli.run("crawl", "--path=" + data, catalog));
    assertEquals("beamglue crawl: the option --database is required; 'beamglue crawl --help' "
        + "lists the options.", cli.oneSentence());

    assertEquals(Beamglue.USAGE, cli.run("crawl", "--path=" + data, "--database=raw",
        "--table-level=two", catalog));
    assertTrue(cli.oneSentence().startsWith("beamglue crawl: --tableLevel=two is not a valid "),
        cli.err());

    assertEquals(Beamglue.USAGE, cli.run("crawl", "--path=" + data, "--database=raw",
        "--table-level=0", catalog));
    assertEquals("beamglue crawl: The table level must be 1 (the crawl path) or more, not 0.",
        cli.oneSentence());
  }

  @Test
  void helpListsTheOptions() {
    assertEquals(Beamglue.OK, cli.run("crawl", "--help"));
    assertTrue(cli.out().startsWith("usage: beamglue crawl --path="), cli.out());
    assertTrue(cli.out().contains("--combineCompatibleSchemas"), cli.out());
    assertTrue(cli.out().contains("--catalog"), cli.out());
  }
}
