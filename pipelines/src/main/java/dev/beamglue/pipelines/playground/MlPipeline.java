package dev.beamglue.pipelines.playground;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogIO;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.ml.XgboostCsv;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.files.JsonFileJob;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Stage 5 of the playground workflow: reads the run date's partition of {@code
 * processed.processed} through the catalog, prepares it for XGBoost with {@link MlPreparation}
 * ({@code --seed}, {@code --trainFraction}), and writes {@code train.csv}, {@code validation.csv}
 * and {@code features.json} to {@code ml/year=Y/month=M/day=D/}, replacing the files of an
 * earlier run for that date; error records go to {@code errors/ml/<date>/}.
 *
 * <p>{@code new PipelineRun(out, err).execute(new MlPipeline(), options)}
 */
public final class MlPipeline implements GluePipeline<PlaygroundOptions> {

  /** The names of the two sets in the summary's steps. */
  public static final String TRAIN = "train rows";
  public static final String VALIDATION = "validation rows";
  public static final String PROCESSED_READ = "processed rows read";

  @Override
  public String name() {
    return "ml";
  }

  @Override
  public String description() {
    return "processed table -> XGBoost train.csv, validation.csv and features.json";
  }

  @Override
  public Class<PlaygroundOptions> optionsClass() {
    return PlaygroundOptions.class;
  }

  @Override
  public void validate(PlaygroundOptions options) {
    PlaygroundPaths.of(options);
    MlPreparation.fromOptions(options);
  }

  /** The folder of the run date's sets. */
  public static String folder(PlaygroundPaths paths) {
    return paths.ml() + "/" + paths.datePartition();
  }

  @Override
  public void build(Pipeline pipeline, PlaygroundOptions options, JobSummary summary) {
    PlaygroundPaths paths = PlaygroundPaths.of(options);
    Catalog catalog = Catalogs.open(options);
    CatalogIO.Read read =
        CatalogIO.read(catalog, PlaygroundPaths.PROCESSED_DATABASE, PlaygroundPaths.PROCESSED_TABLE)
            .withPushDownPredicate(paths.datePredicate());
    if (read.plannedFiles().isEmpty()) {
      throw new IllegalArgumentException("Table " + PlaygroundPaths.PROCESSED_DATABASE + "."
          + PlaygroundPaths.PROCESSED_TABLE + " has no files where " + paths.datePredicate()
          + ": run the transform and crawl-processed stages for that date first.");
    }
    List<PCollection<Row>> errors = new ArrayList<>();
    RowsWithErrors processed = pipeline.apply("Read processed", read);
    errors.add(summary.countRead("Count unreadable processed", processed.errors()));
    PCollection<Row> rows = summary.countStep(PROCESSED_READ,
        summary.countRead("Count processed", processed.rows()));
    MlPreparation.Prepared prepared =
        rows.apply("ML preparation", MlPreparation.fromOptions(options));
    summary.countStep(TRAIN, prepared.train());
    summary.countStep(VALIDATION, prepared.validation());
    errors.add(prepared.errors());
    XgboostCsv.Written written = prepared.writeTo(folder(paths));
    errors.add(written.errors());
    JsonFileJob.writeErrors(paths.errors(name()), summary, errors);
    summary.reconcileWith(result -> MlPreparationCounts.of(result).lines());
  }

  @Override
  public void prepareOutputs(PlaygroundOptions options) {
    OutputFolders.prepare(PlaygroundPaths.of(options).errors(name()), "The errors folder", true);
  }
}
