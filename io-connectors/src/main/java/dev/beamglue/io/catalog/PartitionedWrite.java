package dev.beamglue.io.catalog;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvSink;
import dev.beamglue.io.files.HivePartitions;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.parquet.ParquetSink;
import dev.beamglue.io.parquet.RowToAvro;
import dev.beamglue.transforms.errors.RowJson;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes Rows as Parquet, JSON lines or CSV files in Hive-style partition folders ({@code
 * year=2017/month=04}, values escaped as Hive does), as Glue's sinks with {@code partitionKeys}:
 * the partition columns become folders and leave the files. The output is atomic: every file is
 * written under {@code <location>/.beamglue-staging/<runId>/} (hidden, so readers and crawlers
 * skip it), and only the driver-side commit that runs after the pipeline succeeded moves them into
 * place, optionally creating or updating the catalog table and its partitions.
 *
 * <p>{@code rows.apply(PartitionedWrite.parquet().to("out/parks").withPartitionKeys("year",
 * "month").withCatalogUpdate(catalog, "curated", "parks"));} then, after the run ended {@code
 * DONE}, {@code JobCommits.of(pipeline).commit()} (the {@code beamglue} command line does it).
 *
 * <p>Before the run ends, the written files are read back (Parquet footers, JSON lines, CSV
 * records) and their rows compared with the number of rows given: a difference fails the run, so
 * nothing is committed (see {@link WrittenRowsCheck}).
 *
 * <p>File names carry the run's id and a random token per file ({@code
 * part-<runId>-00000-3f9a1c2b.parquet}), so neither runs nor the bundles of one run overwrite each
 * other's files: a second run appends. A failed or killed run leaves nothing in the
 * final location; its staging folder is removed by its abort or by the next commit.
 */
