package dev.beamglue.io.csv;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.transforms.errors.ErrorRecords;
import java.io.IOException;
import java.io.InputStreamReader;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Reads the records of one CSV file into rows of the schema, and malformed records or records
 * that do not fit the schema into error records ({@code CsvRead}, the reason, the record's text,
 * {@code file:line}). With a header, the first record of the file is skipped. The file is opened
 * by its path with {@link InputFiles#open} (gzip by name or magic bytes). {@link ReadFiles}
 * reads matched files with it; {@link CsvRead#reader} gives it to sources that plan their own
 * files (the catalog reader).
 *
 * <p>{@code CsvRead.reader(format, schema).read("in/year=2017/part-0.csv", output);}
 */
final class CsvRecordReader implements FileRecordReader {

  static final String STEP = "CsvRead";
  static final int MAX_INPUT_CHARS = 10_000;

  private final CsvFormat format;
  private final Schema schema;
  private final CsvValues values;

  CsvRecordReader(CsvFormat format, Schema schema) {
    this.format = format;
    this.schema = schema;
    this.values = new CsvValues(schema); // refuses struct, array and map columns now
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public void read(String path, Output out) throws IOException {
    try (CsvParser parser =
        new CsvParser(new InputStreamReader(InputFiles.open(path), format.charset()), format)) {
      boolean first = true;
      while (parser.next()) {
        if (first && format.header() && parser.problem() == null) {
          first = false;
          continue;
        }
        first = false;
        String reason = parser.problem();
        if (reason == null) {
          try {
            out.row(values.toRow(parser.fields()));
            continue;
          } catch (CsvValues.BadRecord e) {
            reason = e.getMessage();
          }
        }
        String text = parser.text();
        if (text.length() > MAX_INPUT_CHARS) {
          text = text.substring(0, MAX_INPUT_CHARS);
        }
        out.error(ErrorRecords.of(STEP, reason, text, path + ":" + parser.line()));
      }
    }
  }
}
