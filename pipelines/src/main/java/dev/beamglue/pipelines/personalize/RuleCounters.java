package dev.beamglue.pipelines.personalize;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Counts the rows each validation rule rejects, per dataset, as Beam counters {@code
 * <dataset>:<rule>} in namespace {@value #NAMESPACE}: counted in memory and added to the
 * counters once a bundle. {@link ValidationReport} reads them back from the finished run.
 *
 * <p>{@code counters.add("unknown user"); ... counters.flush();} (in {@code @FinishBundle})
 */
final class RuleCounters implements Serializable {

  static final String NAMESPACE = "beamglue.personalize";

  private final String dataset;
  private transient Map<String, Long> inBundle;

  RuleCounters(Dataset dataset) {
    this.dataset = dataset.folder();
  }

  static String counterName(Dataset dataset, String rule) {
    return dataset.folder() + ":" + rule;
  }

  void add(String rule) {
    if (inBundle == null) {
      inBundle = new HashMap<>();
    }
    inBundle.merge(rule, 1L, Long::sum);
  }

  void flush() {
    if (inBundle == null) {
      return;
    }
    for (Map.Entry<String, Long> entry : inBundle.entrySet()) {
      Metrics.counter(NAMESPACE, dataset + ":" + entry.getKey()).inc(entry.getValue());
    }
    inBundle.clear();
  }
}
