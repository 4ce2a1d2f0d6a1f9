package dev.beamglue.pipelines.personalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamglue.pipelines.summary.JobSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * What validation found in one export, by dataset: records read, unreadable, exported, and
 * rejected by each rule; the users with 2 or more interactions; and whether Personalize's minimums
 * hold (at least {@value #MIN_INTERACTIONS} interactions and {@value #MIN_ACTIVE_USERS} users with
 * 2 or more). Printed as lines, written as JSON next to the export.
 *
 * <p>{@code ValidationReport r = ValidationReport.of(outcome.counts(), ValidationReport.rules(result));}
 */
public record ValidationReport(
    Map<Dataset, DatasetCounts> datasets, long usersWithTwoInteractions) {

  public static final long MIN_INTERACTIONS = 1_000;
  public static final long MIN_ACTIVE_USERS = 25;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One dataset's counts; {@code rejected} by rule name, the rules that rejected none left out. */
  public record DatasetCounts(long read, long unreadable, long exported, Map<String, Long> rejected) {

    public long rejectedTotal() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether every record read is exported or rejected for a reason. */
    public boolean reconciles() {
      return read == exported + unreadable + rejectedTotal();
    }
  }

  /**
   * The report of a run from its summary counts ({@link JobSummary#counts}) and its rule counters
   * ({@link #rules}).
   */
  public static ValidationReport of(Map<String, Long> counts, Map<String, Long> rules) {
    Map<Dataset, DatasetCounts> datasets = new LinkedHashMap<>();
    for (Dataset dataset : Dataset.values()) {
      long parsed = step(counts, PersonalizeExportPipeline.parsedStep(dataset));
      long unreadable = step(counts, PersonalizeExportPipeline.unreadableStep(dataset));
      Map<String, Long> rejected = new LinkedHashMap<>();
      for (String rule : RowRules.ALL) {
        long n = rules.getOrDefault(RuleCounters.counterName(dataset, rule), 0L);
        if (n > 0) {
          rejected.put(rule, n);
        }
      }
      datasets.put(dataset, new DatasetCounts(parsed + unreadable, unreadable,
          counts.getOrDefault(JobSummary.WRITTEN_PREFIX + dataset.folder(), 0L), rejected));
    }
    return new ValidationReport(datasets,
        step(counts, PersonalizeExportPipeline.USERS_WITH_TWO));
  }

  private static long step(Map<String, Long> counts, String step) {
    return counts.getOrDefault(JobSummary.STEP_PREFIX + step, 0L);
  }

  /** The rule counters of a finished run, by {@code <dataset>:<rule>}. */
  public static Map<String, Long> rules(PipelineResult result) {
    Map<String, Long> rules = new LinkedHashMap<>();
    for (MetricResult<Long> counter : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.inNamespace(RuleCounters.NAMESPACE)).build())
        .getCounters()) {
      rules.merge(counter.getName().getName(), JobSummary.committedOrAttempted(counter), Long::sum);
    }
    return rules;
  }

  /** The minimums the export misses, one sentence each; empty when Personalize can train on it. */
  public List<String> unmetMinimums() {
    List<String> unmet = new ArrayList<>();
    long interactions = datasets.get(Dataset.INTERACTIONS).exported();
    if (interactions < MIN_INTERACTIONS) {
      unmet.add(String.format(Locale.ROOT, "Personalize needs at least %,d interactions, and "
          + "the export has %,d.", MIN_INTERACTIONS, interactions));
    }
    if (usersWithTwoInteractions < MIN_ACTIVE_USERS) {
      unmet.add(String.format(Locale.ROOT, "Personalize needs at least %,d users with 2 or more "
          + "interactions, and the export has %,d.", MIN_ACTIVE_USERS, usersWithTwoInteractions));
    }
    return unmet;
  }

  /** The report as printed. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("validation (Amazon Personalize's rules)");
    for (Map.Entry<Dataset, DatasetCounts> entry : datasets.entrySet()) {
      DatasetCounts c = entry.getValue();
      List<String> rejected = new ArrayList<>();
      if (c.unreadable() > 0) {
        rejected.add(String.format(Locale.ROOT, "%,d unreadable", c.unreadable()));
      }
      c.rejected().forEach((rule, n) -> rejected.add(String.format(Locale.ROOT, "%,d %s", n, rule)));
      lines.add(String.format(Locale.ROOT, "  %-13s %,10d read  %,10d exported  %s",
          entry.getKey().folder(), c.read(), c.exported(),
          rejected.isEmpty() ? "none rejected" : "rejected: " + String.join(", ", rejected)));
    }
    lines.add(String.format(Locale.ROOT, "  %-13s %,d interactions (at least %,d), %,d users with "
            + "2+ interactions (at least %,d): %s", "minimums",
        datasets.get(Dataset.INTERACTIONS).exported(), MIN_INTERACTIONS, usersWithTwoInteractions,
        MIN_ACTIVE_USERS, unmetMinimums().isEmpty() ? "met" : "NOT MET"));
    return lines;
  }

  /** The report as a JSON object. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode sets = root.putObject("datasets");
    for (Map.Entry<Dataset, DatasetCounts> entry : datasets.entrySet()) {
      DatasetCounts c = entry.getValue();
      ObjectNode node = sets.putObject(entry.getKey().folder());
      node.put("read", c.read());
      node.put("unreadable", c.unreadable());
      node.put("exported", c.exported());
      ObjectNode rejected = node.putObject("rejected");
      c.rejected().forEach(rejected::put);
      node.put("reconciles", c.reconciles());
    }
    root.put("usersWithTwoOrMoreInteractions", usersWithTwoInteractions);
    ObjectNode minimums = root.putObject("minimums");
    minimums.put("interactions", MIN_INTERACTIONS);
    minimums.put("usersWithTwoOrMoreInteractions", MIN_ACTIVE_USERS);
    root.put("passed", unmetMinimums().isEmpty());
    unmetMinimums().forEach(root.putArray("problems")::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
