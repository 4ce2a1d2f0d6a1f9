package dev.beamglue.io.jdbc;

import dev.beamglue.transforms.schema.GlueTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Reads a table or a query of a database into Rows, through Beam's {@link JdbcIO} or in ranges.
 * The schema comes from the result set's metadata, asked of the database when the pipeline is
 * built ({@link JdbcTypes} lists the type mapping; a column is nullable unless the database says it
 * is NOT NULL). With {@link Read#withPartitionColumn} the read is split into ranges of an integer column
 * (the first range also reads the rows whose column is NULL), at least the partitions asked for and
 * at most {@link Read#withRangeRows} rows each; its minimum, maximum and row count are asked of the
 * database when the pipeline is built. Each range is a split of a {@link
 * org.apache.beam.sdk.io.BoundedSource} ({@link JdbcRangeSource}), so a runner reads it as its own
 * partition: on Spark a {@code Create} of the ranges and a reshuffle would leave all the rows in as
 * many partitions as Spark has cores, which Spark then caches whole. Without a partition column the
 * rows come from one query on one worker, and are not reshuffled.
 *
 * <p>{@code PCollection<Row> orders = p.apply(JdbcSource.read(db).table("orders")
 * .withPartitionColumn("id", 8));}
 */
public final class JdbcSource {

  /** The most rows a range of a partitioned read holds unless set. */
  public static final long DEFAULT_RANGE_ROWS = 100_000;

  /** The most ranges a partitioned read is split into. */
  static final int MAX_RANGES = 10_000;

  /** Rows fetched per round trip unless set. */
  public static final int DEFAULT_FETCH_SIZE = 10_000;

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}|\"[^\"]+\"(\\.\"[^\"]+\")?");

  private JdbcSource() {}

  /** A read from the database; name a {@link Read#table} or a {@link Read#query} next. */
  public static Read read(JdbcConnection connection) {
    return new Read(connection, null, null, null, 0, DEFAULT_RANGE_ROWS, DEFAULT_FETCH_SIZE);
  }

  /** The read the options describe ({@code --jdbcTable} or {@code --jdbcQuery}, partitions, fetch size). */
  public static Read fromOptions(JdbcOptions options) {
    Read read = read(JdbcConnection.fromOptions(options));
    if (options.getJdbcTable() != null && options.getJdbcQuery() != null) {
      throw new IllegalArgumentException("Give --jdbcTable or --jdbcQuery, not both.");
    }
    if (options.getJdbcTable() != null) {
      read = read.table(options.getJdbcTable());
    } else if (options.getJdbcQuery() != null) {
      read = read.query(options.getJdbcQuery());
    } else {
      throw new IllegalArgumentException("Give the table to read with --jdbcTable, or a --jdbcQuery.");
    }
    if (options.getJdbcPartitionColumn() != null) {
      read = read.withPartitionColumn(options.getJdbcPartitionColumn(), options.getJdbcPartitions())
          .withRangeRows(options.getJdbcRangeRows());
    }
    return read.withFetchSize(options.getJdbcFetchSize());
  }

  /** See {@link JdbcSource}. */
  public static final class Read extends PTransform<PBegin, PCollection<Row>> {

    private final JdbcConnection connection;
    private final String table;
    private final String query;
    private final String partitionColumn;
    private final int partitions;
    private final long rangeRows;
    private final int fetchSize;

    private Read(JdbcConnection connection, String table, String query, String partitionColumn,
        int partitions, long rangeRows, int fetchSize) {
      this.connection = connection;
      this.table = table;
      this.query = query;
      this.partitionColumn = partitionColumn;
      this.partitions = partitions;
      this.rangeRows = rangeRows;
      this.fetchSize = fetchSize;
    }

    /** Reads every row of the table (a name, optionally schema-qualified: {@code sales.orders}). */
    public Read table(String table) {
      if (table == null || !TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException(
            "--jdbcTable '" + table + "' is not a table name: use letters, digits and _, "
                + "optionally schema.table, or a \"quoted\" name.");
      }
      return new Read(connection, table, null, partitionColumn, partitions, rangeRows, fetchSize);
    }

    /** Reads the rows of a SELECT query. */
    public Read query(String sql) {
      if (sql == null || sql.isBlank()) {
        throw new IllegalArgumentException("--jdbcQuery is empty: give a SELECT query.");
      }
      return new Read(connection, null, sql.trim().replaceAll(";\\s*$", ""), partitionColumn,
          partitions, rangeRows, fetchSize);
    }

    /**
     * Splits the read into ranges of an integer column, each read as its own split, in parallel:
     * at least {@code partitions} ranges, and more when a range would hold more than {@link
     * #withRangeRows} rows (so that no runner keeps a huge range in one partition).
     */
    public Read withPartitionColumn(String column, int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException(
            "--jdbcPartitions is " + partitions + ": give 1 or more ranges to read in parallel.");
      }
      return new Read(connection, table, query, column, partitions, rangeRows, fetchSize);
    }

    /**
     * The most rows a range of {@link #withPartitionColumn} holds (counted when the pipeline is
     * built, assuming the column's values spread evenly), {@value JdbcSource#DEFAULT_RANGE_ROWS} unless set.
     */
    public Read withRangeRows(long rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("--jdbcRangeRows is " + rows + ": give 1 or more rows.");
      }
      return new Read(connection, table, query, partitionColumn, partitions, rows, fetchSize);
    }

    public Read withFetchSize(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("--jdbcFetchSize is " + rows + ": give 1 or more rows.");
      }
      return new Read(connection, table, query, partitionColumn, partitions, rangeRows, rows);
    }

    private String what() {
      return table != null ? "--jdbcTable '" + table + "'" : "--jdbcQuery";
    }

    private String selectSql() {
      return table != null ? "SELECT * FROM " + table : query;
    }

    /** The schema of the rows, asked of the database. */
    public Schema schema() {
      if (table == null && query == null) {
        throw new IllegalArgumentException(
            "JdbcSource.read(...) needs a .table(name) or a .query(sql).");
      }
      try (Connection c = connection.open();
          PreparedStatement statement = c.prepareStatement(selectSql())) {
        ResultSetMetaData metadata = statement.getMetaData();
        if (metadata == null) {
          throw new IllegalArgumentException(what() + " returns no rows: give a SELECT query.");
        }
        return JdbcTypes.schemaOf(metadata);
      } catch (SQLException e) {
        throw JdbcProblems.querying(connection, what(), e);
      }
    }

    @Override
    public PCollection<Row> expand(PBegin input) {
      Schema schema = schema();
      RowMapper mapper = new RowMapper(schema);
      if (partitionColumn == null) {
        return input
            .apply("Read",
                JdbcIO.<Row>read()
                    .withDataSourceProviderFn(connection.dataSourceProvider())
                    .withQuery(selectSql())
                    .withRowMapper(mapper)
                    .withCoder(org.apache.beam.sdk.coders.RowCoder.of(schema))
                    .withFetchSize(fetchSize)
                    .withOutputParallelization(false))
            .setRowSchema(schema);
      }
      return input
          .apply("Read ranges", org.apache.beam.sdk.io.Read.from(rangeSource(schema)))
          .setRowSchema(schema);
    }

    /** The ranges of {@link #withPartitionColumn} as a source, split one per range. */
    JdbcRangeSource rangeSource(Schema schema) {
      String quoted = quote(partitionColumnIn(schema));
      String rangeSql =
          "SELECT * FROM (" + selectSql() + ") beamglue_source WHERE (" + quoted + " >= ? AND "
              + quoted + " < ?) OR (? AND " + quoted + " IS NULL)";
      return source(schema, rangeSql, quoted);
    }

    /** The source of the ranges, asked of the database: the column's minimum, maximum and rows. */
    private JdbcRangeSource source(Schema schema, String rangeSql, String quotedColumn) {
      String sql = "SELECT MIN(" + quotedColumn + "), MAX(" + quotedColumn + "), COUNT(*) FROM ("
          + selectSql() + ") beamglue_source";
      try (Connection c = connection.open();
          PreparedStatement statement = c.prepareStatement(sql);
          ResultSet rs = statement.executeQuery()) {
        rs.next();
        long min = rs.getLong(1);
        boolean empty = rs.wasNull();
        long max = rs.getLong(2);
        long rows = rs.getLong(3);
        if (empty) {
          min = 0;
          max = 0;
        }
        return new JdbcRangeSource(connection, what(), rangeSql, schema,
            ranges(min, max, rangeCount(rows)), rows, fetchSize);
      } catch (SQLException e) {
        throw JdbcProblems.querying(connection, what(), e);
      }
    }

    /** The partitions asked for, or more so that a range holds about {@code rangeRows} rows at most. */
    int rangeCount(long rows) {
      long needed = (rows + rangeRows - 1) / rangeRows;
      return (int) Math.min(MAX_RANGES, Math.max(partitions, needed));
    }

    private String partitionColumnIn(Schema schema) {
      Schema.Field found = null;
      for (Schema.Field field : schema.getFields()) {
        if (field.getName().equalsIgnoreCase(partitionColumn)) {
          found = field;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "--jdbcPartitionColumn '" + partitionColumn + "' is not a column of " + what()
                + " (columns: " + String.join(", ", schema.getFieldNames()) + ").");
      }
      if (!JdbcTypes.isWholeNumber(found.getType())) {
        throw new IllegalArgumentException(
            "--jdbcPartitionColumn '" + partitionColumn + "' of " + what() + " is "
                + GlueTypes.describe(found.getType()) + ", not an integer column: split the read "
                + "on an integer column such as an id.");
      }
      return found.getName();
    }

    /** {@code count} ranges [low, high) covering min to max; the first also reads NULLs. */
    static List<JdbcRangeSource.Range> ranges(long min, long max, int count) {
      List<JdbcRangeSource.Range> ranges = new ArrayList<>();
      long span = max - min + 1; // a bigint range wider than Long.MAX_VALUE is not expected
      long step = Math.max(1, (span + count - 1) / count);
      for (long low = min; low <= max; low += step) {
        long high = low + step > max || low + step < low ? max + 1 : low + step;
        ranges.add(new JdbcRangeSource.Range(low, high, low == min));
        if (high > max) {
          break;
        }
      }
      return ranges;
    }

    private static String quote(String identifier) {
      return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
  }

  /** Maps a result row to a Beam Row of the schema, resolving kinds once. */
  static final class RowMapper implements JdbcIO.RowMapper<Row> {
    private static final long serialVersionUID = 1L;
    private final Schema schema;
    private transient int[] kinds;

    RowMapper(Schema schema) {
      this.schema = schema;
    }

    @Override
    public Row mapRow(ResultSet rs) throws Exception {
      if (kinds == null) {
        kinds = JdbcTypes.kinds(schema);
      }
      List<Object> values = new ArrayList<>(kinds.length);
      for (int i = 0; i < kinds.length; i++) {
        values.add(JdbcTypes.read(rs, i + 1, kinds[i]));
      }
      return Row.withSchema(schema).attachValues(values);
    }
  }
}
