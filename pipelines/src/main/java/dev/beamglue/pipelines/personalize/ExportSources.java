package dev.beamglue.pipelines.personalize;

import dev.beamglue.io.jdbc.EmbeddedPostgresServer;
import dev.beamglue.pipelines.personalize.retail.RetailFiles;
import dev.beamglue.pipelines.personalize.retail.RetailGenerator;
import dev.beamglue.pipelines.personalize.retail.RetailSpec;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The sources of an export run, generated where the options give none: the users CSV and items
 * JSON under {@code <output>/sources/}, and the orders in an embedded PostgreSQL started for the
 * run ({@link EmbeddedPostgresServer}), all from one {@link RetailSpec} ({@code --seed}, {@code
 * --interactions}). The options are pointed at what was generated; closing stops the database.
 *
 * <p>{@code try (ExportSources sources = ExportSources.prepare(options, System.out)) { ... }}
 */
public final class ExportSources implements AutoCloseable {

  /** The query of the interactions in the generated database: one row per order line. */
  public static final String DEFAULT_QUERY = "SELECT l.line_id, o.order_id, o.customer_id, l.sku,"
      + " o.ordered_at, o.channel, l.quantity, l.unit_price"
      + " FROM orders o JOIN order_lines l ON l.order_id = o.order_id";

  private final EmbeddedPostgresServer database;

  private ExportSources(EmbeddedPostgresServer database) {
    this.database = database;
  }

  /** Generates the sources the options leave out and points the options at them. */
  public static ExportSources prepare(PersonalizeOptions options, PrintStream out) {
    ExportPaths paths = ExportPaths.of(options);
    RetailGenerator generator =
        new RetailGenerator(RetailSpec.of(options.getSeed(), options.getInteractions()));
    if (options.getUsers() == null) {
      String file = paths.source("users.csv");
      long n = RetailFiles.writeUsers(generator, file);
      out.println(String.format(Locale.ROOT, "generated %,d users -> %s", n, file));
      options.setUsers(file);
    }
    if (options.getItems() == null) {
      String file = paths.source("items.json");
      long n = RetailFiles.writeItems(generator, file);
      out.println(String.format(Locale.ROOT, "generated %,d items -> %s", n, file));
      options.setItems(file);
    }
    if (options.getJdbcUrl() != null) {
      return new ExportSources(null);
    }
    EmbeddedPostgresServer database = EmbeddedPostgresServer.start();
    try (Connection orders = database.connect(); Connection lines = database.connect()) {
      long n = RetailFiles.loadOrders(generator, orders, lines);
      out.println(String.format(Locale.ROOT, "generated %,d orders, %,d order lines -> "
          + "embedded PostgreSQL %s", n, options.getInteractions(), database.jdbcUrl()));
    } catch (SQLException | RuntimeException e) {
      database.close();
      throw new IllegalStateException("Cannot load the generated orders into PostgreSQL: "
          + e.getMessage(), e);
    }
    options.setJdbcUrl(database.jdbcUrl());
    options.setJdbcUser(database.user());
    options.setJdbcPasswordFile(database.passwordFile().toString());
    options.setJdbcPasswordEnv(null);
    if (options.getJdbcTable() == null && options.getJdbcQuery() == null) {
      useDefaultQuery(options);
    }
    return new ExportSources(database);
  }

  /** Reads the interactions with {@link #DEFAULT_QUERY}, in parallel ranges of line_id. */
  static void useDefaultQuery(PersonalizeOptions options) {
    options.setJdbcQuery(DEFAULT_QUERY);
    if (options.getJdbcPartitionColumn() == null) {
      options.setJdbcPartitionColumn("line_id");
    }
  }

  @Override
  public void close() {
    if (database != null) {
      database.close();
    }
  }
}
