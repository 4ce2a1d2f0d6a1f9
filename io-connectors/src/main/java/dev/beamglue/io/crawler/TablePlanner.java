package dev.beamglue.io.crawler;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Groups classified files into tables and partitions.
 *
 * <p>Without a table level, a folder (the crawl path included) is a table root when every data file
 * under it has the same classification and format options, sits at the same depth below it, and
 * has a schema compatible with the others ({@link SchemaMerge#compatible}; with {@code
 * combineCompatibleSchemas}, any column overlap will do). The highest such folder wins, so sibling
 * folders of compatible files become partitions of their parent's table, while incompatible
 * siblings become separate tables. The crawl path itself is not a table root when all its data
 * sits in one subfolder that is not named {@code key=value} (crawling a bucket that holds one data
 * set names the table after the data set's folder). Files that sit directly in a folder that is not a table root each
 * become a table of their own, located at the file.
 *
 * <p>With {@code tableLevel = N}, the table roots are the folders at level N, where the crawl path
 * is level 1, its subfolders level 2, and so on: all files under such a folder form one table
 * (conflicting column types become choices) as long as they share a format and a depth; a folder
 * that does not is split as without the option. Files above level N become tables of their own.
 *
 * <p>Below a table root, each folder depth is a partition key: {@code key} when every folder at
 * that depth is named {@code key=value} with the same key (the value is the text after {@code =}),
 * else {@code partition_i} for depth i counted from 0 (the value is the folder name). Table names
 * are the root folder's name (a file table's file name) in lower case, with every character other
 * than a-z, 0-9 and {@code _} replaced by {@code _}; a name taken twice gets {@code _} and four hex
 * digits of its location's hash.
 *
 * <p>{@code List<PlannedTable> t = new TablePlanner("/d", "raw", 0, false, now).plan(files);}
 */
final class TablePlanner {

  private enum Mode {
    AUTO,
    COMBINE,
    FORCED
  }

  private record Summary(String kind, Schema schema, int depth) {}

  private static final Summary INCOMPATIBLE = new Summary("", null, -1);

  private static final class Folder {
    final String rel;
    final String name;
    final int depth;
    final TreeMap<String, Folder> children = new TreeMap<>();
    final List<FileDescription> files = new ArrayList<>();

    Folder(String rel, String name, int depth) {
      this.rel = rel;
      this.name = name;
      this.depth = depth;
    }
  }

  private final String root;
  private final String rootName;
  private final String database;
  private final int tableLevel;
  private final boolean combine;
  private final Instant now;
  private final Map<Mode, Map<Folder, Summary>> summaries = new LinkedHashMap<>();
  private final List<PlannedTable> tables = new ArrayList<>();

  TablePlanner(String root, String database, int tableLevel, boolean combine, Instant now) {
    this.root = root;
    this.rootName = lastSegment(root);
    this.database = database;
    this.tableLevel = tableLevel;
    this.combine = combine;
    this.now = now;
  }

  /** The tables of the recognized files, sorted by name. */
  List<PlannedTable> plan(List<FileDescription> recognized) {
    Folder top = new Folder("", rootName, 0);
    for (FileDescription file : recognized) {
      Folder folder = top;
      String folderPath = file.folder();
      if (!folderPath.isEmpty()) {
        String rel = "";
        for (String segment : folderPath.split("/")) {
          rel = rel.isEmpty() ? segment : rel + "/" + segment;
          String childRel = rel;
          int depth = folder.depth + 1;
          folder = folder.children.computeIfAbsent(segment, s -> new Folder(childRel, s, depth));
        }
      }
      folder.files.add(file);
    }
    if (tableLevel > 0) {
      forced(top);
    } else {
      auto(top);
    }
    return named();
  }

  private void forced(Folder folder) {
    if (folder.depth == tableLevel - 1) {
      Summary summary = summarize(folder, Mode.FORCED);
      if (summary != null && summary != INCOMPATIBLE) {
        table(folder, summary);
      } else {
        auto(folder);
      }
      return;
    }
    folder.files.forEach(this::fileTable);
    folder.children.values().forEach(this::forced);
  }

