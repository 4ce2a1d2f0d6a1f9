package dev.beamglue.pipelines.cli;

import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.crawler.Crawler;
import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/**
 * The options of {@code beamglue crawl}: what to crawl, into which database of which catalog, and
 * how to group the files into tables. The AWS options ({@code --awsRegion}, {@code --endpoint},
 * {@code --awsCredentialsProvider}) reach S3 and AWS Glue.
 *
 * <p>{@code beamglue crawl --path=s3://bucket/raw --database=raw --exclude=tmp/**}
 */
public interface CrawlOptions extends CatalogOptions {

  @Description("The folder or s3:// prefix to crawl.")
  @Validation.Required
  String getPath();

  void setPath(String path);

  @Description("The catalog database to create or update (letters, digits and _).")
  @Validation.Required
  String getDatabase();

  void setDatabase(String database);

  @Description("A glob of files or folders to leave out, relative to --path: * within a folder, "
      + "** across folders, ?, {a,b}. Repeat the flag for several globs.")
  List<String> getExclude();

  void setExclude(List<String> exclude);

  @Description("The folder level of the table roots: 1 is --path itself, 2 its subfolders, and so "
      + "on. Default: found from the data.")
  Integer getTableLevel();

  void setTableLevel(Integer level);

  @Description("Combine folders into one table whenever their schemas merge without a type "
      + "conflict, however few columns they share.")
  @Default.Boolean(false)
  boolean getCombineCompatibleSchemas();

  void setCombineCompatibleSchemas(boolean combine);

  @Description("The number of records sampled from each file to infer its schema.")
  @Default.Integer(Crawler.DEFAULT_SAMPLE_SIZE)
  int getSampleSize();

  void setSampleSize(int records);
}