public final class PartitionedWrite
    extends PTransform<PCollection<Row>, PartitionedWrite.Result> {

  /** The hidden folder, inside the location, where runs stage their files. */
  public static final String STAGING = ".beamglue-staging";

  private final FileFormat format;
  private final @Nullable CsvFormat csvFormat;
  private final @Nullable String location;
  private final List<String> partitionKeys;
  private final int numShards;
  private final transient @Nullable CatalogTarget catalogTarget;
  private final boolean overwritePartitions;

  private PartitionedWrite(
      FileFormat format,
      @Nullable CsvFormat csvFormat,
      @Nullable String location,
      List<String> partitionKeys,
      int numShards,
      @Nullable CatalogTarget catalogTarget,
      boolean overwritePartitions) {
    this.format = format;
    this.csvFormat = csvFormat;
    this.location = location;
    this.partitionKeys = List.copyOf(partitionKeys);
    this.numShards = numShards;
    this.catalogTarget = catalogTarget;
    this.overwritePartitions = overwritePartitions;
  }

  /** Snappy-compressed Parquet files (columns named as {@link RowToAvro} sanitizes them). */
  public static PartitionedWrite parquet() {
    return new PartitionedWrite(FileFormat.PARQUET, null, null, List.of(), 0, null, false);
  }

  /** Newline-delimited JSON files, one object per line. */
  public static PartitionedWrite json() {
    return new PartitionedWrite(FileFormat.JSON, null, null, List.of(), 0, null, false);
  }

  /**
   * CSV files in the format (delimiter, quote, header, encoding); with a header, every file
   * starts with the data columns' names.
   */
  public static PartitionedWrite csv(CsvFormat format) {
    return new PartitionedWrite(FileFormat.CSV, format, null, List.of(), 0, null, false);
  }

  /** The folder (any Beam file system path) of the table. */
  public PartitionedWrite to(String location) {
    return new PartitionedWrite(
        format, csvFormat, location, partitionKeys, numShards, catalogTarget, overwritePartitions);
  }

  /** The columns that become partition folders, outermost first. */
  public PartitionedWrite withPartitionKeys(String... keys) {
    return new PartitionedWrite(
        format, csvFormat, location, List.of(keys), numShards, catalogTarget, overwritePartitions);
  }

  /** The number of files per partition; 0, the default, lets the runner decide. */
  public PartitionedWrite withNumShards(int shards) {
    if (shards < 0) {
      throw new IllegalArgumentException(
          "The number of shards must be 0 (the runner decides) or more, not " + shards + ".");
    }
    return new PartitionedWrite(
        format, csvFormat, location, partitionKeys, shards, catalogTarget, overwritePartitions);
  }

  /**
   * At commit, creates or updates the table (format, columns without the partition keys,
   * partition keys, location) and adds the partitions the run wrote.
   */
  public PartitionedWrite withCatalogUpdate(Catalog catalog, String database, String table) {
    return new PartitionedWrite(format, csvFormat, location, partitionKeys, numShards,
        new CatalogTarget(catalog, database, table), overwritePartitions);
  }

  /**
   * Replaces the partitions the run writes instead of adding to them (Spark's dynamic partition
   * overwrite): at commit, after the run's files moved into place, the other files of each
   * partition folder the run wrote are deleted (hidden ones and subfolders left alone), and the
   * catalog's statistics of those partitions count only the new files. Partitions the run did not
   * write keep their files; unpartitioned, the location's own files are replaced. A commit that
   * stops between the move and the deletes leaves both runs' files.
   */
  public PartitionedWrite withOverwritePartitions() {
    return new PartitionedWrite(
        format, csvFormat, location, partitionKeys, numShards, catalogTarget, true);
  }

  @Override
  public Result expand(PCollection<Row> input) {
    if (location == null) {
      throw new IllegalArgumentException(
          "PartitionedWrite needs a location: call .to(folder).");
    }
    if (!input.hasSchema()) {
      throw new IllegalArgumentException(
          "PartitionedWrite needs rows with a schema; set one with setRowSchema(schema).");
    }
    org.apache.beam.sdk.io.FileSystems.setDefaultPipelineOptions(
        input.getPipeline().getOptions());
    Schema schema = input.getSchema();
    RowSplitter splitter = RowSplitter.of(schema, partitionKeys, location);
    Schema dataSchema = splitter.dataSchema();
    String runId = newRunId();
    String runFolder = OutputFolders.child(OutputFolders.child(location, STAGING), runId);
    String suffix = format.suffix();
    FileIO.Write<String, Row> write =
        FileIO.<String, Row>writeDynamic()
            .by(splitter::partitionFolder)
            .withDestinationCoder(StringUtf8Coder.of())
            .to(runFolder)
            .withNaming(new PartitionNaming("part-" + runId, suffix));
    if (numShards > 0) {
      write = write.withNumShards(numShards);
    }
    switch (format) {
      case PARQUET:
        {
          RowToAvro avro = RowToAvro.of(dataSchema); // refuses choice columns now
          write = write.via(
              Contextful.fn(new ToRecord(splitter, avro)),
              new ParquetSink(avro.avroSchema().toString()));
          break;
        }
      case JSON:
        write = write.via(Contextful.fn(new ToJson(splitter)), TextIO.sink());
        break;
      case CSV:
        write = write.via(
            Contextful.fn((SerializableFunction<Row, Row>) splitter::dataRow),
            new CsvSink(dataSchema, csvFormat));
        break;
      default:
        throw new IllegalStateException("Unknown format " + format);
    }
    WriteFilesResult<String> written = input.apply("Write " + format.classification(), write);
    written.getPerDestinationOutputFilenames()
        .apply("Check written rows", WrittenRowsCheck.of(format, csvFormat, location, input));
    Map<String, String> formatOptions =
        format == FileFormat.CSV ? csvOptions(csvFormat) : format.formatOptions();
    StagedOutput commit =
        new StagedOutput(
            location, runId, partitionKeys, dataSchema, format.classification(), formatOptions,
            catalogTarget, overwritePartitions);
    JobCommits.of(input.getPipeline()).add(commit);
    return new Result(input.getPipeline(), written, commit);
  }

  private static Map<String, String> csvOptions(CsvFormat csv) {
    Map<String, String> options = new java.util.LinkedHashMap<>(csv.toOptions());
    options.put("compression", "none");
    return options;
  }

  private static String newRunId() {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The formats, with their classification, file suffix and catalog format options. */
  enum FileFormat {
    PARQUET("parquet", ".parquet", Map.of()),
    JSON("json", ".json", Map.of("jsonLayout", "lines", "compression", "none")),
    CSV("csv", ".csv", Map.of());

    private final String classification;
    private final String suffix;
    private final Map<String, String> formatOptions;

    FileFormat(String classification, String suffix, Map<String, String> formatOptions) {
      this.classification = classification;
      this.suffix = suffix;
      this.formatOptions = formatOptions;
    }

    String classification() {
      return classification;
    }

    String suffix() {
      return suffix;
    }

    Map<String, String> formatOptions() {
      return formatOptions;
    }
  }

  /** The catalog table a commit creates or updates. */
  record CatalogTarget(Catalog catalog, String database, String table) {}

  /**
   * {@code <partition folder>/<prefix>-SSSSS-<token><suffix>}, the token random per file. Beam
   * numbers the files of a destination per finalizing bundle, and a runner may finalize one
   * destination's files in several bundles (Spark does, one per partition), each numbering from
   * {@code 00000-of-00001}: without the token, two bundles' files got the same name and one
   * replaced the other. The name is asked once per file, when its temporary file is moved.
   */
  private static final class PartitionNaming
      implements SerializableFunction<String, FileIO.Write.FileNaming> {
    private final String prefix;
    private final String suffix;

    PartitionNaming(String prefix, String suffix) {
      this.prefix = prefix;
      this.suffix = suffix;
    }

    @Override
    public FileIO.Write.FileNaming apply(String folder) {
      String start = folder.isEmpty() ? prefix : folder + "/" + prefix;
      return (window, pane, numShards, shardIndex, compression) ->
          String.format(java.util.Locale.ROOT, "%s-%05d-%s%s", start, shardIndex,
              UUID.randomUUID().toString().substring(0, 8), suffix);
    }
  }

  private static final class ToRecord
      implements SerializableFunction<Row, org.apache.avro.generic.GenericRecord> {
    private final RowSplitter splitter;
    private final RowToAvro avro;

    ToRecord(RowSplitter splitter, RowToAvro avro) {
      this.splitter = splitter;
      this.avro = avro;
    }

    @Override
    public org.apache.avro.generic.GenericRecord apply(Row row) {
      return avro.toRecord(splitter.dataRow(row));
    }
  }

  private static final class ToJson implements SerializableFunction<Row, String> {
    private final RowSplitter splitter;

    ToJson(RowSplitter splitter) {
      this.splitter = splitter;
    }

    @Override
    public String apply(Row row) {
      return RowJson.toJson(splitter.dataRow(row));
    }
  }

  /**
   * The result of a write: Beam's {@link WriteFilesResult} (the staged files) and the commit that
   * moves them into place, already registered with {@link JobCommits#of}.
   */
  public static final class Result implements org.apache.beam.sdk.values.POutput {
    private final org.apache.beam.sdk.Pipeline pipeline;
    private final WriteFilesResult<String> files;
    private final StagedOutput commit;

    Result(org.apache.beam.sdk.Pipeline pipeline, WriteFilesResult<String> files,
        StagedOutput commit) {
      this.pipeline = pipeline;
      this.files = files;
      this.commit = commit;
    }

    /** The staged files, by partition folder. */
    public WriteFilesResult<String> stagedFiles() {
      return files;
    }

    /** The commit to run after the pipeline succeeded (also registered with JobCommits). */
    public StagedOutput commit() {
      return commit;
    }

    @Override
    public org.apache.beam.sdk.Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<org.apache.beam.sdk.values.TupleTag<?>, org.apache.beam.sdk.values.PValue>
        expand() {
      return files.expand();
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName,
        org.apache.beam.sdk.values.PInput input,
        PTransform<?, ?> transform) {}
  }

  /** Splits rows into their partition folder and their data columns; positions resolved once. */
  static final class RowSplitter implements Serializable {
    private final Schema dataSchema;
    private final List<String> keys;
    private final int[] keyPositions;
    private final int[] dataPositions;

    private RowSplitter(
        Schema dataSchema, List<String> keys, int[] keyPositions, int[] dataPositions) {
      this.dataSchema = dataSchema;
      this.keys = keys;
      this.keyPositions = keyPositions;
      this.dataPositions = dataPositions;
    }

    static RowSplitter of(Schema schema, List<String> keys, String location) {
      int[] keyPositions = new int[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        if (!schema.hasField(key)) {
          throw new IllegalArgumentException(
              "The partition key '" + key + "' of the output " + location
                  + " is not a column of the rows; the columns are "
                  + String.join(", ", schema.getFieldNames()) + ".");
        }
        Schema.FieldType type = schema.getField(key).getType();
        if (type.getTypeName().isCompositeType() || type.getTypeName().isCollectionType()
            || GlueTypes.isChoice(type)) {
          throw new IllegalArgumentException(
              "The partition key '" + key + "' of the output " + location + " is a "
                  + GlueTypes.describe(type) + "; a partition key must be a single value.");
        }
        keyPositions[i] = schema.indexOf(key);
      }
      Schema.Builder data = Schema.builder();
      List<Integer> dataPositions = new ArrayList<>();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        if (!keys.contains(schema.getField(i).getName())) {
          data.addField(schema.getField(i));
          dataPositions.add(i);
        }
      }
      if (dataPositions.isEmpty()) {
        throw new IllegalArgumentException(
            "Every column of the output " + location + " is a partition key; the files need at"
                + " least one other column.");
      }
      return new RowSplitter(
          data.build(), List.copyOf(keys), keyPositions,
          dataPositions.stream().mapToInt(Integer::intValue).toArray());
    }

    Schema dataSchema() {
      return dataSchema;
    }

    String partitionFolder(Row row) {
      List<String> values = new ArrayList<>(keyPositions.length);
      for (int position : keyPositions) {
        Object value = row.getValue(position);
        values.add(value == null ? null : value.toString());
      }
      return HivePartitions.path(keys, values);
    }

    Row dataRow(Row row) {
      List<Object> values = new ArrayList<>(dataPositions.length);
      for (int position : dataPositions) {
        values.add(row.getValue(position));
      }
      return Row.withSchema(dataSchema).attachValues(values);
    }
  }
}
