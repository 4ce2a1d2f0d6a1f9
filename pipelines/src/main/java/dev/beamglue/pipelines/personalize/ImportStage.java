package dev.beamglue.pipelines.personalize;

import dev.beamglue.pipelines.PipelineRun;
import dev.beamglue.pipelines.workflow.StageReport;
import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The import stage, the trigger of training: with {@code --datasetGroupArn} and {@code --roleArn}
 * it starts a Personalize dataset import job for each published dataset and follows them until
 * they are active; without them it prints what it would import.
 *
 * <p>{@code WorkflowStage<PersonalizeOptions> trigger = new ImportStage();}
 */
public final class ImportStage implements WorkflowStage<PersonalizeOptions> {

  public static final String NAME = "import";

  @Override
  public String name() {
    return NAME;
  }

  /** Whether the options name a dataset group and role, so that the import really runs. */
  static boolean isReal(PersonalizeOptions options) {
    return options.getDatasetGroupArn() != null && options.getRoleArn() != null;
  }

  @Override
  public StageReport run(PersonalizeOptions options, PrintStream out, PrintStream err) {
    List<String> lines;
    try {
      lines = PersonalizeTrigger.trigger(options, out);
    } catch (IllegalArgumentException e) {
      throw new PipelineRun.Failure(PipelineRun.Phase.BUILD, e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new PipelineRun.Failure(PipelineRun.Phase.RUN,
          "the Personalize import failed: " + PipelineRun.rootCauseMessage(e), e);
    }
    String headline = isReal(options)
        ? lines.size() + " dataset import jobs active"
        : "dry run: " + lines.size() + " datasets would be imported (no --datasetGroupArn/--roleArn)";
    return new StageReport(NAME, Duration.ZERO, headline, Map.of("imports", (long) lines.size()));
  }
}
