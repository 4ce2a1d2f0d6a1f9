package dev.beamglue.pipelines.playground;

import dev.beamglue.pipelines.workflow.StageReport;
import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.io.PrintStream;
import java.util.Map;

/**
 * Stage 5 of the playground workflow, the ML preparation.
 *
 * <p>{@code MlStage.create()}
 *
 * <p>TODO(stage 5): the ML preparation transform comes from branch i5/mlprep; until it is merged
 * this stage only reports that it was skipped.
 */
final class MlStage {

  private MlStage() {}

  static WorkflowStage<PlaygroundOptions> create() {
    return new WorkflowStage<PlaygroundOptions>() {
      @Override
      public String name() {
        return PlaygroundWorkflow.ML;
      }

      @Override
      public StageReport run(PlaygroundOptions options, PrintStream out, PrintStream err) {
        out.println("ml: skipped, the ML preparation is not on this branch yet.");
        return new StageReport(name(), java.time.Duration.ZERO, "skipped", Map.of());
      }
    };
  }
}
