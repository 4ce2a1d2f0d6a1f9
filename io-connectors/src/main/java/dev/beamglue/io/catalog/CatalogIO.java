package dev.beamglue.io.catalog;

import dev.beamglue.io.bookmarks.JobBookmark;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvRead;
import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.io.files.ReadFiles;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetRows;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a catalog table into Rows, as Glue's {@code create_dynamic_frame.from_catalog}: the
 * table's columns followed by one string column per partition key, set from each file's
 * partition. With a push-down predicate only the matching partitions' files are opened; with a
 * job bookmark only the files the job has not processed.
 *
 * <p>{@code RowsWithErrors parks = p.apply(CatalogIO.read(catalog, "raw", "parks")
 * .withPushDownPredicate("year = '2017' AND month = '04'"));}
 *
 * <p>The files are planned on the driver when the transform is applied: the table, its live
 * partitions (those a recrawl marked deleted are skipped), the predicate, then a listing of each
 * matching partition's folder through Beam's file systems (local paths, {@code s3://}), hidden
 * files and folders left out. {@link Read#plannedFiles()} shows the plan; each file opened at run
 * time adds one to the counter {@link ReadFiles#FILES_READ}. Formats: {@code parquet}, {@code
 * json} and {@code csv}, as the table's classification says. Records that do not fit the table's
 * columns go to the error output with their file and position.
 */
public final class CatalogIO {

  /** The string type of partition columns in the rows. */
  public static final FieldType PARTITION_TYPE = FieldType.STRING.withNullable(true);

  private CatalogIO() {}

  /** Reads table {@code table} of database {@code database} of the catalog. */
  public static Read read(Catalog catalog, String database, String table) {
    return new Read(catalog, database, table, null, null, null, null);
  }

  /**
   * Reads the files that comma-separated globs match (hidden files left out) as an unpartitioned
   * table of the given format and columns; the plain file source that job bookmarks also serve.
   *
   * <p>{@code CatalogIO.files("in/*.json", "json", Map.of(), schema).withBookmark(bookmark)}
   */
  public static Read files(String globs, String classification, Map<String, String> formatOptions,
      Schema columns) {
    if (globs == null || globs.isBlank()) {
      throw new IllegalArgumentException("CatalogIO.files needs a file or glob, not an empty one.");
    }
    CatalogTable table =
        CatalogTable.of("files", globs, globs, classification, formatOptions, columns, List.of());
    return new Read(null, null, null, table, null, null, null);
  }

  /** See {@link CatalogIO}. */
  public static final class Read extends PTransform<PBegin, RowsWithErrors> {
    private final transient @Nullable Catalog catalog;
    private final @Nullable String database;
    private final @Nullable String tableName;
    private final @Nullable CatalogTable filesTable;
    private final @Nullable String predicate;
    private final transient @Nullable JobBookmark bookmark;
    private transient @Nullable CatalogTable table;
    private transient @Nullable List<PlannedFile> plan;

    private Read(
        @Nullable Catalog catalog,
        @Nullable String database,
        @Nullable String tableName,
        @Nullable CatalogTable filesTable,
        @Nullable String predicate,
        @Nullable JobBookmark bookmark,
        @Nullable CatalogTable table) {
      this.catalog = catalog;
      this.database = database;
      this.tableName = tableName;
      this.filesTable = filesTable;
      this.predicate = predicate;
      this.bookmark = bookmark;
      this.table = table;
    }

    /**
     * Opens only the files of the partitions the predicate matches (Glue's {@code
     * push_down_predicate}); see {@link PartitionPredicate} for the syntax. Checked now: a column
     * that is not a partition key, or a syntax error, throws one sentence.
     */
    public Read withPushDownPredicate(String predicate) {
      CatalogTable resolved = table();
      PartitionPredicate.parse(predicate, resolved);
      return new Read(catalog, database, tableName, filesTable, predicate, bookmark, resolved);
    }

    /**
     * Reads only the files the bookmark's job has not processed (all files in {@code DISABLE}
     * mode), and lets the bookmark record them when the run succeeded.
     */
    public Read withBookmark(JobBookmark bookmark) {
      return new Read(catalog, database, tableName, filesTable, predicate, bookmark, table);
    }

    /** The table read: from the catalog, or the one {@link CatalogIO#files} describes. */
    public CatalogTable table() {
      if (table == null) {
        table = filesTable != null ? filesTable : catalog.table(database, tableName);
      }
      return table;
    }

    /** The name of this source in job bookmarks: {@code table:DB.TABLE} or {@code files:GLOBS}. */
    public String sourceName() {
      return filesTable != null
          ? "files:" + filesTable.location()
          : "table:" + database + "." + tableName;
    }

    /** The schema of the rows: the table's columns, then one string per partition key. */
    public Schema rowSchema() {
      CatalogTable t = table();
      Schema.Builder builder = Schema.builder();
      for (Schema.Field field : t.columns().getFields()) {
        builder.addField(field);
      }
      for (String key : t.partitionKeys()) {
        if (t.columns().hasField(key)) {
          throw new IllegalArgumentException(
              "Table " + t.database() + "." + t.name() + " has '" + key
                  + "' both as a column and as a partition key; the catalog entry is inconsistent.");
        }
        builder.addField(key, PARTITION_TYPE);
      }
      return builder.build();
    }

    /**
     * The paths of the files the read opens, sorted, planned once (with the bookmark, if any).
     * Lists the file systems: call it after the pipeline's options registered them (S3).
     */
    public List<String> plannedFiles() {
      List<String> paths = new ArrayList<>();
      for (PlannedFile file : plan()) {
        paths.add(file.path());
      }
      return paths;
    }

    private synchronized List<PlannedFile> plan() {
      if (plan != null) {
        return plan;
      }
      CatalogTable t = table();
      List<PlannedFile> files = new ArrayList<>();
      if (filesTable != null) {
        files.addAll(PlannedFile.matching(t.location()));
      } else if (!t.isPartitioned()) {
        files.addAll(PlannedFile.inFolder(t.location(), List.of()));
      } else {
        PartitionPredicate filter =
            predicate == null ? null : PartitionPredicate.parse(predicate, t);
        for (CatalogPartition partition : catalog.partitions(t.database(), t.name())) {
          if (!partition.isDeleted() && (filter == null || filter.matches(partition))) {
            files.addAll(PlannedFile.inFolder(partition.location(), partition.values()));
          }
        }
      }
      if (bookmark != null) {
        files = bookmark.select(sourceName(), files, PlannedFile::bookmarked);
      }
      plan = List.copyOf(files);
      return plan;
    }

    /**
     * Reads the planned files here, in this JVM, one after another in path order, without a
     * pipeline: each row (the table's columns, then its partition values, as {@link #rowSchema})
     * and each error record goes to {@code out}. For commands that hold a small table in memory
     * (FindMatches' labeling); {@code out} may stop the read by throwing. The file systems must be
     * registered first ({@code FileSystems.setDefaultPipelineOptions}) for {@code s3://}.
     *
     * <p>{@code read.readHere(output);}
     */
    public void readHere(FileRecordReader.Output out) throws IOException {
      Schema rowSchema = rowSchema();
      FileRecordReader reader = readerFor(table());
      for (PlannedFile file : plan()) {
        reader.read(file.path(), ReadFiles.withValues(out, file.values(), rowSchema));
      }
    }

    /** The reader of the table's format, for rows of its columns. */
    static FileRecordReader readerFor(CatalogTable t) {
      String classification = t.classification() == null ? "" : t.classification();
      switch (classification.toLowerCase(Locale.ROOT)) {
        case "parquet":
          return ParquetRows.reader(t.columns());
        case "json":
          return JsonRead.reader(t.columns());
        case "csv":
          return CsvRead.reader(CsvFormat.fromOptions(t.formatOptions()), t.columns());
        default:
          throw new IllegalArgumentException(
              "Table " + t.database() + "." + t.name() + " is classified '" + classification
                  + "', which beamglue cannot read; it reads parquet, json and csv.");
      }
    }

    @Override
    public RowsWithErrors expand(PBegin input) {
      FileSystems.setDefaultPipelineOptions(input.getPipeline().getOptions());
      CatalogTable t = table();
      Schema rowSchema = rowSchema();
      FileRecordReader reader = readerFor(t);
      List<KV<String, List<String>>> planned = new ArrayList<>();
      for (PlannedFile file : plan()) {
        planned.add(KV.of(file.path(), file.values()));
      }
      if (bookmark != null) {
        JobCommits.of(input.getPipeline()).add(bookmark);
      }
      PCollection<KV<String, List<String>>> files =
          input
              .apply("Planned files", Create.of(planned).withCoder(ReadFiles.PLANNED_CODER))
              .apply("Spread files", Reshuffle.viaRandomKey());
      return ReadFiles.readPlanned(files, reader, rowSchema);
    }
  }
}
