package dev.beamglue.io.csv;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.files.ReadFiles;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MetadataCoderV2;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads CSV files into Rows: RFC 4180 quoting ({@link CsvParser}), any delimiter, a header or
 * not, any encoding, gzip by name or magic bytes. Unless given, the format is sniffed from the
 * first file ({@link CsvSniffer}) and the schema inferred from the first records ({@link
 * CsvColumns}), when the pipeline is built. A malformed record, a record with the wrong number of
 * fields, or a value that does not convert to its column's type goes to the error output (step
 * {@code CsvRead}, the reason naming the column and value, the record's text, {@code file:line});
 * records in = rows + errors.
 *
 * <p>{@code RowsWithErrors r = p.apply(CsvRead.from("in/*.csv").withEncoding("ISO-8859-1"));}
 *
 * <p>Files are read in parallel, each file whole by one worker: a CSV file is not split into
 * byte ranges, because a quoted field may hold line breaks and a range cannot tell where a record
 * starts without reading from the beginning. Many files (as Glue jobs and crawled tables have)
 * spread; one huge file is read by one worker.
 */
public final class CsvRead extends PTransform<PBegin, RowsWithErrors> {

  /** The number of records sampled to infer the schema when none is set. */
  public static final int DEFAULT_SAMPLE_SIZE = 20_000;

  private final String fileGlob;
  private final @Nullable CsvFormat format;
  private final @Nullable Schema schema;
  private final int sampleSize;
  private final @Nullable String encoding;
  private transient @Nullable CsvFormat sniffed;
  private transient @Nullable Schema inferred;

  private CsvRead(
      String fileGlob,
      @Nullable CsvFormat format,
      @Nullable Schema schema,
      int sampleSize,
      @Nullable String encoding) {
    this.fileGlob = fileGlob;
    this.format = format;
    this.schema = schema;
    this.sampleSize = sampleSize;
    this.encoding = encoding;
  }

  /** Reads the files the glob matches; several globs may be given separated by commas. */
  public static CsvRead from(String fileGlob) {
    if (fileGlob == null || fileGlob.trim().isEmpty()) {
      throw new IllegalArgumentException("CsvRead.from needs a file or glob, not an empty one.");
    }
    return new CsvRead(fileGlob, null, null, DEFAULT_SAMPLE_SIZE, null);
  }

  /**
   * A reader of whole CSV files with this format and schema, by column position, for sources that
   * plan their own files (the catalog reader); see {@link CsvRecordReader}.
   */
  public static FileRecordReader reader(CsvFormat format, Schema schema) {
    return new CsvRecordReader(format, schema);
  }

  /**
   * Reads files already matched (as {@code FileIO.readMatches()} gives them) with this format and
   * schema, by column position; this is what {@link #from} uses once it knows both.
   */
  public static PTransform<PCollection<FileIO.ReadableFile>, RowsWithErrors> readFiles(
      CsvFormat format, Schema schema) {
    return ReadFiles.of(reader(format, schema));
  }

  /** Reads with this format instead of sniffing it from the first file. */
  public CsvRead withFormat(CsvFormat format) {
    return new CsvRead(fileGlob, format, schema, sampleSize, encoding);
  }

  /** Reads with this schema (by column position) and infers none. */
  public CsvRead withSchema(Schema schema) {
    new CsvValues(schema); // refuses struct, array and map columns now
    return new CsvRead(fileGlob, format, schema, sampleSize, encoding);
  }

  /** Infers the schema from the first {@code records} records in sorted file order; 0 reads all. */
  public CsvRead withSampleSize(int records) {
    if (records < 0) {
      throw new IllegalArgumentException(
          "The sample size is " + records + ": give a number of records, or 0 to read all.");
    }
    return new CsvRead(fileGlob, format, schema, records, encoding);
  }

  /** Decodes the files with this charset (for example {@code ISO-8859-1}), sniffed or not. */
  public CsvRead withEncoding(String encoding) {
    CsvFormat.DEFAULT.withEncoding(encoding); // checks the name now
    return new CsvRead(fileGlob, format, schema, sampleSize, encoding);
  }

  public String getFileGlob() {
    return fileGlob;
  }

  /**
   * The format: the one given, or the one sniffed from the first non-empty file, with the encoding
   * of {@link #withEncoding} when set. Throws {@link IllegalArgumentException} naming the glob or
   * file when nothing matches or the first file is not CSV.
   */
  public CsvFormat format() {
    if (sniffed == null) {
      CsvFormat base = format != null ? format : CsvSampler.sniff(fileGlob, InputFiles.match(fileGlob));
      sniffed = encoding == null ? base : base.withEncoding(encoding);
    }
    return sniffed;
  }

  /** The schema of the rows: the one given, or the one inferred from the sample (read once). */
  public Schema inferSchema() {
    if (schema != null) {
      return schema;
    }
    if (inferred == null) {
      inferred = CsvSampler.inferSchema(fileGlob, InputFiles.match(fileGlob), format(), sampleSize);
    }
    return inferred;
  }

  @Override
  public RowsWithErrors expand(PBegin input) {
    FileSystems.setDefaultPipelineOptions(input.getPipeline().getOptions());
    InputFiles.match(fileGlob); // fails now, naming the glob, when nothing matches
    CsvFormat readFormat = format();
    Schema rowSchema = inferSchema();
    return input
        .apply("Globs", Create.of(fileGlob))
        .apply("Match", ParDo.of(new MatchFn()))
        .setCoder(MetadataCoderV2.of())
        .apply("Spread files", Reshuffle.viaRandomKey())
        .apply("Open", FileIO.readMatches())
        .apply("Read", readFiles(readFormat, rowSchema));
  }

  /** Matches the comma-separated globs on a worker, as {@link InputFiles#match} does. */
  private static final class MatchFn extends DoFn<String, MatchResult.Metadata> {
    @ProcessElement
    public void process(@Element String globs, OutputReceiver<MatchResult.Metadata> out)
        throws IOException {
      for (MatchResult.Metadata file : InputFiles.match(globs)) {
        out.output(file);
      }
    }
  }
}
