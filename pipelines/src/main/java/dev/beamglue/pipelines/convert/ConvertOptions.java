package dev.beamglue.pipelines.convert;

import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.jdbc.JdbcOptions;
import dev.beamglue.io.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * The options of {@code beamglue run convert}: one source (a catalog table, files, or a JDBC table
 * or query), an optional mapping, and one target (partitioned files, optionally cataloged, or a
 * JDBC table); plus the catalog ({@code --catalog}), S3 ({@code --endpoint}, {@code
 * --pathStyleAccess}) and JDBC connection ({@code --jdbcUrl}, {@code --jdbcUser}, {@code
 * --jdbcPasswordEnv}/{@code --jdbcPasswordFile}) options.
 *
 * <p>{@code --sourceTable=raw.parks --pushDownPredicate="year = '2017'" --output=s3://b/curated}
 */
public interface ConvertOptions extends CatalogOptions, S3AccessOptions, JdbcOptions {

  @Description("Source: a catalog table, as DATABASE.TABLE")
  String getSourceTable();

  void setSourceTable(String table);

  @Description("A push-down predicate over the source table's partition keys, e.g. "
      + "\"year = '2017' AND month = '04'\": only the matching partitions' files are read")
  String getPushDownPredicate();

  void setPushDownPredicate(String predicate);

  @Description("Source: files, a folder or globs (comma-separated), local or s3://; .gz allowed")
  String getInput();

  void setInput(String input);

  @Description("The format of --input: csv, json or parquet (default: from the first file's name)")
  String getInputFormat();

  void setInputFormat(String format);

  @Description("How many records of --input are read to infer its schema; 0 reads them all")
  @Default.Integer(20_000)
  int getSampleSize();

  void setSampleSize(int records);

  @Description("An ApplyMapping spec applied to every record, e.g. "
      + "\"id:string->id:long, name:string->park_name:string\"")
  String getMapping();

  void setMapping(String mapping);

  @Description("Target: the folder the records are written to, local or s3://; a run adds its "
      + "files (as Glue's sinks do) and they appear only when the run succeeded")
  String getOutput();

  void setOutput(String output);

  @Description("The format of --output: parquet, csv (with a header) or json (JSON lines)")
  @Default.String("parquet")
  String getOutputFormat();

  void setOutputFormat(String format);

  @Description("Columns to partition --output by, comma-separated: Hive-style folders key=value")
  String getPartitionKeys();

  void setPartitionKeys(String keys);

  @Description("Create or update this catalog table (DATABASE.TABLE) with --output's schema and "
      + "partitions when the run succeeded")
  String getTargetTable();

  void setTargetTable(String table);

  @Description("Target: a JDBC table to insert the records into (with --jdbcUrl and its login)")
  String getTargetJdbcTable();

  void setTargetJdbcTable(String table);

  @Description("Create --targetJdbcTable from the records' schema when it does not exist")
  @Default.Boolean(false)
  boolean getCreateTable();

  void setCreateTable(boolean create);

  @Description("Job bookmark: enable (read only files no successful run read, and remember them), "
      + "pause (read only those, remember nothing) or disable (read everything)")
  @Default.String("disable")
  String getBookmark();

  void setBookmark(String mode);

  @Description("The job the bookmark belongs to")
  @Default.String("convert")
  String getBookmarkJob();

  void setBookmarkJob(String job);

  @Description("The folder of job bookmarks (default: 'bookmarks' inside the embedded catalog's "
      + "folder; required with --catalog=glue)")
  String getBookmarkDir();

  void setBookmarkDir(String folder);

  @Description("Folder the error records are written to, as JSON lines (default: <output>-errors)")
  String getErrors();

  void setErrors(String errors);

  @Description("Replace what the errors folder already holds")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean overwrite);
}
