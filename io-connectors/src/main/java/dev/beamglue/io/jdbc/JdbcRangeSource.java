package dev.beamglue.io.jdbc;

import java.io.IOException;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The ranges of a partitioned {@link JdbcSource} read as a {@link BoundedSource}: {@link #split}
 * gives one source per range, so every runner reads each range as its own split (a Spark
 * partition, a Flink input split) rather than the few bundles a {@code Create} of the ranges and a
 * reshuffle end up in. Each range is one query ({@code WHERE column >= low AND column < high}, the
 * first range also reading the rows whose column is NULL) streamed with the fetch size.
 *
 * <p>{@code p.apply(Read.from(new JdbcRangeSource(connection, what, sql, schema, ranges, rows,
 * 10_000)))}
 */
final class JdbcRangeSource extends BoundedSource<Row> {
  private static final long serialVersionUID = 1L;

  /** A rough width of a row, for the size estimate runners ask of a source. */
  private static final long BYTES_PER_ROW = 100;

  /** One range [low, high) of the column; {@code nulls} when it also reads the NULLs. */
  record Range(long low, long high, boolean nulls) implements Serializable {}

  private final JdbcConnection connection;
  private final String what;
  private final String sql;
  private final Schema schema;
  private final List<Range> ranges;
  private final long rows;
  private final int fetchSize;

  /**
   * A source of the ranges; {@code sql} has the parameters low, high and whether to read NULLs;
   * {@code rows} is how many rows all the ranges hold (an estimate, for the size).
   */
  JdbcRangeSource(JdbcConnection connection, String what, String sql, Schema schema,
      List<Range> ranges, long rows, int fetchSize) {
    this.connection = connection;
    this.what = what;
    this.sql = sql;
    this.schema = schema;
    this.ranges = List.copyOf(ranges);
    this.rows = rows;
    this.fetchSize = fetchSize;
  }

  List<Range> ranges() {
    return ranges;
  }

  /** One source per range, whatever bundle size the runner asks for. */
  @Override
  public List<JdbcRangeSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
    if (ranges.size() <= 1) {
      return List.of(this);
    }
    List<JdbcRangeSource> splits = new ArrayList<>(ranges.size());
    long perRange = Math.max(1, rows / ranges.size());
    for (Range range : ranges) {
      splits.add(new JdbcRangeSource(connection, what, sql, schema, List.of(range), perRange,
          fetchSize));
    }
    return splits;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return rows * BYTES_PER_ROW;
  }

  @Override
  public Coder<Row> getOutputCoder() {
    return RowCoder.of(schema);
  }

  @Override
  public BoundedReader<Row> createReader(PipelineOptions options) {
    return new RangeReader(this);
  }

  /** Reads the source's ranges one after the other, each as one streamed query. */
  private static final class RangeReader extends BoundedReader<Row> {
    private final JdbcRangeSource source;
    private final int[] kinds;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet results;
    private int next;
    private Row current;

    RangeReader(JdbcRangeSource source) {
      this.source = source;
      this.kinds = JdbcTypes.kinds(source.schema);
    }

    @Override
    public boolean start() throws IOException {
      try {
        connection = source.connection.pooledDataSource().getConnection();
        // PostgreSQL streams a result with the fetch size only inside a transaction
        connection.setAutoCommit(false);
        statement = connection.prepareStatement(source.sql, ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(source.fetchSize);
      } catch (SQLException e) {
        throw failure(e);
      }
      return advance();
    }

    @Override
    public boolean advance() throws IOException {
      try {
        while (results == null || !results.next()) {
          if (results != null) {
            results.close();
            results = null;
          }
          if (next == source.ranges.size()) {
            current = null;
            return false;
          }
          Range range = source.ranges.get(next++);
          statement.setLong(1, range.low());
          statement.setLong(2, range.high());
          statement.setBoolean(3, range.nulls());
          results = statement.executeQuery();
        }
        List<Object> values = new ArrayList<>(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
          values.add(JdbcTypes.read(results, i + 1, kinds[i]));
        }
        current = Row.withSchema(source.schema).attachValues(values);
        return true;
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    private IOException failure(SQLException e) {
      return new IOException(JdbcProblems.querying(source.connection, source.what, e).getMessage(),
          e);
    }

    @Override
    public Row getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public BoundedSource<Row> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      try {
        if (results != null) {
          results.close();
        }
        if (statement != null) {
          statement.close();
        }
        if (connection != null) {
          connection.rollback(); // only read; ends the transaction before the pool takes it back
          connection.setAutoCommit(true);
          connection.close();
        }
      } catch (SQLException e) {
        throw failure(e);
      } finally {
        results = null;
        statement = null;
        connection = null;
      }
    }
  }
}
