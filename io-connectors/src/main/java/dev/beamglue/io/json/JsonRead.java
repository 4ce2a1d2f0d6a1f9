package dev.beamglue.io.json;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.io.files.ReadFiles;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.json.JsonRowParser;
import dev.beamglue.transforms.schema.SchemaProjection;
import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads JSON records into Rows, as Glue's JSON source does: newline-delimited JSON (one object per
 * line, blank lines skipped), files holding one JSON array of objects, and gzip of either. The
 * schema is inferred from a sample of the records when the pipeline is built ({@link
 * JsonSchemaInference} has the rules) unless one is given. A record that is not JSON, not an
 * object, or does not fit the schema goes to the error output with its file and line; nothing is
 * dropped. Large uncompressed newline-delimited files are read in parallel byte ranges.
 *
 * <p>{@code RowsWithErrors events = p.apply(JsonRead.from("in/*.json.gz").withSampleSize(1000));}
 */
public final class JsonRead extends PTransform<PBegin, RowsWithErrors> {

  /** The number of records sampled to infer the schema when none is set. */
  public static final int DEFAULT_SAMPLE_SIZE = 20_000;

  /** The size of the ranges a large uncompressed file is split into. */
  public static final long DEFAULT_RANGE_BYTES = 64L << 20;

  private static final String SAMPLE_HINT =
      "The record is unlike the sampled ones: a larger --sampleSize (0 reads every record) "
          + "infers a schema that fits it.";
  private static final String GIVEN_HINT =
      "The record does not fit the schema given to JsonRead.withSchema.";
  private static final String READER_HINT =
      "The record does not fit the schema the files are read with.";

  private final String fileGlob;
  private final int sampleSize;
  private final @Nullable Schema schema;
  private final long rangeBytes;
  private final @Nullable List<String> fields;
  private transient @Nullable Schema inferred;

  private JsonRead(
      String fileGlob,
      int sampleSize,
      @Nullable Schema schema,
      long rangeBytes,
      @Nullable List<String> fields) {
    this.fileGlob = fileGlob;
    this.sampleSize = sampleSize;
    this.schema = schema;
    this.rangeBytes = rangeBytes;
    this.fields = fields;
  }

  /** Reads the files the glob matches; several globs may be given separated by commas. */
  public static JsonRead from(String fileGlob) {
    if (fileGlob == null || fileGlob.trim().isEmpty()) {
      throw new IllegalArgumentException("JsonRead.from needs a file or glob, not an empty one.");
    }
    return new JsonRead(fileGlob, DEFAULT_SAMPLE_SIZE, null, DEFAULT_RANGE_BYTES, null);
  }

  /** Infers the schema from the first {@code records} records in sorted file order; 0 reads all. */
  public JsonRead withSampleSize(int records) {
    if (records < 0) {
      throw new IllegalArgumentException(
          "The sample size is " + records + ": give a number of records, or 0 to read all.");
    }
    return new JsonRead(fileGlob, records, schema, rangeBytes, fields);
  }

  /** Reads with this schema and infers none; records that do not fit it become errors. */
  public JsonRead withSchema(Schema schema) {
    JsonRowParser.checkSupported(schema);
    return new JsonRead(fileGlob, sampleSize, schema, rangeBytes, fields);
  }

  /** Splits uncompressed newline-delimited files into ranges of this many bytes (for tests). */
  public JsonRead withRangeBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException(
          "The range size is " + bytes + " bytes: give a positive size.");
    }
    return new JsonRead(fileGlob, sampleSize, schema, bytes, fields);
  }

  /**
   * Builds only these fields (Glue dotted paths) into the rows, as Spark prunes the columns a job
   * does not use: a named field is kept whole, a struct on the way keeps only the named children,
   * and the other fields of a record are skipped without being parsed into values or checked
   * against the schema. A field that is in no sampled record is still an error.
   */
  public JsonRead withFields(Collection<String> paths) {
    return new JsonRead(fileGlob, sampleSize, schema, rangeBytes, List.copyOf(paths));
  }

  /**
   * A reader of whole JSON files into rows of {@code schema}, for sources that plan their own
   * files (the catalog reader, bookmarked sources); records that do not fit go to errors.
   */
  public static FileRecordReader reader(Schema schema) {
    JsonRowParser.checkSupported(schema);
    return new JsonRecordReader(schema, schema, READER_HINT);
  }

  /**
   * Reads the matched files of a collection with a given schema, each file whole, as {@link
   * #reader} does.
   *
   * <p>{@code files.apply(FileIO.readMatches()).apply(JsonRead.readFiles(schema))}
   */
  public static PTransform<PCollection<FileIO.ReadableFile>, RowsWithErrors> readFiles(
      Schema schema) {
    return ReadFiles.of(reader(schema));
  }

  public String getFileGlob() {
    return fileGlob;
  }

  public int getSampleSize() {
    return sampleSize;
  }

  /**
   * The schema of the records: the one given with {@link #withSchema}, or the one inferred from
   * the sample (read once, when first asked); the rows have it, or the part {@link #withFields}
   * names. Throws {@link IllegalArgumentException} when no
   * file matches, every file is empty, or the sample holds no JSON object.
   */
  public Schema inferSchema() {
    if (schema != null) {
      return schema;
    }
    if (inferred == null) {
      inferred = JsonSampler.infer(fileGlob, JsonFiles.match(fileGlob), sampleSize);
    }
    return inferred;
  }

  /** The schema of the rows: the records' schema, narrowed to {@link #withFields} when set. */
  public Schema rowSchema() {
    Schema records = inferSchema();
    return fields == null ? records : SchemaProjection.keep(records, fields);
  }

  @Override
  public RowsWithErrors expand(PBegin input) {
    FileSystems.setDefaultPipelineOptions(input.getPipeline().getOptions());
    if (schema != null) {
      JsonFiles.match(fileGlob); // fails now, with the glob, when nothing matches
    }
    Schema recordSchema = inferSchema();
    Schema rowSchema = rowSchema();
    PCollectionTuple parsed =
        input
            .apply("Globs", Create.of(fileGlob))
            .apply("Plan ranges", ParDo.of(new JsonRanges.PlanFn(rangeBytes)))
            .setRowSchema(JsonRanges.RANGE)
            .apply("Spread ranges", Reshuffle.viaRandomKey())
            .apply(
                "Parse",
                ParDo.of(
                        new JsonRanges.ReadFn(
                            rowSchema, recordSchema, schema == null ? SAMPLE_HINT : GIVEN_HINT))
                    .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        parsed.get(RowsWithErrors.ROWS).setRowSchema(rowSchema),
        parsed.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }
}
