package dev.beamglue.io.catalog;

import org.apache.beam.sdk.io.aws2.options.AwsOptions;

/** AWS Glue's Data Catalog (being written). */
public final class GlueDataCatalog {
  private GlueDataCatalog() {}

  public static Catalog create(AwsOptions options) {
    throw new CatalogException("The AWS Glue catalog is not available yet.");
  }
}
