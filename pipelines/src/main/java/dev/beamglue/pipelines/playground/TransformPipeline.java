package dev.beamglue.pipelines.playground;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogIO;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.catalog.PartitionedWrite;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.files.JsonFileJob;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/**
 * Stage 3 of the playground workflow, the workshop's Glue job for ML: reads {@code
 * raw.income_ny} (push-down predicate {@code year = '2016'}), {@code raw.parks} and {@code
 * raw.playgrounds} (the run date's partition) through the catalog, applies {@link
 * PlaygroundJoin}, and writes Parquet to {@code processed/year=Y/month=M/day=D/}, replacing that
 * partition when the run succeeded. The catalog table is left to the next stage's crawler, as in
 * the workshop. Every step is counted and reconciled in the summary ({@link
 * PlaygroundJoin#CHECKS}); error records go to {@code errors/transform/<date>/}.
 *
 * <p>{@code new PipelineRun(out, err).execute(new TransformPipeline(), options)}
 */
public final class TransformPipeline implements GluePipeline<PlaygroundOptions> {

  /** The name of the processed output in the summary and in the stage's counts. */
  public static final String OUTPUT = "processed";

  @Override
  public String name() {
    return "transform";
  }

  @Override
  public String description() {
    return "raw income (NY), parks and playgrounds joined for ML -> processed Parquet";
  }

  @Override
  public Class<PlaygroundOptions> optionsClass() {
    return PlaygroundOptions.class;
  }

  @Override
  public void validate(PlaygroundOptions options) {
    PlaygroundPaths.of(options);
  }

  @Override
  public void build(Pipeline pipeline, PlaygroundOptions options, JobSummary summary) {
    PlaygroundPaths paths = PlaygroundPaths.of(options);
    Catalog catalog = Catalogs.open(options);
    List<PCollection<Row>> errors = new ArrayList<>();
    PCollection<Row> income = read(pipeline, summary, errors, catalog,
        PlaygroundPaths.INCOME_TABLE, "year = '" + PlaygroundPaths.INCOME_YEAR + "'");
    PCollection<Row> parks = read(pipeline, summary, errors, catalog,
        PlaygroundPaths.PARKS_TABLE, paths.datePredicate());
    PCollection<Row> playgrounds = read(pipeline, summary, errors, catalog,
        PlaygroundPaths.PLAYGROUNDS_TABLE, paths.datePredicate());

    PlaygroundJoin.Result joined =
        PCollectionTuple.of(PlaygroundJoin.INCOME, income)
            .and(PlaygroundJoin.PARKS, parks)
            .and(PlaygroundJoin.PLAYGROUNDS, playgrounds)
            .apply("Playground join", PlaygroundJoin.create());
    // the rows read are counted after the join dropped the columns it does not use: the same
    // rows, a fraction of the bytes (the income file has about 150 columns)
    for (String input : List.of(PlaygroundJoin.INCOME_READ, PlaygroundJoin.PARKS_READ,
        PlaygroundJoin.PLAYGROUNDS_READ)) {
      summary.countRead("Count read " + input, joined.steps().get(input));
    }
    for (Map.Entry<String, PCollection<Row>> step : joined.steps().entrySet()) {
      summary.countStep(step.getKey(), step.getValue());
    }
    for (List<String> check : PlaygroundJoin.CHECKS) {
      summary.reconcile(check.get(0), check.subList(1, check.size()).toArray(String[]::new));
    }
    errors.add(joined.errors());

    String partition = paths.processed() + "/" + paths.datePartition();
    summary.countWritten(OUTPUT, partition, "Parquet", joined.processed())
        .apply("Write processed",
            PartitionedWrite.parquet().to(partition).withOverwritePartitions());
    JsonFileJob.writeErrors(paths.errors(name()), summary, errors);
  }

  /** A raw table's partition through the catalog; one sentence when it holds no file. */
  private static PCollection<Row> read(Pipeline pipeline, JobSummary summary,
      List<PCollection<Row>> errors, Catalog catalog, String table, String predicate) {
    CatalogIO.Read read = CatalogIO.read(catalog, PlaygroundPaths.RAW_DATABASE, table)
        .withPushDownPredicate(predicate);
    if (read.plannedFiles().isEmpty()) {
      throw new IllegalArgumentException("Table " + PlaygroundPaths.RAW_DATABASE + "." + table
          + " has no files where " + predicate + ": import and crawl that date first "
          + "(--stages=import,crawl-raw).");
    }
    RowsWithErrors rows = pipeline.apply("Read " + table, read);
    errors.add(summary.countRead("Count unreadable " + table, rows.errors()));
    return rows.rows();
  }

  @Override
  public void prepareOutputs(PlaygroundOptions options) {
    OutputFolders.prepare(PlaygroundPaths.of(options).errors(name()), "The errors folder", true);
  }
}
