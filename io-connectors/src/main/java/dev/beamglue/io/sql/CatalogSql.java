package dev.beamglue.io.sql;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogException;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs a Beam SQL query over the tables of a Data Catalog, as Athena queries the tables Glue's
 * crawlers catalog: a table is named {@code database.table}, or by its name alone in the default
 * database. Each table the query uses is read with {@code CatalogIO.read} (its columns, then its
 * partition columns as strings); tables it does not use are not read.
 *
 * <p>{@code PCollection<Row> rows = p.apply(CatalogSql.query(catalog, "SELECT city, COUNT(*) AS n
 * FROM shop.orders o JOIN shop.customers c ON o.customer = c.customer GROUP BY city"));}
 *
 * <p>The dialect is Beam SQL's Calcite dialect: identifiers are case sensitive and quoted with
 * backticks (a partition column named {@code year}, {@code month} or {@code day}, reserved words,
 * is written {@code `year`}), and {@code ORDER BY} needs a {@code LIMIT}; {@link ResultOrder}
 * gives the order to sort the collected rows in. A choice column (a Glue choice type) is
 * queried as a string holding each record's value; a {@code decimal(p,s)} column as a {@code
 * DECIMAL}. A query that does not parse, or names an unknown database, table or column, throws
 * {@link IllegalArgumentException} with one sentence and the position in the query when the
 * transform is applied. A record that does not fit its table's columns fails the run.
 */
public final class CatalogSql {

  private CatalogSql() {}

  /** The query over {@code catalog}; every database of the catalog can be named in it. */
  public static Query query(Catalog catalog, String sql) {
    if (sql == null || sql.isBlank()) {
      throw new IllegalArgumentException("CatalogSql.query needs a query, not an empty one.");
    }
    return new Query(catalog, sql, null);
  }

  /** See {@link CatalogSql}. */
  public static final class Query extends PTransform<PBegin, PCollection<Row>> {
    private final transient Catalog catalog;
    private final String sql;
    private final @Nullable String defaultDatabase;

    private Query(Catalog catalog, String sql, @Nullable String defaultDatabase) {
      this.catalog = catalog;
      this.sql = sql;
      this.defaultDatabase = defaultDatabase;
    }

    /**
     * Lets the query name the tables of {@code database} without the database, as Athena's
     * current database; checked now, an unknown database throws one sentence.
     */
    public Query withDefaultDatabase(String database) {
      List<String> databases = catalog.databases();
      if (!databases.contains(database)) {
        throw CatalogException.noDatabase(database, databases);
      }
      return new Query(catalog, sql, database);
    }

    public String sql() {
      return sql;
    }

    @Override
    public PCollection<Row> expand(PBegin input) {
      FileSystems.setDefaultPipelineOptions(input.getPipeline().getOptions());
      List<String> databases = catalog.databases();
      SqlTransform transform = SqlTransform.query(sql);
      for (String database : databases) {
        CatalogTableProvider provider = new CatalogTableProvider(catalog, database);
        transform = database.equals(defaultDatabase)
            ? transform.withDefaultTableProvider(database, provider)
            : transform.withTableProvider(database, provider);
      }
      try {
        return input.apply("Beam SQL", transform);
      } catch (RuntimeException e) {
        throw SqlProblems.explain(e, sql, databases, defaultDatabase);
      }
    }
  }
}
