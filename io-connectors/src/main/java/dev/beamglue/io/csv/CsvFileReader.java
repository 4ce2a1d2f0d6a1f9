package dev.beamglue.io.csv;

import dev.beamglue.io.files.InputFiles;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.io.InputStreamReader;
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

  static final String STEP = "CsvRead";
  static final int MAX_INPUT_CHARS = 10_000;

  private final CsvFormat format;
  private final CsvValues values;
  private final Counter records = Metrics.counter("beamglue", "CsvRead.records");
  private final Counter errors = Metrics.counter("beamglue", "CsvRead.errors");
  private transient long pendingRecords;
  private transient long pendingErrors;

  CsvFileReader(CsvFormat format, Schema schema) {
    this.format = format;
    this.values = new CsvValues(schema);
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
    String path = file.getMetadata().resourceId().toString();
    try (CsvParser parser =
        new CsvParser(
            new InputStreamReader(InputFiles.open(path), format.charset()), format)) {
      boolean first = true;
      while (parser.next()) {
        pendingRecords++;
        if (first && format.header() && parser.problem() == null) {
          first = false;
          pendingRecords--;
          continue;
        }
        first = false;
        String reason = parser.problem();
        if (reason == null) {
          try {
            out.get(RowsWithErrors.ROWS).output(values.toRow(parser.fields()));
            continue;
          } catch (CsvValues.BadRecord e) {
            reason = e.getMessage();
          }
        }
        pendingErrors++;
        String text = parser.text();
        if (text.length() > MAX_INPUT_CHARS) {
          text = text.substring(0, MAX_INPUT_CHARS);
        }
        out.get(RowsWithErrors.ERRORS)
            .output(ErrorRecords.of(STEP, reason, text, path + ":" + parser.line()));
      }
    }
  }
}
