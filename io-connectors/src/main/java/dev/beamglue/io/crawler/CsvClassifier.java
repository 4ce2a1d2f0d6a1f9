package dev.beamglue.io.crawler;

import dev.beamglue.io.csv.CsvDescription;
import dev.beamglue.io.csv.CsvSniffer;
import java.util.Optional;

/**
 * Classifies a file's sample as CSV with the CSV reader's {@link CsvSniffer}, and estimates its
 * records: exact when the sniffer saw the whole file, else the sample's lines scaled to the file's
 * size (a quoted field with line breaks makes this a slight overestimate).
 *
 * <p>{@code Optional<FileDescription> d = CsvClassifier.describe(sample, 1000);}
 */
final class CsvClassifier {

  private CsvClassifier() {}

  static Optional<FileDescription> describe(FileClassifier.Sample sample, int maxRecords) {
    Optional<CsvDescription> csv =
        CsvSniffer.describe(sample.data(), sample.truncated(), maxRecords);
    if (csv.isEmpty()) {
      return Optional.empty();
    }
    CsvDescription d = csv.get();
    int header = d.format().header() ? 1 : 0;
    long rows;
    if (!sample.truncated() && d.recordsSampled() + header < maxRecords) {
      rows = d.recordsSampled();
    } else {
      byte[] data = sample.data();
      int usable = sample.truncated()
          ? FileClassifier.lastIndexOf(data, (byte) '\n') + 1
          : data.length;
      long lines = 0;
      for (int i = 0; i < usable; i++) {
        if (data[i] == '\n') {
          lines++;
        }
      }
      if (!sample.truncated() && usable > 0 && data[usable - 1] != '\n') {
        lines++;
      }
      rows = Math.max(0, sample.estimate(lines, usable) - header);
    }
    return Optional.of(FileDescription.of(sample.path(), sample.relativePath(), sample.bytes(),
        "csv", sample.options(d.format().toOptions()), d.schema(), rows));
  }
}
