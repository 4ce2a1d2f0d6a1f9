package dev.beamglue.io.crawler;

import java.io.Serializable;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a crawl found under its path, without touching a catalog: the tables with their partitions,
 * every data file with its classification (or why it was left out), and how many hidden and
 * excluded files were passed over.
 *
 * <p>{@code CrawlPlan plan = Crawler.of("/data", "raw").scan(); plan.table("parks").table();}
 *
 * @param location the crawl path, as the file system names it
 * @param tables the tables, sorted by name
 * @param files every file that was classified, sorted by path
 * @param hiddenFiles files under a name starting with {@code .} or {@code _}
 * @param excludedFiles files an exclusion glob matched
 */
public record CrawlPlan(
    String location,
    List<PlannedTable> tables,
    List<FileDescription> files,
    long hiddenFiles,
    long excludedFiles)
    implements Serializable {

  public CrawlPlan {
    tables = List.copyOf(tables);
    files = List.copyOf(files);
  }

  /** The table of that name; throws {@link NoSuchElementException} naming the tables found. */
  public PlannedTable table(String name) {
    return tables.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(
            "The crawl found no table '" + name + "'; it found "
                + tables.stream().map(PlannedTable::name).toList() + "."));
  }

  /** The files left out of the tables, each with its reason. */
  public List<FileDescription> skipped() {
    return files.stream().filter(f -> !f.recognized()).toList();
  }

  /** The total size of the classified files. */
  public long bytes() {
    return files.stream().mapToLong(FileDescription::bytes).sum();
  }
}
