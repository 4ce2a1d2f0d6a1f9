package dev.beamglue.io.catalog;

import java.nio.file.Path;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Opens the catalog that a {@code --catalog} value names: {@code glue} for AWS Glue's Data
 * Catalog, anything else the folder of an {@link EmbeddedCatalog}.
 *
 * <p>{@code Catalog catalog = Catalogs.open(options); // --catalog=DIR|glue}
 */
public final class Catalogs {

  /** The {@code --catalog} value that selects AWS Glue's Data Catalog. */
  public static final String GLUE = "glue";

  private Catalogs() {}

  /** The catalog of {@code --catalog}; AWS Glue is configured by the options' AWS settings. */
  public static Catalog open(CatalogOptions options) {
    String spec = options.getCatalog();
    if (isGlue(spec)) {
      return GlueDataCatalog.create(options);
    }
    return openFolder(spec);
  }

  /**
   * The catalog a spec names, for library users: {@code glue} (AWS Glue with the default AWS
   * region and credential chains) or a folder path.
   */
  public static Catalog open(String spec) {
    if (isGlue(spec)) {
      return GlueDataCatalog.create(PipelineOptionsFactory.create().as(AwsOptions.class));
    }
    return openFolder(spec);
  }

  /** Whether the spec selects AWS Glue. */
  public static boolean isGlue(String spec) {
    return spec != null && spec.trim().equalsIgnoreCase(GLUE);
  }

  private static Catalog openFolder(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new CatalogException(
          "--catalog is empty; give the embedded catalog's folder or 'glue'.");
    }
    return EmbeddedCatalog.open(Path.of(spec.trim()));
  }
}
