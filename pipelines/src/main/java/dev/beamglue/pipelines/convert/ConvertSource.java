package dev.beamglue.pipelines.convert;

import dev.beamglue.io.bookmarks.BookmarkMode;
import dev.beamglue.io.bookmarks.JobBookmark;
import dev.beamglue.io.bookmarks.JobBookmarks;
import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogIO;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.csv.CsvRead;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.jdbc.JdbcSource;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetFooters;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Where {@code beamglue run convert} reads from: a catalog table ({@code --sourceTable}, with a
 * push-down predicate), files ({@code --input}, their format from {@code --inputFormat} or the
 * first file's name, their schema inferred from a sample or a Parquet footer), or a JDBC table or
 * query; file sources honour the job bookmark.
 *
 * <p>{@code RowsWithErrors read = ConvertSource.of(options).read(pipeline, catalog);}
 */
final class ConvertSource {

  enum Kind { CATALOG, FILES, JDBC }

  private final ConvertOptions options;
  private final Kind kind;

  private ConvertSource(ConvertOptions options, Kind kind) {
    this.options = options;
    this.kind = kind;
  }

  /** The one source the options name; throws one sentence when they name none or several. */
  static ConvertSource of(ConvertOptions options) {
    boolean table = options.getSourceTable() != null;
    boolean files = options.getInput() != null;
    boolean jdbc = options.getTargetJdbcTable() == null
        ? options.getJdbcTable() != null || options.getJdbcQuery() != null
        : options.getJdbcQuery() != null;
    int named = (table ? 1 : 0) + (files ? 1 : 0) + (jdbc ? 1 : 0);
    if (named != 1) {
      throw new IllegalArgumentException(
          (named == 0 ? "Name a source: " : "Name only one source: ")
              + "--sourceTable=DATABASE.TABLE, --input=FILES, or --jdbcTable/--jdbcQuery with "
              + "--jdbcUrl.");
    }
    if (options.getPushDownPredicate() != null && !table) {
      throw new IllegalArgumentException(
          "--pushDownPredicate filters a catalog table's partitions: use it with --sourceTable.");
    }
    Kind kind = table ? Kind.CATALOG : files ? Kind.FILES : Kind.JDBC;
    if (kind == Kind.JDBC && BookmarkMode.parse(options.getBookmark()) != BookmarkMode.DISABLE) {
      throw new IllegalArgumentException(
          "Job bookmarks track files, and a JDBC source has none: use --bookmark=disable, or a "
              + "--jdbcQuery that selects only new rows.");
    }
    return new ConvertSource(options, kind);
  }

  Kind kind() {
    return kind;
  }

  /** Applies the read to the pipeline: the records, and those that could not be read. */
  RowsWithErrors read(Pipeline pipeline, Catalog catalog) {
    switch (kind) {
      case CATALOG:
        QualifiedName name = QualifiedName.parse(options.getSourceTable(), "--sourceTable");
        CatalogIO.Read table = CatalogIO.read(catalog, name.database(), name.table());
        if (options.getPushDownPredicate() != null) {
          table = table.withPushDownPredicate(options.getPushDownPredicate());
        }
        return pipeline.apply("Read " + options.getSourceTable(), table.withBookmark(bookmark()));
      case FILES:
        return pipeline.apply("Read files", files().withBookmark(bookmark()));
      default:
        PCollection<Row> rows = pipeline.apply("Read JDBC", JdbcSource.fromOptions(options));
        PCollection<Row> none = pipeline.apply("No read errors",
            Create.empty(RowCoder.of(ErrorRecords.SCHEMA)));
        return RowsWithErrors.of(rows, none.setRowSchema(ErrorRecords.SCHEMA));
    }
  }

  private JobBookmark bookmark() {
    BookmarkMode mode = BookmarkMode.parse(options.getBookmark());
    JobBookmarks bookmarks;
    if (options.getBookmarkDir() != null) {
      bookmarks = JobBookmarks.in(Path.of(options.getBookmarkDir()));
    } else if (Catalogs.isGlue(options.getCatalog())) {
      if (mode == BookmarkMode.DISABLE) {
        bookmarks = JobBookmarks.in(Path.of(options.getCatalog()));
      } else {
        throw new IllegalArgumentException(
            "With --catalog=glue, name the folder of job bookmarks with --bookmarkDir.");
      }
    } else {
      bookmarks = JobBookmarks.inCatalogFolder(Path.of(options.getCatalog()));
    }
    return bookmarks.start(options.getBookmarkJob(), mode);
  }

  /** The files of {@code --input} as an unpartitioned table of their format and inferred schema. */
  private CatalogIO.Read files() {
    String globs = inputGlobs(options.getInput());
    List<MatchResult.Metadata> matched = InputFiles.match(globs);
    String first = matched.get(0).resourceId().toString();
    String format = options.getInputFormat() != null
        ? options.getInputFormat().trim().toLowerCase(Locale.ROOT)
        : formatOfName(first);
    switch (format) {
      case "json":
        Schema json = JsonRead.from(globs).withSampleSize(options.getSampleSize()).inferSchema();
        return CatalogIO.files(globs, "json", Map.of(), json);
      case "csv":
        CsvRead csv = CsvRead.from(globs).withSampleSize(options.getSampleSize());
        return CatalogIO.files(globs, "csv", csv.format().toOptions(), csv.inferSchema());
      case "parquet":
        try {
          return CatalogIO.files(globs, "parquet", Map.of(), ParquetFooters.read(first).schema());
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "--input file '" + first + "' is not a Parquet file: " + e.getMessage(), e);
        }
      default:
        throw new IllegalArgumentException(
            "--inputFormat must be csv, json or parquet, not '" + format + "'.");
    }
  }

  /** A folder named without a wildcard stands for every file under it. */
  static String inputGlobs(String input) {
    StringBuilder globs = new StringBuilder();
    for (String part : input.split(",")) {
      String path = part.trim();
      if (path.isEmpty()) {
        continue;
      }
      boolean glob = path.chars().anyMatch(c -> c == '*' || c == '?' || c == '{' || c == '[');
      boolean folder = path.endsWith("/") || (!glob && !path.startsWith("s3://")
          && java.nio.file.Files.isDirectory(Path.of(path)))
          || (!glob && path.startsWith("s3://") && lastSegment(path).indexOf('.') < 0);
      globs.append(globs.length() == 0 ? "" : ",")
          .append(folder ? (path.endsWith("/") ? path + "**" : path + "/**") : path);
    }
    return globs.toString();
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** csv, json or parquet from a file name ({@code .gz} ignored); throws one sentence otherwise. */
  static String formatOfName(String path) {
    String name = lastSegment(path).toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
      return "csv";
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "json";
    }
    if (name.endsWith(".parquet")) {
      return "parquet";
    }
    throw new IllegalArgumentException(
        "Cannot tell the format of --input file '" + path + "' from its name: pass "
            + "--inputFormat=csv, json or parquet.");
  }
}
