package dev.beamglue.io.crawler;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a crawl changed in the catalog and what it read: the tables it created, updated, found
 * unchanged or marked deprecated (their folders are gone), the partitions it added and marked
 * deleted, the files it classified, passed over or could not classify (with the reason), the bytes
 * and the time it took.
 *
 * <p>{@code Crawler.of("/data", "raw").crawl(catalog).lines().forEach(System.out::println);}
 */
public record CrawlReport(
    String database,
    String location,
    List<String> tablesCreated,
    List<String> tablesUpdated,
    List<String> tablesUnchanged,
    List<String> tablesDeprecated,
    long partitionsAdded,
    long partitionsDeleted,
    long filesClassified,
    long hiddenFiles,
    long excludedFiles,
    List<FileDescription> skipped,
    long bytes,
    Duration elapsed)
    implements Serializable {

  public CrawlReport {
    tablesCreated = List.copyOf(tablesCreated);
    tablesUpdated = List.copyOf(tablesUpdated);
    tablesUnchanged = List.copyOf(tablesUnchanged);
    tablesDeprecated = List.copyOf(tablesDeprecated);
    skipped = List.copyOf(skipped);
  }

  /** The report as lines for a terminal. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("Crawled " + location + " into database " + database + " in "
        + String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0) + ".");
    lines.add("tables created:    " + count(tablesCreated));
    lines.add("tables updated:    " + count(tablesUpdated));
    lines.add("tables unchanged:  " + count(tablesUnchanged));
    if (!tablesDeprecated.isEmpty()) {
      lines.add("tables deprecated: " + count(tablesDeprecated) + " (their folders are gone)");
    }
    lines.add("partitions:        " + partitionsAdded + " added, " + partitionsDeleted
        + " marked deleted");
    lines.add("files:             " + filesClassified + " classified, " + skipped.size()
        + " not recognized, " + hiddenFiles + " hidden, " + excludedFiles + " excluded; "
        + bytes + " bytes");
    for (FileDescription file : skipped) {
      lines.add("  skipped " + file.path() + ": " + file.reason());
    }
    return lines;
  }

  private static String count(List<String> names) {
    return names.isEmpty() ? "0" : names.size() + " (" + String.join(", ", names) + ")";
  }
}