  private void auto(Folder folder) {
    Summary summary = summarize(folder, combine ? Mode.COMBINE : Mode.AUTO);
    if (summary == null) {
      return;
    }
    if (summary != INCOMPATIBLE && !singleDatasetFolder(folder)) {
      table(folder, summary);
      return;
    }
    folder.files.forEach(this::fileTable);
    folder.children.values().forEach(this::auto);
  }

  /**
   * Whether the folder is the crawl path and all its data sits in one subfolder that is not named
   * {@code key=value}: crawling a bucket or folder that holds one data set names the table after
   * the data set's folder, not after the crawl path.
   */
  private boolean singleDatasetFolder(Folder folder) {
    if (folder.depth != 0 || !folder.files.isEmpty()) {
      return false;
    }
    List<Folder> withData = new ArrayList<>();
    for (Folder child : folder.children.values()) {
      if (summarize(child, combine ? Mode.COMBINE : Mode.AUTO) != null) {
        withData.add(child);
      }
    }
    return withData.size() == 1 && withData.get(0).name.indexOf('=') <= 0;
  }

  /** The folder's merged summary, INCOMPATIBLE when it cannot be one table, null when empty. */
  private Summary summarize(Folder folder, Mode mode) {
    Map<Folder, Summary> memo = summaries.computeIfAbsent(mode, m -> new IdentityHashMap<>());
    if (memo.containsKey(folder)) {
      return memo.get(folder);
    }
    Summary acc = null;
    for (FileDescription file : folder.files) {
      acc = add(acc, new Summary(file.kind(), file.schema(), 0), mode);
      if (acc == INCOMPATIBLE) {
        break;
      }
    }
    for (Folder child : folder.children.values()) {
      if (acc == INCOMPATIBLE) {
        break;
      }
      Summary childSummary = summarize(child, mode);
      if (childSummary == INCOMPATIBLE) {
        acc = INCOMPATIBLE;
      } else if (childSummary != null) {
        acc = add(acc, new Summary(childSummary.kind(), childSummary.schema(),
            childSummary.depth() + 1), mode);
      }
    }
    memo.put(folder, acc);
    return acc;
  }

  private static Summary add(Summary acc, Summary next, Mode mode) {
    if (acc == null) {
      return next;
    }
    if (!acc.kind().equals(next.kind()) || acc.depth() != next.depth()) {
      return INCOMPATIBLE;
    }
    SchemaMerge.Result merged = SchemaMerge.merge(acc.schema(), next.schema());
    if (mode != Mode.FORCED
        && !SchemaMerge.compatible(merged, acc.schema(), next.schema(), mode == Mode.COMBINE)) {
      return INCOMPATIBLE;
    }
    return new Summary(acc.kind(), merged.schema(), acc.depth());
  }

