package dev.beamglue.pipelines.playground;

import dev.beamglue.io.catalog.PartitionedWrite;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvRead;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonRead;
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
 * Stage 1 of the playground workflow, the workshop's import jobs as one pipeline of three parallel
 * branches: the income CSV to {@code raw/income-ny/year=2016/} (CSV with a header, as the workshop
 * kept it), the parks and playgrounds JSON arrays to Parquet under {@code
 * raw/parks/year=Y/month=M/day=D/} and {@code raw/playgrounds/...} for the run's date. Each
 * branch replaces its partition when the run succeeded, so a rerun for the same date leaves one
 * copy; unreadable records go to {@code errors/import/<date>/}. Each branch writes its one
 * partition's folder ({@code year=2016}, {@code year=Y/month=M/day=D}), so the rows need no
 * partition columns.
 *
 * <p>{@code new PipelineRun(out, err).execute(new ImportPipeline(), options)}
 *
 * <p>The income file is read as CSV with its types inferred (every IRS column is a number but
 * STATE); it stays CSV in the raw zone because the crawler and the transform read it as the
 * workshop's did, and a CSV file is what a user drops there by hand.
 */
public final class ImportPipeline implements GluePipeline<PlaygroundOptions> {

  @Override
  public String name() {
    return "import";
  }

  @Override
  public String description() {
    return "income CSV, parks and playgrounds JSON -> the warehouse's raw zone, in parallel";
  }

  @Override
  public Class<PlaygroundOptions> optionsClass() {
    return PlaygroundOptions.class;
  }

  @Override
  public void validate(PlaygroundOptions options) {
    PlaygroundPaths.of(options);
    IncomeSource.validate(options);
    IncomeSource.requireFiles("--parks", options.getParks());
    IncomeSource.requireFiles("--playgrounds", options.getPlaygrounds());
  }

  @Override
  public void build(Pipeline pipeline, PlaygroundOptions options, JobSummary summary) {
    PlaygroundPaths paths = PlaygroundPaths.of(options);
    List<PCollection<Row>> errors = new ArrayList<>();

    String incomeFile = IncomeSource.resolve(options, paths);
    RowsWithErrors income = pipeline.apply("Read income", CsvRead.from(incomeFile));
    errors.add(summary.countRead("Count unreadable income", income.errors()));
    String incomeFolder = paths.rawIncome() + "/year=" + PlaygroundPaths.INCOME_YEAR;
    summary.countReadAndWritten(PlaygroundPaths.INCOME_TABLE, incomeFolder, "CSV", income.rows())
        .apply("Write income",
            PartitionedWrite.csv(CsvFormat.DEFAULT.withHeader(true))
                .to(incomeFolder)
                .withOverwritePartitions());

    importJson(pipeline, summary, paths, errors, PlaygroundPaths.PARKS_TABLE, options.getParks(),
        paths.rawParks());
    importJson(pipeline, summary, paths, errors, PlaygroundPaths.PLAYGROUNDS_TABLE,
        options.getPlaygrounds(), paths.rawPlaygrounds());

    JsonFileJob.writeErrors(paths.errors(name()), summary, errors);
  }

  /** One JSON file to Parquet in the run date's partition folder of {@code table}. */
  private static void importJson(Pipeline pipeline, JobSummary summary, PlaygroundPaths paths,
      List<PCollection<Row>> errors, String table, String file, String folder) {
    RowsWithErrors read = pipeline.apply("Read " + table, JsonRead.from(file));
    errors.add(summary.countRead("Count unreadable " + table, read.errors()));
    String partition = folder + "/" + paths.datePartition();
    summary.countReadAndWritten(table, partition, "Parquet", read.rows())
        .apply("Write " + table, PartitionedWrite.parquet().to(partition).withOverwritePartitions());
  }

  @Override
  public void prepareOutputs(PlaygroundOptions options) {
    OutputFolders.prepare(PlaygroundPaths.of(options).errors(name()), "The errors folder", true);
  }
}
