package dev.beamglue.pipelines.playground;

import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.s3.S3AccessOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The options of {@code beamglue run playground-accessibility} and of each of its stages: the
 * warehouse, the run's date, the inputs (the bundled parks and playgrounds, the income file or its
 * generator), the stages to run, the ML split ({@code --seed}, {@code --trainFraction}), plus the catalog ({@code --catalog}) and S3 ({@code --endpoint},
 * {@code --pathStyleAccess}) options and Beam's runner flags.
 *
 * <p>{@code --warehouse=s3://bucket/playground --runDate=2019-06-01 --stages=transform,crawl-processed}
 */
public interface PlaygroundOptions
    extends CatalogOptions, S3AccessOptions, MlPreparationOptions {

  /** The environment variable naming the project folder that holds {@code data/playgrounds/}. */
  String HOME_VARIABLE = "BEAMGLUE_HOME";

  @Description("The warehouse: a folder or s3://bucket/prefix that holds sources/, raw/, "
      + "processed/, errors/ and ml/; when it is a folder, also the catalog (catalog/) unless "
      + "--catalog is given")
  @Default.String("out/playground")
  String getWarehouse();

  void setWarehouse(String warehouse);

  @Description("The run's date, YYYY-MM-DD: the partition year=/month=/day= of parks, playgrounds "
      + "and the processed table (default: today)")
  String getRunDate();

  void setRunDate(String date);

  @Description("The IRS income-by-zip CSV (16zpallagi.csv layout): a file or glob, local or "
      + "s3://, read where it is; or an http(s) URL, downloaded to <warehouse>/sources/ first. "
      + "Default: a file generated with --incomeSeed and --incomeScale into <warehouse>/sources/")
  String getIncomeSource();

  void setIncomeSource(String source);

  @Description("The seed of the generated income file: the same seed gives the same file")
  @Default.Long(IrsIncomeGenerator.DEFAULT_SEED)
  long getIncomeSeed();

  void setIncomeSeed(long seed);

  @Description("Multiplies the number of zip codes per state of the generated income file "
      + "(scale 1: about 2,800 zip codes, 17,000 rows); for benchmarks")
  @Default.Double(1.0)
  double getIncomeScale();

  void setIncomeScale(double scale);

  @Description("The parks file (a JSON array; default: the bundled data/playgrounds/DPR_Parks_001.json)")
  @Default.InstanceFactory(BundledParks.class)
  String getParks();

  void setParks(String parks);

  @Description("The playgrounds file (a JSON array; default: the bundled "
      + "data/playgrounds/DPR_Playgrounds_001.json)")
  @Default.InstanceFactory(BundledPlaygrounds.class)
  String getPlaygrounds();

  void setPlaygrounds(String playgrounds);

  @Description("The stages to run, comma-separated; they run in the workflow's order: import, "
      + "crawl-raw, transform, crawl-processed, ml")
  @Default.String("import,crawl-raw,transform,crawl-processed,ml")
  String getStages();

  void setStages(String stages);

  /** {@code data/playgrounds/<file>} in {@code $BEAMGLUE_HOME} when set, else in the working folder. */
  static String bundled(String file) {
    String home = System.getenv(HOME_VARIABLE);
    String folder = home == null || home.isBlank() ? "data/playgrounds" : home + "/data/playgrounds";
    return folder + "/" + file;
  }

  /** The bundled parks file. */
  class BundledParks implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return bundled("DPR_Parks_001.json");
    }
  }

  /** The bundled playgrounds file. */
  class BundledPlaygrounds implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return bundled("DPR_Playgrounds_001.json");
    }
  }
}
