package dev.beamglue.io.jdbc;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Command-line options of a JDBC source or sink. The password is never a flag: it comes from an
 * environment variable ({@code --jdbcPasswordEnv}) or a file ({@code --jdbcPasswordFile}).
 *
 * <p>{@code --jdbcUrl=jdbc:postgresql://db:5432/shop --jdbcUser=etl
 * --jdbcPasswordEnv=SHOP_DB_PASSWORD --jdbcTable=orders --jdbcPartitionColumn=id
 * --jdbcPartitions=8}
 */
public interface JdbcOptions extends PipelineOptions {

  @Description("The JDBC URL of the database, e.g. jdbc:postgresql://host:5432/db (no password in it).")
  String getJdbcUrl();

  void setJdbcUrl(String url);

  @Description("The database user.")
  String getJdbcUser();

  void setJdbcUser(String user);

  @Description("The name of the environment variable that holds the database password.")
  String getJdbcPasswordEnv();

  void setJdbcPasswordEnv(String variable);

  @Description("A file that holds the database password (one line; keep it readable only by you).")
  String getJdbcPasswordFile();

  void setJdbcPasswordFile(String path);

  @Description("The table to read or write, e.g. orders or sales.orders.")
  String getJdbcTable();

  void setJdbcTable(String table);

  @Description("A SELECT query to read instead of a whole table.")
  String getJdbcQuery();

  void setJdbcQuery(String query);

  @Description("An integer column to split the read on, so that it runs in parallel.")
  String getJdbcPartitionColumn();

  void setJdbcPartitionColumn(String column);

  @Description("The least number of ranges of --jdbcPartitionColumn, each read as its own split.")
  @Default.Integer(4)
  int getJdbcPartitions();

  void setJdbcPartitions(int partitions);

  @Description("The most rows a range of --jdbcPartitionColumn holds: the read is split into more "
      + "than --jdbcPartitions ranges when the rows need it.")
  @Default.Long(JdbcSource.DEFAULT_RANGE_ROWS)
  long getJdbcRangeRows();

  void setJdbcRangeRows(long rows);

  @Description("Rows fetched from the database per round trip.")
  @Default.Integer(JdbcSource.DEFAULT_FETCH_SIZE)
  int getJdbcFetchSize();

  void setJdbcFetchSize(int rows);
}
