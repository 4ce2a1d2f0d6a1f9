package dev.beamglue.io.crawler;

import java.util.Optional;

/** Classifies a sample as CSV with the CSV reader's sniffer. */
final class CsvClassifier {

  private CsvClassifier() {}

  static Optional<FileDescription> describe(FileClassifier.Sample sample, int maxRecords) {
    return Optional.empty();
  }
}
