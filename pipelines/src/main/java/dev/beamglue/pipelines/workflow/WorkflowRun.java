package dev.beamglue.pipelines.workflow;

import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.GlueWorkflow;
import dev.beamglue.pipelines.PipelineRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs the stages of a {@link GlueWorkflow} one after another with the workflow's options, as a
 * Glue workflow's trigger chain does: each stage prints what it did under a {@code == stage NAME}
 * line, the first stage that fails stops the run with one sentence naming it ({@link
 * StageFailure}), and the run ends with a table of the stages, their times and headlines.
 *
 * <p>{@code WorkflowReport r = new WorkflowRun(System.out, System.err).execute(workflow, options);}
 */
public final class WorkflowRun {

  /** A stage that failed: its name, the phase, and one sentence. */
  public static final class StageFailure extends RuntimeException {
    private final String stage;
    private final PipelineRun.Phase phase;

    StageFailure(String stage, PipelineRun.Phase phase, String sentence, Throwable cause) {
      super(stage == null ? sentence : "stage " + stage + " failed: " + sentence, cause);
      this.stage = stage;
      this.phase = phase;
    }

    /** The stage that failed; null when the options were refused before any stage ran. */
    public String stage() {
      return stage;
    }

    public PipelineRun.Phase phase() {
      return phase;
    }
  }

  private final PrintStream out;
  private final PrintStream err;

  public WorkflowRun(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Configures and validates the options, then runs the stages; throws {@link StageFailure} (with
   * no stage, phase BUILD, when the options are refused).
   */
  public <O extends PipelineOptions> WorkflowReport execute(GlueWorkflow<O> workflow, O options) {
    List<WorkflowStage<O>> stages;
    try {
      S3Access.configure(options);
      workflow.configure(options);
      workflow.validate(options);
      stages = workflow.stages(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new StageFailure(null, PipelineRun.Phase.BUILD, e.getMessage(), e);
    }
    String runner = options.getRunner().getSimpleName();
    List<StageReport> done = new ArrayList<>();
    long start = System.nanoTime();
    for (WorkflowStage<O> stage : stages) {
      out.println("== stage " + stage.name());
      long stageStart = System.nanoTime();
      try {
        StageReport report = stage.run(options, out, err);
        done.add(report.withTime(Duration.ofNanos(System.nanoTime() - stageStart)));
      } catch (PipelineRun.Failure e) {
        printTable(workflow, runner, done, start, stage.name(), stageStart);
        throw new StageFailure(stage.name(), e.phase(), e.getMessage(), e);
      } catch (RuntimeException e) {
        printTable(workflow, runner, done, start, stage.name(), stageStart);
        throw new StageFailure(stage.name(), PipelineRun.Phase.RUN,
            PipelineRun.rootCauseMessage(e), e);
      }
    }
    WorkflowReport report = new WorkflowReport(
        workflow.name(), runner, done, Duration.ofNanos(System.nanoTime() - start));
    out.println("==");
    report.lines().forEach(out::println);
    return report;
  }

  private void printTable(GlueWorkflow<?> workflow, String runner, List<StageReport> done,
      long start, String failed, long failedStart) {
    out.println("==");
    WorkflowReport partial = new WorkflowReport(
        workflow.name(), runner, done, Duration.ofNanos(System.nanoTime() - start));
    partial.lines("stopped after").forEach(out::println);
    out.println(WorkflowReport.stageLine(
        failed, Duration.ofNanos(System.nanoTime() - failedStart), "FAILED"));
  }
}
