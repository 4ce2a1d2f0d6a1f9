package dev.beamglue.io.sql;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogIO;
import dev.beamglue.io.catalog.CatalogTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.extensions.sql.meta.BeamSqlTable;
import org.apache.beam.sdk.extensions.sql.meta.Table;
import org.apache.beam.sdk.extensions.sql.meta.provider.TableProvider;
import org.apache.beam.sdk.schemas.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The tables of one catalog database as a Beam SQL schema, so that a query names them {@code
 * database.table}. Tables are looked up in the catalog only when the query names them, and read
 * only when the planned query reads them. Read-only: {@code CREATE} and {@code DROP} are refused.
 *
 * <p>{@code SqlTransform.query(sql).withTableProvider("raw", new CatalogTableProvider(catalog,
 * "raw"))}
 */
final class CatalogTableProvider implements TableProvider {

  static final String TYPE = "beamglue-catalog";

  private final Catalog catalog;
  private final String database;

  CatalogTableProvider(Catalog catalog, String database) {
    this.catalog = catalog;
    this.database = database;
  }

  @Override
  public String getTableType() {
    return TYPE;
  }

  @Override
  public void createTable(Table table) {
    throw new UnsupportedOperationException("Catalog database " + database + " is read-only in "
        + "SQL; create tables by crawling or with PartitionedWrite.withCatalogUpdate.");
  }

  @Override
  public void dropTable(String tableName) {
    throw new UnsupportedOperationException("Catalog database " + database + " is read-only in "
        + "SQL; tables are not dropped by a query.");
  }

  @Override
  public Map<String, Table> getTables() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (CatalogTable table : catalog.tables(database)) {
      tables.put(table.name(), describe(table.name()));
    }
    return tables;
  }

  @Override
  public @Nullable Table getTable(String name) {
    return catalog.hasTable(database, name) ? describe(name) : null;
  }

  private Table describe(String name) {
    CatalogIO.Read read = CatalogIO.read(catalog, database, name);
    Schema schema = SqlColumns.sqlSchema(database + "." + name, read.rowSchema());
    return Table.builder()
        .type(TYPE)
        .name(name)
        .schema(schema)
        .location(read.table().location())
        .build();
  }

  @Override
  public BeamSqlTable buildBeamSqlTable(Table table) {
    CatalogTable entry = catalog.table(database, table.getName());
    return new CatalogSqlTable(catalog, database, table.getName(), table.getSchema(),
        entry.rowEstimate());
  }
}
