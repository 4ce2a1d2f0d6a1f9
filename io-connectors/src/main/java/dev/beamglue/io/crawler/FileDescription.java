package dev.beamglue.io.crawler;

import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What the crawler found in one data file: its format and schema, or why it was left out.
 *
 * <p>{@code FileDescription d = FileClassifier.of(1000, 1 << 20).classify(path, rel, bytes);}
 *
 * @param path the file's full path ({@code /data/a.csv} or {@code s3://bucket/a.csv})
 * @param relativePath its path relative to the crawl path, {@code /}-separated
 * @param bytes its size
 * @param classification {@code csv}, {@code json} or {@code parquet}; null when unrecognized
 * @param formatOptions how to read it (the keys of {@link
 *     dev.beamglue.io.catalog.CatalogTable#formatOptions})
 * @param schema its columns, all nullable; null when unrecognized
 * @param rowEstimate its record count: exact for Parquet and for files sampled whole, else the
 *     bytes divided by the sampled bytes per record
 * @param reason why it was left out; null when recognized
 */
public record FileDescription(
    String path,
    String relativePath,
    long bytes,
    String classification,
    Map<String, String> formatOptions,
    Schema schema,
    long rowEstimate,
    String reason)
    implements Serializable {

  public FileDescription {
    formatOptions = Map.copyOf(formatOptions);
  }

  /** A recognized file. */
  static FileDescription of(
      String path,
      String relativePath,
      long bytes,
      String classification,
      Map<String, String> formatOptions,
      Schema schema,
      long rowEstimate) {
    return new FileDescription(
        path, relativePath, bytes, classification, formatOptions, schema, rowEstimate, null);
  }

  /** A file left out of the tables, and why. */
  static FileDescription skipped(String path, String relativePath, long bytes, String reason) {
    return new FileDescription(path, relativePath, bytes, null, Map.of(), null, 0, reason);
  }

  /** Whether the file was recognized. */
  public boolean recognized() {
    return classification != null;
  }

  /** The format and its options as one key: files of one table share it. */
  String kind() {
    return classification + new java.util.TreeMap<>(formatOptions);
  }

  /** The file's folder relative to the crawl path, {@code ""} for the crawl path itself. */
  String folder() {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? "" : relativePath.substring(0, slash);
  }
}
