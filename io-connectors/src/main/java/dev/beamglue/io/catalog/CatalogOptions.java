package dev.beamglue.io.catalog;

import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The options of every command and pipeline that uses the Data Catalog: {@code --catalog} names
 * the embedded catalog's folder or {@code glue}, and Beam's AWS options ({@code --awsRegion},
 * {@code --endpoint}, {@code --awsCredentialsProvider}) configure AWS Glue.
 *
 * <p>{@code Catalog catalog = Catalogs.open(options.as(CatalogOptions.class));}
 */
public interface CatalogOptions extends AwsOptions {

  /** The environment variable that sets the default of {@code --catalog}. */
  String ENVIRONMENT_VARIABLE = "BEAMGLUE_CATALOG";

  /** The default folder of the embedded catalog, relative to the working directory. */
  String DEFAULT_FOLDER = "beamglue-catalog";

  @Description(
      "The Data Catalog: a folder for the embedded catalog, or 'glue' for AWS Glue's Data Catalog "
          + "(with --awsRegion, --endpoint and --awsCredentialsProvider). Default: the environment "
          + "variable BEAMGLUE_CATALOG if set, else the folder 'beamglue-catalog' in the working "
          + "directory.")
  @Default.InstanceFactory(DefaultCatalogFactory.class)
  String getCatalog();

  void setCatalog(String catalog);

  /** {@code $BEAMGLUE_CATALOG}, or {@code beamglue-catalog} in the working directory. */
  class DefaultCatalogFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
      return fromEnvironment != null && !fromEnvironment.isBlank()
          ? fromEnvironment
          : DEFAULT_FOLDER;
    }
  }
}
