package dev.beamglue.pipelines.workflow;

import java.time.Duration;
import java.util.Map;

/**
 * What one stage of a workflow did: its name, the time it took, one line for the workflow's
 * summary, and its counts by name (a pipeline stage's {@code read}, {@code written:TABLE}, {@code
 * step:NAME} and {@code errors}; a crawl's tables and files).
 *
 * <p>{@code long rows = report.stage("transform").count("written:processed");}
 */
public record StageReport(String stage, Duration time, String headline, Map<String, Long> counts) {

  public StageReport {
    counts = Map.copyOf(counts);
  }

  static StageReport of(String stage, String headline, Map<String, Long> counts) {
    return new StageReport(stage, Duration.ZERO, headline, counts);
  }

  StageReport withTime(Duration time) {
    return new StageReport(stage, time, headline, counts);
  }

  /** The count of that name; throws {@link IllegalArgumentException} naming the known ones. */
  public long count(String name) {
    Long count = counts.get(name);
    if (count == null) {
      throw new IllegalArgumentException(
          "Stage " + stage + " has no count '" + name + "'; it has " + counts.keySet() + ".");
    }
    return count;
  }
}
