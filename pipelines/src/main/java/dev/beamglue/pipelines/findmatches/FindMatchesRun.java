package dev.beamglue.pipelines.findmatches;

import dev.beamglue.io.catalog.PartitionedWrite;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.findmatches.FindMatches;
import dev.beamglue.transforms.findmatches.MatchModel;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.findmatches.StageMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * {@code beamglue find-matches run}: reads DATA ({@link MatchData}: CSV with every column as text,
 * JSON, Parquet, or a catalog table {@code db.table}), applies FindMatches with a taught model, and writes the rows
 * with {@code match_id} and {@code match_confidence_score} as CSV or Parquet. Without a model, the
 * transform fits Fellegi-Sunter weights by EM in the pipeline. {@link #report} summarizes the work
 * from the run's counters ({@link StageMetrics}).
 *
 * <p>{@code FindMatchesRun.of(settings).run(options);}
 */
public final class FindMatchesRun {

  /** What to run: DATA, its CSV encoding, key, source column, model, output folder and format. */
  public record Settings(
      String input, String encoding, String key, String source, MatchModel model, String output,
      String format, boolean enforceLabels, double accuracyCost) {

    /** Settings with the default accuracy-cost tradeoff 0.5 (used only without a model). */
    public Settings(
        String input, String encoding, String key, String source, MatchModel model, String output,
        String format, boolean enforceLabels) {
      this(input, encoding, key, source, model, output, format, enforceLabels, 0.5);
    }
  }

  private final Settings settings;

  private FindMatchesRun(Settings settings) {
    this.settings = settings;
  }

  public static FindMatchesRun of(Settings settings) {
    if (!List.of("csv", "parquet").contains(settings.format())) {
      throw new IllegalArgumentException(
          "--format must be csv or parquet, not '" + settings.format() + "'.");
    }
    return new FindMatchesRun(settings);
  }

  /** Reads DATA, as {@link MatchData} decides what it is (files or a catalog table). */
  static RowsWithErrors read(Pipeline pipeline, String input, String encoding, FindMatchesOptions options) {
    MatchData data = MatchData.of(input, encoding, options);
    return pipeline.apply("Read " + data.kind().name().toLowerCase(Locale.ROOT), data.read());
  }

  /**
   * The run's summary from its {@link StageMetrics} counters: records, block keys, comparisons,
   * candidate pairs, match edges, candidate pairs per second of {@code seconds} (the wall time),
   * and the busy time of each stage.
   */
  public static String report(PipelineResult result, double seconds) {
    Map<String, Long> counters = new HashMap<>();
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(StageMetrics.NAMESPACE))
                    .build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      counters.merge(c.getName().getName(), JobSummary.committedOrAttempted(c), Long::sum);
    }
    long pairs = counters.getOrDefault("candidate_pairs", 0L);
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "FindMatches: %,d records, %,d block keys, %,d comparisons, %,d candidate pairs, %,d match"
                + " edges in %.1f s (%,.0f candidate pairs/s)%n",
            counters.getOrDefault("records", 0L),
            counters.getOrDefault("block_keys", 0L),
            counters.getOrDefault("compared_pairs", 0L),
            pairs,
            counters.getOrDefault("match_edges", 0L),
            seconds,
            seconds > 0 ? pairs / seconds : 0.0));
    List<String> stages = new ArrayList<>();
    for (String stage : StageMetrics.STAGES) {
      stages.add(
          String.format(
              Locale.ROOT, "%s %.1f s", stage, counters.getOrDefault(stage + "_ns", 0L) / 1e9));
    }
    text.append("stage time (work inside each stage, summed over workers): ")
        .append(String.join(", ", stages))
        .append(System.lineSeparator());
    return text.toString();
  }

  /** Builds the pipeline; {@link JobCommits} commits the output after the run. */
  public void build(Pipeline pipeline, FindMatchesOptions options) {
    RowsWithErrors read = read(pipeline, settings.input(), settings.encoding(), options);
    FindMatches find =
        FindMatches.onKey(settings.key()).withModel(settings.model()).computeMatchConfidenceScores();
    if (settings.model() == null) {
      find = find.withAccuracyCostTradeoff(settings.accuracyCost());
    }
    if (settings.source() != null) {
      find = find.withSourceColumn(settings.source());
    }
    if (settings.enforceLabels()) {
      find = find.enforceProvidedLabels();
    }
    PCollection<Row> matched = read.rows().apply("FindMatches", find);
    PartitionedWrite write =
        settings.format().equals("csv")
            ? PartitionedWrite.csv(CsvFormat.DEFAULT.withHeader(true))
            : PartitionedWrite.parquet();
    matched.apply("Write " + settings.format(), write.to(settings.output()));
  }
}