  private void table(Folder folder, Summary summary) {
    List<FileDescription> files = new ArrayList<>();
    collect(folder, files);
    files.sort(Comparator.comparing(FileDescription::relativePath));
    int depth = summary.depth();
    int prefix = folder.rel.isEmpty() ? 0 : folder.rel.length() + 1;
    List<String[]> segments = new ArrayList<>();
    for (FileDescription file : files) {
      String below = file.folder().length() > prefix ? file.folder().substring(prefix) : "";
      segments.add(below.isEmpty() ? new String[0] : below.split("/"));
    }
    List<String> keys = new ArrayList<>();
    List<Boolean> hive = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      String key = null;
      boolean allHive = true;
      for (String[] s : segments) {
        int eq = s[i].indexOf('=');
        String k = eq > 0 ? s[i].substring(0, eq) : null;
        if (k == null || (key != null && !key.equals(k))) {
          allHive = false;
          break;
        }
        key = k;
      }
      hive.add(allHive);
      keys.add(allHive ? sanitize(key) : "partition_" + i);
    }
    String location = location(folder.rel);
    Map<List<String>, long[]> stats = new TreeMap<>(TablePlanner::compareValues);
    Map<List<String>, String> locations = new LinkedHashMap<>();
    long rows = 0;
    long bytes = 0;
    for (int f = 0; f < files.size(); f++) {
      FileDescription file = files.get(f);
      List<String> values = new ArrayList<>();
      for (int i = 0; i < depth; i++) {
        String s = segments.get(f)[i];
        values.add(hive.get(i) ? s.substring(s.indexOf('=') + 1) : s);
      }
      long[] stat = stats.computeIfAbsent(values, v -> new long[2]);
      stat[0]++;
      stat[1] += file.bytes();
      locations.putIfAbsent(values, location(file.folder()));
      rows += file.rowEstimate();
      bytes += file.bytes();
    }
    List<CatalogPartition> partitions = new ArrayList<>();
    if (depth > 0) {
      stats.forEach((values, stat) -> partitions.add(
          new CatalogPartition(values, locations.get(values), stat[0], stat[1], now, null)));
    }
    FileDescription first = files.get(0);
    String name = folder.rel.isEmpty() ? rootName : folder.name;
    tables.add(new PlannedTable(
        new CatalogTable(database, sanitize(name), location, first.classification(),
            first.formatOptions(), summary.schema(), keys, rows, bytes, files.size(), now, 1,
            Map.of()),
        partitions, files));
  }

  private void fileTable(FileDescription file) {
    String fileName = lastSegment(file.relativePath());
    if (fileName.endsWith(".gz")) {
      fileName = fileName.substring(0, fileName.length() - 3);
    }
    tables.add(new PlannedTable(
        new CatalogTable(database, sanitize(fileName), file.path(), file.classification(),
            file.formatOptions(), file.schema(), List.of(), file.rowEstimate(), file.bytes(), 1,
            now, 1, Map.of()),
        List.of(), List.of(file)));
  }

  private static void collect(Folder folder, List<FileDescription> into) {
    into.addAll(folder.files);
    folder.children.values().forEach(child -> collect(child, into));
  }

  /** The tables with unique names, sorted by name; a clash gets a suffix from its location. */
  private List<PlannedTable> named() {
    tables.sort(Comparator.comparing(PlannedTable::name)
        .thenComparing(t -> t.table().location().length())
        .thenComparing(t -> t.table().location()));
    Set<String> used = new HashSet<>();
    List<PlannedTable> result = new ArrayList<>();
    for (PlannedTable planned : tables) {
      String name = planned.name();
      if (!used.add(name)) {
        name = uniqueName(name, planned.table().location(), used);
        CatalogTable t = planned.table();
        planned = new PlannedTable(
            new CatalogTable(t.database(), name, t.location(), t.classification(),
                t.formatOptions(), t.columns(), t.partitionKeys(), t.rowEstimate(),
                t.bytesEstimate(), t.fileCount(), t.updatedAt(), t.schemaVersion(),
                t.parameters()),
            planned.partitions(), planned.files());
      }
      result.add(planned);
    }
    result.sort(Comparator.comparing(PlannedTable::name));
    return result;
  }

  /** {@code name_xxxx} with four hex digits of the location's hash, not yet in {@code used}. */
  static String uniqueName(String name, String location, Set<String> used) {
    String hash = sha1(location);
    for (int i = 4; i <= hash.length(); i++) {
      String candidate = name + "_" + hash.substring(0, i);
      if (used.add(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No unique name for " + location);
  }

  private static String sha1(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String location(String rel) {
    return rel.isEmpty() ? root : root + "/" + rel;
  }

  /** A Glue table or column name: lower case, characters other than a-z, 0-9, _ become _. */
  static String sanitize(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return lower.isEmpty() ? "table" : lower;
  }

  static String lastSegment(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    String last = slash < 0 ? p : p.substring(slash + 1);
    return last.isEmpty() ? "root" : last;
  }

  private static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
