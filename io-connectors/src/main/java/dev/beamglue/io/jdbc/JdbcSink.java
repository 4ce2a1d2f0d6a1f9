package dev.beamglue.io.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * Writes Rows into a database table through Beam's {@link JdbcIO}, in batches: an INSERT of the
 * row fields into the table's columns of the same names (case ignored). Columns the rows lack get
 * their default. The table's columns are read when the pipeline is built; with {@link
 * Write#withCreateTable()} a missing table is created from the row schema ({@link JdbcTypes} lists
 * the types) when the pipeline runs, before the first row is written.
 *
 * <p>{@code rows.apply(JdbcSink.write(db).toTable("orders_copy").withCreateTable());}
 */
public final class JdbcSink {

  /** Rows per INSERT batch unless set. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

  private JdbcSink() {}

  /** A write to the database; name the table with {@link Write#toTable} next. */
  public static Write write(JdbcConnection connection) {
    return new Write(connection, null, false, DEFAULT_BATCH_SIZE);
  }

  /** The write the options describe: {@code --jdbcTable} of the {@code --jdbcUrl} database. */
  public static Write fromOptions(JdbcOptions options) {
    if (options.getJdbcTable() == null) {
      throw new IllegalArgumentException("Give the table to write with --jdbcTable.");
    }
    return write(JdbcConnection.fromOptions(options)).toTable(options.getJdbcTable());
  }

  /** See {@link JdbcSink}. */
  public static final class Write extends PTransform<PCollection<Row>, PDone> {

    private final JdbcConnection connection;
    private final String table;
    private final boolean createTable;
    private final int batchSize;

    private Write(JdbcConnection connection, String table, boolean createTable, int batchSize) {
      this.connection = connection;
      this.table = table;
      this.createTable = createTable;
      this.batchSize = batchSize;
    }

    /** The table to insert into (a name, optionally schema-qualified). */
    public Write toTable(String table) {
      if (table == null || !TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException(
            "--jdbcTable '" + table + "' is not a table name: use letters, digits and _, "
                + "optionally schema.table.");
      }
      return new Write(connection, table, createTable, batchSize);
    }

    /** Creates the table from the row schema when it does not exist. */
    public Write withCreateTable() {
      return new Write(connection, table, true, batchSize);
    }

    public Write withBatchSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("The batch size is " + rows + ": give 1 or more rows.");
      }
      return new Write(connection, table, createTable, rows);
    }

    @Override
    public PDone expand(PCollection<Row> input) {
      if (table == null) {
        throw new IllegalArgumentException("JdbcSink.write(...) needs a table: call .toTable(name).");
      }
      if (!input.hasSchema()) {
        throw new IllegalArgumentException(
            "JdbcSink.write(...) needs rows with a schema; set one with setRowSchema(schema).");
      }
      Schema schema = input.getSchema();
      JdbcTypes.kinds(schema); // refuses arrays, structs, maps and choices now
      List<String> columns = existingColumns();
      PCollection<Row> rows = input;
      List<String> targets;
      if (columns == null) {
        if (!createTable) {
          throw new IllegalArgumentException(
              "--jdbcTable '" + table + "' does not exist in the database at '" + connection.url()
                  + "': create it first, or let the job create it (withCreateTable()).");
        }
        targets = new ArrayList<>();
        for (String name : schema.getFieldNames()) {
          targets.add(quote(name));
        }
        PCollection<String> created =
            input.getPipeline()
                .apply("Table definition", Create.of(createTableSql(schema)))
                .apply("Create table", ParDo.of(new CreateTable(connection)));
        rows = input.apply("After create table", Wait.on(created)).setRowSchema(schema);
      } else {
        targets = matchColumns(schema, columns);
      }
      String placeholders = String.join(", ", java.util.Collections.nCopies(targets.size(), "?"));
      String insert =
          "INSERT INTO " + table + " (" + String.join(", ", targets) + ") VALUES (" + placeholders + ")";
      return rows.apply("Insert",
          JdbcIO.<Row>write()
              .withDataSourceProviderFn(connection.dataSourceProvider())
              .withStatement(insert)
              .withPreparedStatementSetter(new RowSetter(schema))
              .withBatchSize(batchSize));
    }

    /** The table's column names, or null when it does not exist. */
    private List<String> existingColumns() {
      try (Connection c = connection.open();
          PreparedStatement statement = c.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0")) {
        ResultSetMetaData metadata = statement.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
          names.add(metadata.getColumnName(i));
        }
        return names;
      } catch (SQLException e) {
        if ("42P01".equals(e.getSQLState()) || "42S02".equals(e.getSQLState())) {
          return null;
        }
        throw JdbcProblems.querying(connection, "--jdbcTable '" + table + "'", e);
      }
    }

    private List<String> matchColumns(Schema schema, List<String> columns) {
      Map<String, String> byLowerName = new LinkedHashMap<>();
      for (String column : columns) {
        byLowerName.put(column.toLowerCase(java.util.Locale.ROOT), column);
      }
      List<String> targets = new ArrayList<>();
      for (String field : schema.getFieldNames()) {
        String column = byLowerName.get(field.toLowerCase(java.util.Locale.ROOT));
        if (column == null) {
          throw new IllegalArgumentException(
              "Field '" + field + "' has no column in --jdbcTable '" + table + "' (columns: "
                  + String.join(", ", columns) + "): rename or drop it before writing.");
        }
        targets.add(quote(column));
      }
      return targets;
    }

    private String createTableSql(Schema schema) {
      List<String> definitions = new ArrayList<>();
      for (Schema.Field field : schema.getFields()) {
        definitions.add(quote(field.getName()) + " " + JdbcTypes.ddlType(field)
            + (field.getType().getNullable() ? "" : " NOT NULL"));
      }
      return "CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", definitions) + ")";
    }

    private static String quote(String identifier) {
      return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
  }

  /** Runs the CREATE TABLE once, when the pipeline runs. */
  static final class CreateTable extends DoFn<String, String> {
    private static final long serialVersionUID = 1L;
    private final JdbcConnection connection;

    CreateTable(JdbcConnection connection) {
      this.connection = connection;
    }

    @ProcessElement
    public void process(@Element String sql, OutputReceiver<String> out) throws SQLException {
      try (Connection c = connection.open(); Statement statement = c.createStatement()) {
        statement.execute(sql);
      }
      out.output(sql);
    }
  }

  /** Sets the INSERT's parameters from a row, resolving the field kinds once. */
  static final class RowSetter implements JdbcIO.PreparedStatementSetter<Row> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;
    private transient int[] kinds;

    RowSetter(Schema schema) {
      this.schema = schema;
    }

    @Override
    public void setParameters(Row row, PreparedStatement statement) throws Exception {
      if (kinds == null) {
        kinds = JdbcTypes.kinds(schema);
      }
      for (int i = 0; i < kinds.length; i++) {
        JdbcTypes.set(statement, i + 1, kinds[i], row.getValue(i));
      }
    }
  }
}
