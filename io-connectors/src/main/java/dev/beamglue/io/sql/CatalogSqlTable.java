package dev.beamglue.io.sql;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogIO;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.extensions.sql.impl.BeamTableStatistics;
import org.apache.beam.sdk.extensions.sql.meta.SchemaBaseBeamTable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.Row;

/**
 * One catalog table as a Beam SQL table: read with {@link CatalogIO} when, and only when, a query
 * uses it. A record the table's files hold but its columns do not fit fails the query with the
 * file, position and reason, as Athena fails on bad data: a query result must not silently leave
 * records out.
 *
 * <p>{@code new CatalogSqlTable(catalog, "raw", "parks", sqlSchema, rowEstimate)}
 */
final class CatalogSqlTable extends SchemaBaseBeamTable {

  private final transient Catalog catalog;
  private final String database;
  private final String table;
  private final long rowEstimate;

  CatalogSqlTable(Catalog catalog, String database, String table, Schema sqlSchema,
      long rowEstimate) {
    super(sqlSchema);
    this.catalog = catalog;
    this.database = database;
    this.table = table;
    this.rowEstimate = rowEstimate;
  }

  @Override
  public PCollection<Row> buildIOReader(PBegin begin) {
    String name = database + "." + table;
    RowsWithErrors read = begin.apply("Read " + name, CatalogIO.read(catalog, database, table));
    read.errors().apply("Fail on unreadable records of " + name, ParDo.of(new FailOnError(name)));
    PCollection<Row> rows = read.rows();
    if (rows.getSchema().equals(getSchema())) {
      return rows;
    }
    return rows.apply("SQL columns of " + name, ParDo.of(SqlColumns.converter(getSchema())))
        .setRowSchema(getSchema());
  }

  @Override
  public POutput buildIOWriter(PCollection<Row> input) {
    throw new UnsupportedOperationException("Table " + database + "." + table
        + " is read-only in SQL; write catalog tables with PartitionedWrite.");
  }

  @Override
  public PCollection.IsBounded isBounded() {
    return PCollection.IsBounded.BOUNDED;
  }

  @Override
  public BeamTableStatistics getTableStatistics(PipelineOptions options) {
    return rowEstimate > 0
        ? BeamTableStatistics.createBoundedTableStatistics((double) rowEstimate)
        : BeamTableStatistics.BOUNDED_UNKNOWN;
  }

  /** Fails the run at the first record the table could not read. */
  private static final class FailOnError extends DoFn<Row, Void> {
    private final String table;

    FailOnError(String table) {
      this.table = table;
    }

    @ProcessElement
    public void process(@Element Row error) {
      String location = ErrorRecords.location(error);
      throw new IllegalStateException("Table " + table + " holds a record that does not fit its "
          + "columns" + (location == null ? "" : " at " + location) + ": "
          + ErrorRecords.reason(error));
    }
  }
}
