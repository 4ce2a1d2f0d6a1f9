package dev.beamglue.io.crawler;

import dev.beamglue.io.catalog.Catalog;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * A crawler, as AWS Glue's: lists the files under a path (a local folder or an {@code s3://}
 * prefix, through Beam's {@link FileSystems}), classifies each from a bounded sample ({@link
 * FileClassifier}), groups them into tables with partitions ({@link TablePlanner}) and merges those
 * into a catalog database ({@link CatalogMerge}). Names starting with {@code .} or {@code _}
 * ({@code _SUCCESS}, {@code .staging/}) are never data.
 *
 * <p>{@code CrawlReport r = Crawler.of("s3://bucket/raw", "raw").withExcludes(List.of("tmp")).crawl(catalog);}
 *
 * <p>Bad settings (an empty path, a bad glob, a level below 1) throw {@link
 * IllegalArgumentException} with one sentence when set; a path that does not exist, holds no file,
 * or cannot be listed throws it from {@link #scan}.
 */
public final class Crawler implements Serializable {

  /** The default number of records sampled per file. */
  public static final int DEFAULT_SAMPLE_SIZE = 1000;
  /** The default number of (decompressed) bytes read at most per file. */
  public static final int DEFAULT_SAMPLE_BYTES = 1 << 20;

  private static final int THREADS = 8;

  private final String path;
  private final String database;
  private final ExcludeGlobs excludes;
  private final int tableLevel;
  private final boolean combineCompatibleSchemas;
  private final int sampleSize;
  private final int sampleBytes;

  private Crawler(String path, String database, ExcludeGlobs excludes, int tableLevel,
      boolean combine, int sampleSize, int sampleBytes) {
    this.path = path;
    this.database = database;
    this.excludes = excludes;
    this.tableLevel = tableLevel;
    this.combineCompatibleSchemas = combine;
    this.sampleSize = sampleSize;
    this.sampleBytes = sampleBytes;
  }

  /** A crawler of the path into the database, with no exclusion and tables found automatically. */
  public static Crawler of(String path, String database) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("The crawl path is empty; give a folder or an s3:// prefix.");
    }
    if (database == null || !database.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("The database name '" + database
          + "' is not valid: use letters, digits and _.");
    }
    return new Crawler(path.trim(), database.toLowerCase(java.util.Locale.ROOT),
        ExcludeGlobs.none(), 0, false, DEFAULT_SAMPLE_SIZE, DEFAULT_SAMPLE_BYTES);
  }

  /** Leaves out the files and folders the globs match ({@link ExcludeGlobs}). */
  public Crawler withExcludes(List<String> globs) {
    return new Crawler(path, database, ExcludeGlobs.of(globs), tableLevel,
        combineCompatibleSchemas, sampleSize, sampleBytes);
  }

  /**
   * Makes the folders at level {@code level} the table roots, where the crawl path is level 1 and
   * its subfolders level 2 ({@link TablePlanner}).
   */
  public Crawler withTableLevel(int level) {
    if (level < 1) {
      throw new IllegalArgumentException("The table level must be 1 (the crawl path) or more, not "
          + level + ".");
    }
    return new Crawler(path, database, excludes, level, combineCompatibleSchemas, sampleSize,
        sampleBytes);
  }

  /** Whether folders whose schemas merge without a type conflict form one table. */
  public Crawler withCombineCompatibleSchemas(boolean combine) {
    return new Crawler(path, database, excludes, tableLevel, combine, sampleSize, sampleBytes);
  }

  /** The number of records sampled per file to infer its schema. */
  public Crawler withSampleSize(int records) {
    if (records < 1) {
      throw new IllegalArgumentException("The sample size must be 1 record or more, not "
          + records + ".");
    }
    return new Crawler(path, database, excludes, tableLevel, combineCompatibleSchemas, records,
        sampleBytes);
  }

  /** The number of bytes (decompressed) read at most from each file. */
  public Crawler withSampleBytes(int bytes) {
    if (bytes < 1024) {
      throw new IllegalArgumentException("The sample must be 1024 bytes or more, not " + bytes
          + ".");
    }
    return new Crawler(path, database, excludes, tableLevel, combineCompatibleSchemas, sampleSize,
        bytes);
  }

  /** Lists and classifies the files and groups them into tables, without a catalog. */
  public CrawlPlan scan() {
    return scan(Instant.now());
  }

  /** Scans and merges the tables into the catalog's database (created when missing). */
  public CrawlReport crawl(Catalog catalog) {
    long start = System.nanoTime();
    Instant now = Instant.now();
    CrawlPlan plan = scan(now);
    return CatalogMerge.merge(catalog, plan, database, now,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private CrawlPlan scan(Instant now) {
    String root = root();
    List<MatchResult.Metadata> listed = list(root);
    long hidden = 0;
    long excluded = 0;
    List<MatchResult.Metadata> data = new ArrayList<>();
    List<String> relatives = new ArrayList<>();
    for (MatchResult.Metadata file : listed) {
      String full = file.resourceId().toString();
      String relative = full.startsWith(root + "/") ? full.substring(root.length() + 1) : full;
      if (isHidden(relative)) {
        hidden++;
      } else if (excludes.excludes(relative)) {
        excluded++;
      } else {
        data.add(file);
        relatives.add(relative);
      }
    }
    List<FileDescription> files = classify(data, relatives);
    List<FileDescription> recognized =
        files.stream().filter(FileDescription::recognized).toList();
    List<PlannedTable> tables =
        new TablePlanner(root, database, tableLevel, combineCompatibleSchemas, now)
            .plan(recognized);
    return new CrawlPlan(root, tables, files, hidden, excluded);
  }

  /** The crawl path as its file system names it, without a trailing slash. */
  private String root() {
    String location;
    try {
      location = FileSystems.matchNewResource(path, true).toString();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The crawl path '" + path + "' cannot be used: "
          + e.getMessage(), e);
    }
    while (location.endsWith("/") && location.length() > 1 && !location.endsWith("://")) {
      location = location.substring(0, location.length() - 1);
    }
    return location;
  }

  private List<MatchResult.Metadata> list(String root) {
    if (!root.contains("://")) {
      File local = new File(root);
      if (!local.exists()) {
        throw new IllegalArgumentException("The crawl path '" + path + "' does not exist.");
      }
      if (!local.canRead() || (local.isDirectory() && local.list() == null)) {
        throw new IllegalArgumentException("The crawl path '" + path
            + "' cannot be read: permission denied.");
      }
    }
    MatchResult result;
    try {
      result = FileSystems.match(List.of(root + "/**"), EmptyMatchTreatment.ALLOW).get(0);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("Cannot list the crawl path '" + path + "': "
          + e.getMessage(), e);
    }
    List<MatchResult.Metadata> files = new ArrayList<>();
    try {
      if (result.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata file : result.metadata()) {
          if (!file.resourceId().isDirectory()) {
            files.add(file);
          }
        }
      } else if (result.status() == MatchResult.Status.ERROR) {
        result.metadata();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot list the crawl path '" + path + "': "
          + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("The crawl path '" + path
          + "' does not exist or holds no files.");
    }
    files.sort(Comparator.comparing(f -> f.resourceId().toString()));
    return files;
  }

  private List<FileDescription> classify(List<MatchResult.Metadata> files, List<String> relatives) {
    FileClassifier classifier = new FileClassifier(sampleSize, sampleBytes);
    if (files.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, files.size()), r -> {
      Thread thread = new Thread(r, "beamglue-crawler");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<FileDescription>> futures = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        MatchResult.Metadata file = files.get(i);
        String relative = relatives.get(i);
        futures.add(pool.submit(() -> classifier.classify(
            file.resourceId().toString(), relative, file.sizeBytes())));
      }
      List<FileDescription> described = new ArrayList<>();
      for (Future<FileDescription> future : futures) {
        described.add(future.get());
      }
      return described;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("The crawl was interrupted.", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("A file could not be classified: "
          + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Whether a relative path has a file or folder name starting with {@code .} or {@code _}. */
  static boolean isHidden(String relativePath) {
    for (String segment : relativePath.split("/")) {
      if (segment.startsWith(".") || segment.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  public String path() {
    return path;
  }

  public String database() {
    return database;
  }
}
