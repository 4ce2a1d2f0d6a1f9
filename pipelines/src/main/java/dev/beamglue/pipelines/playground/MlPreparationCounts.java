package dev.beamglue.pipelines.playground;

import dev.beamglue.pipelines.summary.JobSummary;

import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counts of one run of {@link MlPreparation}, read from its Beam counters once the run ended:
 * rows in = dropped for {@code **} + dropped for missing values + errors + train + validation.
 *
 * <p>{@code MlPreparationCounts counts = MlPreparationCounts.of(result); counts.lines()}
 */
public record MlPreparationCounts(
    long rowsIn,
    long droppedUnknown,
    long droppedMissing,
    long errors,
    long train,
    long validation) {

  /** The counts of a finished run (committed values where the runner has them). */
  public static MlPreparationCounts of(PipelineResult result) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(MlPreparation.NAMESPACE))
                    .build());
    return new MlPreparationCounts(
        sum(metrics, MlPreparation.ROWS_IN),
        sum(metrics, MlPreparation.DROPPED_UNKNOWN),
        sum(metrics, MlPreparation.DROPPED_MISSING),
        sum(metrics, MlPreparation.ERRORS),
        sum(metrics, MlPreparation.TRAIN),
        sum(metrics, MlPreparation.VALIDATION));
  }

  /** Whether every row in is accounted for. */
  public boolean reconciles() {
    return rowsIn == droppedUnknown + droppedMissing + errors + train + validation;
  }

  /** Lines for a run summary. */
  public List<String> lines() {
    return List.of(
        String.format(Locale.ROOT, "  rows in             %,10d", rowsIn),
        String.format(Locale.ROOT, "  dropped for '**'    %,10d", droppedUnknown),
        String.format(Locale.ROOT, "  dropped, missing    %,10d", droppedMissing),
        String.format(Locale.ROOT, "  error records       %,10d", errors),
        String.format(Locale.ROOT, "  train               %,10d", train),
        String.format(Locale.ROOT, "  validation          %,10d", validation),
        reconciles()
            ? String.format(
                Locale.ROOT,
                "  check               %,d in = %,d + %,d dropped + %,d errors + %,d train + %,d validation",
                rowsIn, droppedUnknown, droppedMissing, errors, train, validation)
            : String.format(
                Locale.ROOT,
                "  check               %,d in, but %,d dropped + %,d errors + %,d train + %,d "
                    + "validation: the counts do not reconcile",
                rowsIn, droppedUnknown + droppedMissing, errors, train, validation));
  }

  private static long sum(MetricQueryResults metrics, String name) {
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      if (counter.getName().getName().equals(name)) {
        total += JobSummary.committedOrAttempted(counter);
      }
    }
    return total;
  }
}
