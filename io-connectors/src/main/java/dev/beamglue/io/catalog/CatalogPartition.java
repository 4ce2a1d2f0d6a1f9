package dev.beamglue.io.catalog;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One partition of a table: the values of the table's partition keys, in key order, and the
 * folder that holds its files.
 *
 * <p>{@code new CatalogPartition(List.of("2017", "04"), "raw/parks/year=2017/month=04", ...)}
 *
 * @param values the partition's value per partition key, in the table's key order
 * @param location the folder of the partition's files
 * @param fileCount the number of data files the crawler or job saw
 * @param bytes their total size
 * @param updatedAt when it was crawled or written
 * @param deletedAt when a recrawl found the folder gone, or null while it exists
 */
public record CatalogPartition(
    List<String> values,
    String location,
    long fileCount,
    long bytes,
    Instant updatedAt,
    Instant deletedAt)
    implements Serializable {

  public CatalogPartition {
    values = List.copyOf(values);
  }

  /** A live partition updated now, without statistics. */
  public static CatalogPartition of(List<String> values, String location) {
    return new CatalogPartition(values, location, 0, 0, Instant.now(), null);
  }

  /** Whether a recrawl found this partition's folder gone. */
  public boolean isDeleted() {
    return deletedAt != null;
  }

  /** The same partition, marked deleted at {@code at}. */
  public CatalogPartition deleted(Instant at) {
    return new CatalogPartition(values, location, fileCount, bytes, updatedAt, at);
  }
}
