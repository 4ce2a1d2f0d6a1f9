package dev.beamglue.io.catalog;

import java.util.List;

/**
 * A Data Catalog: databases of tables, each table with its columns, storage (location, format,
 * format options), partitions and the history of its schema. Implementations: the embedded
 * catalog in a local folder (the default) and AWS Glue's Data Catalog.
 *
 * <p>{@code CatalogTable parks = catalog.table("raw", "parks");}
 *
 * <p>Every method that names a database or table that does not exist throws {@link
 * CatalogException} with one sentence that names it and lists what exists.
 */
public interface Catalog {

  /** The names of the databases, sorted. */
  List<String> databases();

  /** Creates the database when it does not exist yet; does nothing otherwise. */
  void ensureDatabase(String database);

  /** The tables of a database, sorted by name; throws when the database does not exist. */
  List<CatalogTable> tables(String database);

  /** The table; throws {@link CatalogException} when the database or the table does not exist. */
  CatalogTable table(String database, String name);

  /** Whether the database holds a table of that name. */
  boolean hasTable(String database, String name);

  /**
   * Creates or replaces the table (the database must exist). When its columns differ from the
   * stored table's, the catalog records a new {@link SchemaVersion}; the stored version number
   * wins over the one in {@code table}.
   */
  void putTable(CatalogTable table);

  /** Deletes the table and its partitions; throws when it does not exist. */
  void deleteTable(String database, String name);

  /** The partitions of a table, sorted by their values; empty for an unpartitioned table. */
  List<CatalogPartition> partitions(String database, String table);

  /**
   * Adds partitions to a table or replaces those with the same values; the others stay. Throws
   * when a partition's values do not match the table's partition keys.
   */
  void putPartitions(String database, String table, List<CatalogPartition> partitions);

  /** The versions of a table's schema, oldest first; the last one is the current schema. */
  List<SchemaVersion> schemaVersions(String database, String table);
}
