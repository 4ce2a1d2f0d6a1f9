package dev.beamglue.io.catalog;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * One table of the catalog: where its files are, how to read them, its columns and its
 * partition keys, as a crawler found them or a job wrote them.
 *
 * <p>{@code CatalogTable t = catalog.table("raw", "parks"); t.columns(); t.partitionKeys();}
 *
 * @param database the database that holds the table
 * @param name the table's name, lower case as Glue has it
 * @param location the folder (or a single file) of the data: a local path or {@code s3://...}
 * @param classification the format: {@code csv}, {@code json} or {@code parquet}
 * @param formatOptions how to read the format, by the names Glue's SerDe parameters use where
 *     they exist: {@code delimiter}, {@code header} ({@code true}/{@code false}), {@code quote},
 *     {@code encoding}, {@code compression} ({@code none}/{@code gzip}), {@code jsonLayout}
 *     ({@code lines}/{@code array})
 * @param columns the data columns (partition columns are not among them), nullable
 * @param partitionKeys the partition columns, outermost folder first; their values are strings
 * @param rowEstimate an estimate of the number of records
 * @param bytesEstimate the bytes of the data files
 * @param fileCount the number of data files
 * @param updatedAt when a crawler or a job last wrote the table
 * @param schemaVersion the number of the current {@link SchemaVersion}, from 1
 * @param parameters free-form parameters (Glue's table parameters)
 */
public record CatalogTable(
    String database,
    String name,
    String location,
    String classification,
    Map<String, String> formatOptions,
    Schema columns,
    List<String> partitionKeys,
    long rowEstimate,
    long bytesEstimate,
    long fileCount,
    Instant updatedAt,
    int schemaVersion,
    Map<String, String> parameters)
    implements Serializable {

  public CatalogTable {
    formatOptions = Map.copyOf(formatOptions);
    partitionKeys = List.copyOf(partitionKeys);
    parameters = Map.copyOf(parameters);
  }

  /** A table with no statistics yet, at schema version 1, updated now. */
  public static CatalogTable of(
      String database,
      String name,
      String location,
      String classification,
      Map<String, String> formatOptions,
      Schema columns,
      List<String> partitionKeys) {
    return new CatalogTable(
        database, name, location, classification, formatOptions, columns, partitionKeys,
        0, 0, 0, Instant.now(), 1, Map.of());
  }

  /** The same table with other columns. */
  public CatalogTable withColumns(Schema newColumns) {
    return new CatalogTable(
        database, name, location, classification, formatOptions, newColumns, partitionKeys,
        rowEstimate, bytesEstimate, fileCount, updatedAt, schemaVersion, parameters);
  }

  /** The same table with other statistics, updated at {@code at}. */
  public CatalogTable withStatistics(long rows, long bytes, long files, Instant at) {
    return new CatalogTable(
        database, name, location, classification, formatOptions, columns, partitionKeys,
        rows, bytes, files, at, schemaVersion, parameters);
  }

  /** The same table at another schema version. */
  public CatalogTable withSchemaVersion(int version) {
    return new CatalogTable(
        database, name, location, classification, formatOptions, columns, partitionKeys,
        rowEstimate, bytesEstimate, fileCount, updatedAt, version, parameters);
  }

  /** The same table with other parameters. */
  public CatalogTable withParameters(Map<String, String> newParameters) {
    return new CatalogTable(
        database, name, location, classification, formatOptions, columns, partitionKeys,
        rowEstimate, bytesEstimate, fileCount, updatedAt, schemaVersion, newParameters);
  }

  /** A format option, or {@code fallback} when the table does not set it. */
  public String formatOption(String key, String fallback) {
    return formatOptions.getOrDefault(key, fallback);
  }

  /** Whether the table has partition keys. */
  public boolean isPartitioned() {
    return !partitionKeys.isEmpty();
  }
}
