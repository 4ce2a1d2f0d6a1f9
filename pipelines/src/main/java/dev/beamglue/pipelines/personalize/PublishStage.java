package dev.beamglue.pipelines.personalize;

import dev.beamglue.pipelines.PipelineRun;
import dev.beamglue.pipelines.workflow.StageReport;
import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The publish stage: replaces the previous export with the one the export stage staged ({@link
 * ExportFolders#publish}), once all three datasets were written and validated.
 *
 * <p>{@code WorkflowStage<PersonalizeOptions> publish = new PublishStage();}
 */
public final class PublishStage implements WorkflowStage<PersonalizeOptions> {

  public static final String NAME = "publish";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageReport run(PersonalizeOptions options, PrintStream out, PrintStream err) {
    List<String> folders;
    try {
      folders = ExportFolders.publish(ExportPaths.of(options));
    } catch (RuntimeException e) {
      throw new PipelineRun.Failure(PipelineRun.Phase.COMMIT, PipelineRun.rootCauseMessage(e), e);
    }
    folders.forEach(f -> out.println("published " + f));
    return new StageReport(NAME, Duration.ZERO, "replaced " + String.join(", ", folders),
        Map.of("datasets", (long) folders.size()));
  }
}
