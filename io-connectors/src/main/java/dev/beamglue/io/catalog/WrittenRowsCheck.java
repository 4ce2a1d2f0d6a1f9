package dev.beamglue.io.catalog;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvParser;
import dev.beamglue.io.parquet.ParquetFooters;
import dev.beamglue.transforms.BundleCombine;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Fails the run when the files a {@link PartitionedWrite} finalized do not hold exactly the rows it
 * was given, so that a runner that drops or repeats a bundle's file can never reach the commit:
 * the rows are counted as data ({@link BundleCombine#count}, exact on every runner, unlike
 * metrics), the files by reading them back (Parquet footers; lines of JSON; records of CSV, header left out).
 *
 * <p>{@code WrittenRowsCheck.of(format, csvFormat, location, rows).expand(written.getPerDestinationOutputFilenames())}
 */
final class WrittenRowsCheck extends PTransform<PCollection<KV<String, String>>, PDone> {

  private final PartitionedWrite.FileFormat format;
  private final @Nullable CsvFormat csvFormat;
  private final String location;
  private final PCollection<Row> rows;

  private WrittenRowsCheck(PartitionedWrite.FileFormat format, @Nullable CsvFormat csvFormat,
      String location, PCollection<Row> rows) {
    this.format = format;
    this.csvFormat = csvFormat;
    this.location = location;
    this.rows = rows;
  }

  /** Checks the finalized files of a write of {@code rows} to {@code location}. */
  static WrittenRowsCheck of(PartitionedWrite.FileFormat format, @Nullable CsvFormat csvFormat,
      String location, PCollection<Row> rows) {
    return new WrittenRowsCheck(format, csvFormat, location, rows);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> finalFiles) {
    PCollectionView<Long> given =
        rows.apply("Count rows to write", BundleCombine.count()).apply("As view", View.asSingleton());
    finalFiles
        .apply("File names", Values.create())
        .apply("Count rows in files", ParDo.of(new CountFileRows(format, csvFormat)))
        .apply("Sum", Sum.longsGlobally())
        .apply("Compare", ParDo.of(new Compare(location, given)).withSideInputs(given));
    return PDone.in(finalFiles.getPipeline());
  }

  /** The rows a file holds. */
  static long rowsIn(String path, PartitionedWrite.FileFormat format, @Nullable CsvFormat csv)
      throws IOException {
    switch (format) {
      case PARQUET:
        return ParquetFooters.read(path).rows();
      case JSON:
        return newlines(path);
      case CSV:
        return csvRecords(path, csv);
      default:
        throw new IllegalStateException("Unknown format " + format);
    }
  }

  private static InputStream open(String path) throws IOException {
    return Channels.newInputStream(
        FileSystems.open(FileSystems.matchNewResource(path, false)));
  }

  /** JSON lines end each record with a newline and escape the newlines inside values. */
  private static long newlines(String path) throws IOException {
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = open(path)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  private static long csvRecords(String path, CsvFormat format) throws IOException {
    long records = 0;
    try (Reader reader = new InputStreamReader(open(path), format.charset());
        CsvParser parser = new CsvParser(reader, format)) {
      while (parser.next()) {
        records++;
      }
    }
    return format.header() && records > 0 ? records - 1 : records;
  }

  private static final class CountFileRows extends DoFn<String, Long> {
    private final PartitionedWrite.FileFormat format;
    private final @Nullable CsvFormat csvFormat;

    CountFileRows(PartitionedWrite.FileFormat format, @Nullable CsvFormat csvFormat) {
      this.format = format;
      this.csvFormat = csvFormat;
    }

    @ProcessElement
    public void process(@Element String path, OutputReceiver<Long> out) {
      try {
        out.output(rowsIn(path, format, csvFormat));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read back the written file " + path + " to count its rows: " + e.getMessage(),
            e);
      }
    }
  }

  private static final class Compare extends DoFn<Long, Void> {
    private final String location;
    private final PCollectionView<Long> given;

    Compare(String location, PCollectionView<Long> given) {
      this.location = location;
      this.given = given;
    }

    @ProcessElement
    public void process(@Element Long inFiles, ProcessContext context) {
      long expected = context.sideInput(given);
      if (inFiles != expected) {
        throw new IllegalStateException(
            "The write to " + location + " was given " + expected + " rows but its files hold "
                + inFiles + "; the run stops here so that nothing is committed.");
      }
    }
  }
}
