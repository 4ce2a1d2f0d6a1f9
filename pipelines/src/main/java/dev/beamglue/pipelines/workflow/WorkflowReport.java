package dev.beamglue.pipelines.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a workflow run did: the stages that ran, in order, each with its time, headline and counts.
 *
 * <p>{@code report.stage("import").count("written:playgrounds")}
 */
public record WorkflowReport(String workflow, String runner, List<StageReport> stages,
    Duration wall) {

  public WorkflowReport {
    stages = List.copyOf(stages);
  }

  /** The report of the named stage; throws {@link IllegalArgumentException} when it did not run. */
  public StageReport stage(String name) {
    for (StageReport stage : stages) {
      if (stage.stage().equals(name)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("Stage " + name + " did not run.");
  }

  /** The summary table: a line for the workflow, then one per stage. */
  public List<String> lines() {
    return lines("finished");
  }

  /** The table, its first line saying {@code <workflow> <verb> N stages in ...}. */
  List<String> lines(String verb) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%s %s %d stage%s in %.1f s on %s", workflow, verb,
        stages.size(), stages.size() == 1 ? "" : "s", wall.toMillis() / 1000.0, runner));
    for (StageReport stage : stages) {
      lines.add(stageLine(stage.stage(), stage.time(), stage.headline()));
    }
    return lines;
  }

  static String stageLine(String stage, Duration time, String headline) {
    return String.format(Locale.ROOT, "  %-16s %7.1f s  %s", stage, time.toMillis() / 1000.0,
        headline);
  }
}
