package dev.beamglue.io.csv;

import dev.beamglue.io.files.InputFiles;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What {@link CsvRead} learns from the files before the pipeline runs: the format, sniffed from
 * the first non-empty file, and the schema, inferred with {@link CsvColumns} from the first
 * records of the files in sorted order. Malformed records and records of another width than the
 * first are left out of the sample (they become errors when the files are read).
 *
 * <p>{@code Schema s = CsvSampler.inferSchema(files, format, 20_000);}
 */
final class CsvSampler {

  /** The bytes of the first file the sniffer looks at. */
  static final int SNIFF_BYTES = 1 << 20;

  static final int SNIFF_RECORDS = 1000;

  private CsvSampler() {}

  /** The format of the first non-empty file; throws naming the file when it is not CSV. */
  static CsvFormat sniff(String globs, List<MatchResult.Metadata> files) {
    for (MatchResult.Metadata file : files) {
      String path = file.resourceId().toString();
      InputFiles.Sample head;
      try {
        head = InputFiles.head(path, SNIFF_BYTES);
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read '" + path + "': " + e.getMessage(), e);
      }
      if (head.bytes().length == 0) {
        continue;
      }
      Optional<CsvDescription> description =
          CsvSniffer.describe(head.bytes(), head.truncated(), SNIFF_RECORDS);
      if (description.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + path + "' does not look like CSV: no delimiter among , | tab ; and \\u0001 gives"
                + " the same number of columns (2 or more) in every record at its start; give the"
                + " format with CsvRead.withFormat.");
      }
      return description.get().format();
    }
    throw new IllegalArgumentException("'" + globs + "' holds no records: every file is empty.");
  }

  /**
   * The schema of the first {@code sampleSize} records (all when 0); with a header, the first
   * file's header names the columns. Throws when the files hold no record at all.
   */
  static Schema inferSchema(
      String globs, List<MatchResult.Metadata> files, CsvFormat format, int sampleSize) {
    CsvColumns columns = new CsvColumns();
    List<String> header = null;
    int width = -1;
    for (MatchResult.Metadata file : files) {
      if (sampleSize > 0 && columns.records() >= sampleSize) {
        break;
      }
      String path = file.resourceId().toString();
      try (CsvParser parser =
          new CsvParser(new InputStreamReader(InputFiles.open(path), format.charset()), format)) {
        boolean first = true;
        while ((sampleSize == 0 || columns.records() < sampleSize) && parser.next()) {
          if (parser.problem() != null) {
            first = false;
            continue;
          }
          if (first && format.header()) {
            first = false;
            if (header == null) {
              header = new ArrayList<>(parser.fields());
              width = header.size();
            }
            continue;
          }
          first = false;
          if (width < 0) {
            width = parser.fields().size();
          }
          if (parser.fields().size() == width) {
            columns.add(parser.fields());
          }
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read '" + path + "': " + e.getMessage(), e);
      }
    }
    if (width < 0) {
      throw new IllegalArgumentException(
          "'" + globs + "' holds no well-formed CSV record to infer a schema from.");
    }
    return columns.schema(format.header() ? header : null);
  }
}
