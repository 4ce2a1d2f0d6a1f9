package dev.beamglue.pipelines.personalize;

import dev.beamglue.pipelines.PipelineRun;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.pipelines.workflow.StageReport;
import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The export stage: readies the sources ({@link ExportSources}), runs {@link
 * PersonalizeExportPipeline} (its three branches in parallel) into the hidden staging folder,
 * prints the {@link ValidationReport} and writes it to {@code <output>/validation-report.json},
 * writes each dataset's {@code schema.json} next to its CSV files, and fails with one sentence per
 * minimum Personalize needs that the export misses (the published export is then left as it
 * was).
 *
 * <p>{@code WorkflowStage<PersonalizeOptions> export = new ExportStage();}
 */
public final class ExportStage implements WorkflowStage<PersonalizeOptions> {

  public static final String NAME = "export";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageReport run(PersonalizeOptions options, PrintStream out, PrintStream err) {
    ExportPaths paths = ExportPaths.of(options);
    ValidationReport report;
    PipelineRun.Outcome outcome;
    try (ExportSources sources = prepare(options, out)) {
      outcome = new PipelineRun(out, err).execute(new PersonalizeExportPipeline(), options);
      report = ValidationReport.of(outcome.counts(), ValidationReport.rules(outcome.result()));
    }
    report.lines().forEach(out::println);
    ExportFolders.writeText(paths.report(), report.toJson());
    out.println("validation report -> " + paths.report());
    MappingFile.load(options.getMapping()).forEach((dataset, mapping) ->
        ExportFolders.writeText(paths.staged(dataset) + "/schema.json", SchemaJson.of(mapping)));
    if (!report.unmetMinimums().isEmpty()) {
      throw new PipelineRun.Failure(PipelineRun.Phase.RUN, String.join(" ",
          report.unmetMinimums()) + " The published export is left as it was; see "
          + paths.report() + ".", null);
    }
    Map<String, Long> counts = new LinkedHashMap<>(outcome.counts());
    ValidationReport.rules(outcome.result()).forEach((rule, n) -> counts.put("rule:" + rule, n));
    return new StageReport(NAME, Duration.ZERO, headline(report, outcome), counts);
  }

  private static ExportSources prepare(PersonalizeOptions options, PrintStream out) {
    try {
      return ExportSources.prepare(options, out);
    } catch (IllegalArgumentException e) {
      throw new PipelineRun.Failure(PipelineRun.Phase.BUILD, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PipelineRun.Failure(PipelineRun.Phase.RUN, PipelineRun.rootCauseMessage(e), e);
    }
  }

  /** {@code interactions 19,880, items 498, users 2,000 rows -> .next; 142 errors}. */
  private static String headline(ValidationReport report, PipelineRun.Outcome outcome) {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<Dataset, ValidationReport.DatasetCounts> entry : report.datasets().entrySet()) {
      if (line.length() > 0) {
        line.append(", ");
      }
      line.append(String.format(Locale.ROOT, "%s %,d", entry.getKey().folder(),
          entry.getValue().exported()));
    }
    return line + String.format(Locale.ROOT, " rows staged; %,d errors",
        outcome.counts().getOrDefault(JobSummary.ERRORS, 0L));
  }
}
