package dev.beamglue.pipelines.findmatches;

import dev.beamglue.io.catalog.CatalogIO;
import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvRead;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetFooters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What DATA names on a {@code find-matches} command line, decided once for {@code run} and the
 * labeling commands: CSV, JSON or Parquet files, or a catalog table, read by one {@link
 * CatalogIO.Read} that {@code run} applies in its pipeline and the labeling commands read in
 * memory ({@link MatchInput}).
 *
 * <p>{@code MatchData data = MatchData.of("raw.persons", null, options); data.read();}
 *
 * <p>The decision: DATA with a {@code /}, a {@code ://}, a wildcard or a data file extension is
 * files; otherwise a name {@code db.table} is a table of the catalog of {@code --catalog}, read
 * with its location, format and live partitions (partition values become the last columns, as
 * text); any other name is a file or folder. Files are a file, a glob, or a folder (every file
 * below it at any depth, hidden names starting with {@code .} or {@code _} left out, as {@code
 * run} writes its output). The format comes from the extension: {@code .csv} or {@code .txt} (a
 * header names the columns; delimiter and quote sniffed; {@code --encoding}, UTF-8 by default;
 * every column read as text), {@code .json}, {@code .jsonl} or {@code .ndjson} (an array of
 * objects or one object a line; the schema inferred), {@code .parquet} (the first file's schema);
 * CSV and JSON may end in {@code .gz}. All files must have the same format. A missing file, an
 * unknown table or an unknown format is one sentence ({@link IllegalArgumentException}).
 */
public final class MatchData {

  /** The formats of DATA: files of one format, or a catalog table. */
  public enum Kind {
    CSV,
    JSON,
    PARQUET,
    TABLE
  }

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_-]*");

  private final String data;
  private final Kind kind;
  private final List<String> files;
  private final CatalogIO.Read read;

  private MatchData(String data, Kind kind, List<String> files, CatalogIO.Read read) {
    this.data = data;
    this.kind = kind;
    this.files = List.copyOf(files);
    this.read = read;
  }

  /**
   * Decides what {@code data} names and prepares its read; {@code encoding} is the CSV charset
   * (null for UTF-8). Registers the options' file systems ({@code s3://}).
   */
  public static MatchData of(String data, String encoding, CatalogOptions options) {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("Name the data with --input=DATA.");
    }
    FileSystems.setDefaultPipelineOptions(options);
    String trimmed = data.trim();
    if (isTableName(trimmed)) {
      return table(trimmed, options);
    }
    List<String> paths = files(trimmed);
    Kind kind = formatOf(trimmed, paths);
    String globs = String.join(",", paths);
    switch (kind) {
      case JSON:
        return new MatchData(trimmed, kind, paths,
            CatalogIO.files(globs, "json", Map.of(), JsonRead.from(globs).inferSchema()));
      case PARQUET:
        try {
          return new MatchData(trimmed, kind, paths,
              CatalogIO.files(globs, "parquet", Map.of(), ParquetFooters.read(paths.get(0)).schema()));
        } catch (IOException | RuntimeException e) {
          throw new IllegalArgumentException(
              "--input file '" + paths.get(0) + "' is not a Parquet file: " + e.getMessage(), e);
        }
      default:
        CsvRead csv = CsvRead.from(globs);
        if (encoding != null) {
          csv = csv.withEncoding(encoding);
        }
        CsvFormat format = csv.format().withHeader(true);
        Schema.Builder text = Schema.builder();
        for (Schema.Field f : csv.withFormat(format).inferSchema().getFields()) {
          text.addNullableStringField(f.getName());
        }
        return new MatchData(trimmed, kind, paths,
            CatalogIO.files(globs, "csv", format.toOptions(), text.build()));
    }
  }

  /** Whether DATA is taken as a catalog table {@code db.table} rather than files. */
  static boolean isTableName(String data) {
    return TABLE_NAME.matcher(data).matches() && extensionKind(data) == null;
  }

  private static MatchData table(String name, CatalogOptions options) {
    int dot = name.indexOf('.');
    String database = name.substring(0, dot);
    String table = name.substring(dot + 1);
    CatalogIO.Read read;
    CatalogTable t;
    try {
      read = CatalogIO.read(Catalogs.open(options), database, table);
      t = read.table();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--input '" + name + "' is read as a table db.table of the catalog '"
              + options.getCatalog() + "': " + e.getMessage(), e);
    }
    String classification = t.classification() == null ? "" : t.classification().toLowerCase(Locale.ROOT);
    if (!List.of("csv", "json", "parquet").contains(classification)) {
      throw new IllegalArgumentException(
          "Table " + name + " is classified '" + t.classification()
              + "'; find-matches reads tables of CSV, JSON or Parquet files.");
    }
    return new MatchData(name, Kind.TABLE, List.of(), read);
  }

  /** The data files DATA names: a file, a glob, or every file below a folder; never empty. */
  private static List<String> files(String data) {
    List<MatchResult.Metadata> matched = new ArrayList<>();
    try {
      matched = InputFiles.match(data);
    } catch (IllegalArgumentException none) {
      if (!data.contains("*") && !data.contains("?")) {
        String folder = data.endsWith("/") ? data + "**" : data + "/**";
        try {
          matched = InputFiles.match(folder);
        } catch (IllegalArgumentException alsoNone) {
          matched = List.of();
        }
      }
    }
    if (matched.isEmpty()) {
      throw new IllegalArgumentException(
          "No file matches --input '" + data + "': DATA is a CSV, JSON or Parquet file, a glob or a"
              + " folder of them, or a catalog table db.table.");
    }
    List<String> paths = new ArrayList<>();
    for (MatchResult.Metadata file : matched) {
      paths.add(file.resourceId().toString());
    }
    return paths;
  }

  private static Kind formatOf(String data, List<String> paths) {
    Kind kind = null;
    String first = null;
    for (String path : paths) {
      Kind k = extensionKind(path);
      if (k == null) {
        throw new IllegalArgumentException(
            "--input '" + data + "' holds '" + path + "', whose format find-matches does not know:"
                + " it reads .csv, .txt, .json, .jsonl, .ndjson (each also .gz) and .parquet files.");
      }
      if (kind != null && k != kind) {
        throw new IllegalArgumentException(
            "--input '" + data + "' mixes formats: '" + first + "' is " + kind + " but '" + path
                + "' is " + k + "; give files of one format.");
      }
      kind = k;
      first = first == null ? path : first;
    }
    return kind;
  }

  /** The format a file name's extension says, or null. */
  static Kind extensionKind(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return Kind.PARQUET;
    }
    if (lower.endsWith(".gz")) {
      lower = lower.substring(0, lower.length() - 3);
    }
    if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
      return Kind.CSV;
    }
    if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Kind.JSON;
    }
    return null;
  }

  /** DATA as given. */
  public String data() {
    return data;
  }

  public Kind kind() {
    return kind;
  }

  /** The data files, sorted; empty for a table (its files are planned by {@link #read}). */
  public List<String> files() {
    return files;
  }

  /** The read of DATA: rows of its columns (for a table, then its partition keys). */
  public CatalogIO.Read read() {
    return read;
  }
}
