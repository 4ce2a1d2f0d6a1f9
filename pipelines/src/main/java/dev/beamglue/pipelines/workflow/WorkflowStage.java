package dev.beamglue.pipelines.workflow;

import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.crawler.CrawlReport;
import dev.beamglue.io.crawler.Crawler;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.PipelineRun;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One stage of a {@link dev.beamglue.pipelines.GlueWorkflow}: runs with the workflow's options,
 * prints what it did to {@code out}, and returns a one-line {@link StageReport}; it throws {@link
 * PipelineRun.Failure} (phase and one sentence) when it fails.
 *
 * <p>{@code WorkflowStage.pipeline("import", new ImportPipeline(), o -> "...")}, {@code
 * WorkflowStage.crawl("crawl-raw", o -> Crawler.of(raw, "raw"))}
 */
public interface WorkflowStage<O extends PipelineOptions> {

  /** The stage's name, as {@code --stages} lists it. */
  String name();

  /** Runs the stage; the report's time is set by the caller. */
  StageReport run(O options, PrintStream out, PrintStream err);

  /**
   * A stage that runs a pipeline with the workflow's options through {@link PipelineRun}; {@code
   * headline} makes the report's line from the committed run.
   */
  static <O extends PipelineOptions> WorkflowStage<O> pipeline(
      String name, GluePipeline<O> glue, Function<PipelineRun.Outcome, String> headline) {
    return new WorkflowStage<O>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StageReport run(O options, PrintStream out, PrintStream err) {
        PipelineRun.Outcome outcome = new PipelineRun(out, err).execute(glue, options);
        return StageReport.of(name, headline.apply(outcome), outcome.counts());
      }
    };
  }

  /**
   * A stage that crawls into the catalog the options name ({@code --catalog}); the crawler comes
   * from the options. A path that does not exist or holds no file fails in phase BUILD.
   */
  static <O extends PipelineOptions> WorkflowStage<O> crawl(
      String name, Function<O, Crawler> crawler) {
    return new WorkflowStage<O>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StageReport run(O options, PrintStream out, PrintStream err) {
        CrawlReport report;
        Crawler crawl;
        try {
          crawl = crawler.apply(options);
          report = crawl.crawl(Catalogs.open(options.as(CatalogOptions.class)));
        } catch (IllegalArgumentException e) {
          throw new PipelineRun.Failure(PipelineRun.Phase.BUILD, firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
          throw new PipelineRun.Failure(PipelineRun.Phase.RUN,
              "the crawl failed: " + PipelineRun.rootCauseMessage(e), e);
        }
        report.lines().forEach(out::println);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tables created", (long) report.tablesCreated().size());
        counts.put("tables updated", (long) report.tablesUpdated().size());
        counts.put("tables unchanged", (long) report.tablesUnchanged().size());
        counts.put("partitions added", report.partitionsAdded());
        counts.put("files classified", report.filesClassified());
        counts.put("files not recognized", (long) report.skipped().size());
        java.util.List<String> tables = new java.util.ArrayList<>();
        tables.addAll(report.tablesCreated());
        tables.addAll(report.tablesUpdated());
        tables.addAll(report.tablesUnchanged());
        String headline = "database " + report.database() + ": " + String.join(", ", tables)
            + " (" + report.tablesCreated().size() + " created, " + report.tablesUpdated().size()
            + " updated); " + report.partitionsAdded() + " partitions added; "
            + report.filesClassified() + " files";
        return StageReport.of(name, headline, counts);
      }
    };
  }

  private static String firstLine(String message) {
    return message == null ? "invalid input." : message.lines().findFirst().orElse(message);
  }
}
