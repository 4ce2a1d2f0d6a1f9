package dev.beamglue.io.csv;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * Reads the records of one CSV file into rows of the schema, and malformed records or records
 * that do not fit the schema into error records ({@code CsvRead}, the reason, the record's text,
 * {@code file:line}). With a header, the first record of every file is skipped. The file is opened
 * by its path with {@link InputFiles#open} (gzip by name or magic bytes), whatever compression the
 * {@link FileIO.ReadableFile} was matched with.
 *
 * <p>{@code files.apply(ParDo.of(new CsvFileReader(format, schema)).withOutputTags(ROWS, ...))}
 */
final class CsvFileReader extends DoFn<FileIO.ReadableFile, Row> {

  static final String STEP = CsvRecordReader.STEP;

  private final CsvRecordReader reader;
  private final Counter records = Metrics.counter("beamglue", "CsvRead.records");
  private final Counter errors = Metrics.counter("beamglue", "CsvRead.errors");
  private transient long pendingRecords;
  private transient long pendingErrors;

  CsvFileReader(CsvFormat format, Schema schema) {
    this.reader = new CsvRecordReader(format, schema);
  }

  @FinishBundle
  public void finishBundle() {
    records.inc(pendingRecords);
    errors.inc(pendingErrors);
    pendingRecords = 0;
    pendingErrors = 0;
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out)
      throws IOException {
    reader.read(
        file.getMetadata().resourceId().toString(),
        new FileRecordReader.Output() {
          @Override
          public void row(Row row) {
            pendingRecords++;
            out.get(RowsWithErrors.ROWS).output(row);
          }

          @Override
          public void error(Row error) {
            pendingRecords++;
            pendingErrors++;
            out.get(RowsWithErrors.ERRORS).output(error);
          }
        });
  }
}
