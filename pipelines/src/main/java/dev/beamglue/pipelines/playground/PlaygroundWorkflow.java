package dev.beamglue.pipelines.playground;

import dev.beamglue.io.crawler.Crawler;
import dev.beamglue.pipelines.GlueWorkflow;
import dev.beamglue.pipelines.PipelineRun;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.pipelines.workflow.WorkflowReport;
import dev.beamglue.pipelines.workflow.WorkflowRun;
import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * The playground-accessibility workshop as one workflow, the README's main job: import the income
 * CSV and the parks and playgrounds JSON into the raw zone (one pipeline, three parallel
 * branches), crawl it into database {@code raw}, join income, parks and playgrounds for ML into
 * {@code processed/}, crawl that into database {@code processed}, and prepare XGBoost's training
 * and validation sets under {@code ml/}.
 *
 * <p>{@code beamglue run playground-accessibility --runner=SparkRunner --warehouse=out/playground}
 *
 * <p>From code or a test: {@code WorkflowReport r = PlaygroundWorkflow.run(options);} with options
 * made by {@code PipelineOptionsFactory.fromArgs(...).as(PlaygroundOptions.class)}; it throws
 * {@link WorkflowRun.StageFailure} naming the stage that failed.
 *
 * <p>Reruns into an existing warehouse overwrite: each stage replaces the partitions of the run's
 * date it writes (income's {@code year=2016}, the raw and processed {@code year/month/day}) once
 * it succeeded, the crawls update the catalog, and the error folders of the date are emptied
 * first; other dates stay as they are. A local warehouse keeps the embedded catalog in {@code
 * <warehouse>/catalog} unless {@code --catalog} is given.
 */
public final class PlaygroundWorkflow implements GlueWorkflow<PlaygroundOptions> {

  public static final String NAME = "playground-accessibility";
  public static final String IMPORT = "import";
  public static final String CRAWL_RAW = "crawl-raw";
  public static final String TRANSFORM = "transform";
  public static final String CRAWL_PROCESSED = "crawl-processed";
  public static final String ML = "ml";
  /** Every stage, in the order they run. */
  public static final List<String> STAGES =
      List.of(IMPORT, CRAWL_RAW, TRANSFORM, CRAWL_PROCESSED, ML);

  /** Runs the workflow, printing to the standard streams; see {@link #run(PlaygroundOptions, PrintStream, PrintStream)}. */
  public static WorkflowReport run(PlaygroundOptions options) {
    return run(options, System.out, System.err);
  }

  /**
   * Runs the stages {@code --stages} selects with these options (runner flags included), printing
   * each stage's summary and the workflow's table; throws {@link WorkflowRun.StageFailure} (the
   * stage, the phase and one sentence) at the first failure.
   */
  public static WorkflowReport run(PlaygroundOptions options, PrintStream out, PrintStream err) {
    return new WorkflowRun(out, err).execute(new PlaygroundWorkflow(), options);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "workflow: import -> crawl raw -> join for ML -> crawl processed -> XGBoost sets";
  }

  @Override
  public Class<PlaygroundOptions> optionsClass() {
    return PlaygroundOptions.class;
  }

  /** Puts the catalog in {@code <warehouse>/catalog} when the warehouse is local and none is given. */
  @Override
  public void configure(PlaygroundOptions options) {
    PlaygroundPaths paths = PlaygroundPaths.of(options);
    if (paths.isLocal() && !isSet(options, "catalog")) {
      options.setCatalog(paths.catalog());
    }
  }

  /** Whether the option was given (on the command line or by a setter), not left to its default. */
  static boolean isSet(PlaygroundOptions options, String name) {
    return DisplayData.from(options).items().stream().anyMatch(i -> i.getKey().equals(name));
  }

  @Override
  public void validate(PlaygroundOptions options) {
    PlaygroundPaths.of(options);
    selected(options);
    if (selected(options).contains(IMPORT)) {
      new ImportPipeline().validate(options);
    }
  }

  /** The stage names of {@code --stages}, in the workflow's order; one sentence for an unknown one. */
  static List<String> selected(PlaygroundOptions options) {
    Set<String> asked = new LinkedHashSet<>();
    for (String stage : options.getStages().split(",")) {
      String name = stage.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!STAGES.contains(name)) {
        throw new IllegalArgumentException("--stages names an unknown stage '" + stage.trim()
            + "'; the stages are " + String.join(", ", STAGES) + ".");
      }
      asked.add(name);
    }
    if (asked.isEmpty()) {
      throw new IllegalArgumentException(
          "--stages is empty; name one or more of " + String.join(", ", STAGES) + ".");
    }
    List<String> ordered = new ArrayList<>();
    for (String stage : STAGES) {
      if (asked.contains(stage)) {
        ordered.add(stage);
      }
    }
    return ordered;
  }

  @Override
  public List<WorkflowStage<PlaygroundOptions>> stages(PlaygroundOptions options) {
    List<WorkflowStage<PlaygroundOptions>> stages = new ArrayList<>();
    for (String stage : selected(options)) {
      stages.add(stage(stage));
    }
    return stages;
  }

  private static WorkflowStage<PlaygroundOptions> stage(String name) {
    switch (name) {
      case IMPORT:
        return WorkflowStage.pipeline(IMPORT, new ImportPipeline(), o -> headline(o,
            "raw", PlaygroundPaths.INCOME_TABLE, PlaygroundPaths.PARKS_TABLE,
            PlaygroundPaths.PLAYGROUNDS_TABLE));
      case CRAWL_RAW:
        return WorkflowStage.crawl(CRAWL_RAW, o -> Crawler.of(PlaygroundPaths.of(o).raw(),
            PlaygroundPaths.RAW_DATABASE).withTableLevel(2));
      case TRANSFORM:
        return WorkflowStage.pipeline(TRANSFORM, new TransformPipeline(), o -> headline(o,
            "processed", TransformPipeline.OUTPUT)
            + String.format(Locale.ROOT, "; %,d split parks, %,d playgrounds without a park",
                step(o, PlaygroundJoin.PARKS_SPLIT), step(o, PlaygroundJoin.PLAYGROUNDS_UNMATCHED)));
      case CRAWL_PROCESSED:
        return WorkflowStage.crawl(CRAWL_PROCESSED, o -> Crawler.of(PlaygroundPaths.of(o)
            .processed(), PlaygroundPaths.PROCESSED_DATABASE).withTableLevel(1));
      default:
        return WorkflowStage.pipeline(ML, new MlPipeline(), o -> {
          MlPreparationCounts ml = MlPreparationCounts.of(o.result());
          return String.format(Locale.ROOT,
              "train %,d, validation %,d rows -> ml; %,d dropped for '**', %,d for missing "
                  + "values; %,d errors", ml.train(), ml.validation(), ml.droppedUnknown(),
              ml.droppedMissing(), o.counts().getOrDefault(JobSummary.ERRORS, 0L));
        });
    }
  }

  private static long step(PipelineRun.Outcome outcome, String step) {
    return outcome.counts().getOrDefault(JobSummary.STEP_PREFIX + step, 0L);
  }

  /** {@code income_ny 17,466, parks 1,675, playgrounds 1,269 rows -> raw; 0 errors}. */
  private static String headline(PipelineRun.Outcome outcome, String zone, String... outputs) {
    Map<String, Long> counts = outcome.counts();
    List<String> parts = new ArrayList<>();
    for (String output : outputs) {
      parts.add(String.format(Locale.ROOT, "%s %,d",
          output, counts.getOrDefault(JobSummary.WRITTEN_PREFIX + output, 0L)));
    }
    return String.join(", ", parts) + " rows -> " + zone + "; "
        + String.format(Locale.ROOT, "%,d errors", counts.getOrDefault(JobSummary.ERRORS, 0L));
  }
}
