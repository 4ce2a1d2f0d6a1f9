package dev.beamglue.pipelines.summary;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * What a pipeline run read, wrote and sent to errors, counted with Beam metrics as the records flow
 * and printed when the run ends, so a user sees that records in = records out + error records.
 *
 * <p>{@code PCollection<Row> counted = summary.countRead(rows);}
 */
public final class JobSummary implements Serializable {

  static final String NAMESPACE = "beamglue.summary";
  /** The counter of records read. */
  public static final String READ = "read";
  /** The counter of error records. */
  public static final String ERRORS = "errors";
  /** The prefix of the counter of an output's rows. */
  public static final String WRITTEN_PREFIX = "written:";
  /** The prefix of the counter of a step's rows. */
  public static final String STEP_PREFIX = "step:";

  private final List<Output> outputs = new ArrayList<>();
  private final List<String> steps = new ArrayList<>();
  private final List<Check> checks = new ArrayList<>();
  private final List<org.apache.beam.sdk.transforms.SerializableFunction<PipelineResult, List<String>>>
      ownChecks = new ArrayList<>();
  private String errorsPath;

  /** A reconciliation: the count of a step equals the sum of the counts of other steps. */
  private record Check(String total, List<String> parts) implements Serializable {}

  /**
   * One written output: a name, where it went, in which format, and whether its rows stand for
   * input records (and so count in the check that read = written + errors).
   */
  private static final class Output implements Serializable {
    final String name;
    final String path;
    final String format;
    final boolean ofInputRecords;

    Output(String name, String path, String format, boolean ofInputRecords) {
      this.name = name;
      this.path = path;
      this.format = format;
      this.ofInputRecords = ofInputRecords;
    }
  }

  /** Counts records as read; call it for every collection that together makes the input. */
  public <T> PCollection<T> countRead(String label, PCollection<T> records) {
    return count(label, records, READ);
  }

  /** Counts records written to a named output, one row per input record, before its sink. */
  public <T> PCollection<T> countWritten(
      String name, String path, String format, PCollection<T> records) {
    outputs.add(new Output(name, path, format, true));
    return count("Count " + name, records, WRITTEN_PREFIX + name);
  }

  /**
   * Counts records that are read and written one for one to a named output (an import that
   * copies a file into a table) in one step: as read, and as written to the output.
   */
  public <T> PCollection<T> countReadAndWritten(
      String name, String path, String format, PCollection<T> records) {
    outputs.add(new Output(name, path, format, true));
    return count("Count " + name, records, READ, WRITTEN_PREFIX + name);
  }

  /**
   * Counts rows written to an output whose rows do not stand one for one for input records (the
   * child tables of Relationalize, one row per array element); they are reported, not reconciled.
   */
  public <T> PCollection<T> countWrittenDerived(
      String name, String path, String format, PCollection<T> records) {
    outputs.add(new Output(name, path, format, false));
    return count("Count " + name, records, WRITTEN_PREFIX + name);
  }

  /**
   * Counts the records of an intermediate step (rows of one input, rows a filter kept, rows a
   * split made): reported by name, and usable in {@link #reconcile}, but not in the check that
   * read = written + errors.
   */
  public <T> PCollection<T> countStep(String name, PCollection<T> records) {
    if (!steps.contains(name)) {
      steps.add(name);
    }
    return count("Count " + name, records, STEP_PREFIX + name);
  }

  /**
   * Adds a check to the report: the count of step {@code total} equals the sum of the counts of
   * steps {@code parts}. A job with checks of its own reports them instead of read = written +
   * errors, which holds only for jobs whose outputs stand one for one for their inputs.
   */
  public JobSummary reconcile(String total, String... parts) {
    checks.add(new Check(total, List.of(parts)));
    return this;
  }

  /**
   * Adds lines of the job's own to the report, made from the finished run (counters of its own
   * transforms, say); like {@link #reconcile}, they replace the check that read = written +
   * errors.
   */
  public JobSummary reconcileWith(
      org.apache.beam.sdk.transforms.SerializableFunction<PipelineResult, List<String>> lines) {
    ownChecks.add(lines);
    return this;
  }

  /**
   * The counts of a finished run by counter: {@code read}, {@code errors}, {@code written:NAME}
   * for each output and {@code step:NAME} for each step.
   */
  public java.util.Map<String, Long> counts(PipelineResult result) {
    MetricQueryResults metrics = query(result);
    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
    counts.put(READ, sum(metrics, READ));
    for (Output output : outputs) {
      counts.put(WRITTEN_PREFIX + output.name, sum(metrics, WRITTEN_PREFIX + output.name));
    }
    for (String step : steps) {
      counts.put(STEP_PREFIX + step, sum(metrics, STEP_PREFIX + step));
    }
    counts.put(ERRORS, sum(metrics, ERRORS));
    return counts;
  }

  /** Counts the error records before they reach their sink. */
  public <T> PCollection<T> countErrors(String path, PCollection<T> errors) {
    errorsPath = path;
    return count("Count errors", errors, ERRORS);
  }

  private static <T> PCollection<T> count(
      String stepName, PCollection<T> records, String... counters) {
    PCollection<T> counted = records.apply(stepName, ParDo.of(new CountFn<T>(counters)));
    counted.setCoder(records.getCoder());
    return counted;
  }

  /** The lines to print when the run has ended. */
  public List<String> report(String pipelineName, String runner, PipelineResult result, Duration wall) {
    MetricQueryResults metrics = query(result);
    long read = sum(metrics, READ);
    long errors = sum(metrics, ERRORS);
    long written = 0;
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT, "%s finished in %.1f s on %s", pipelineName, wall.toMillis() / 1000.0,
            runner));
    lines.add(String.format(Locale.ROOT, "  read     %,12d records", read));
    for (Output output : outputs) {
      long rows = sum(metrics, WRITTEN_PREFIX + output.name);
      if (output.ofInputRecords) {
        written += rows;
      }
      lines.add(
          String.format(
              Locale.ROOT, "  written  %,12d rows     -> %s (%s, %s)", rows, output.path,
              output.format, output.name));
    }
    for (String step : steps) {
      lines.add(String.format(
          Locale.ROOT, "  step     %,12d rows     %s", sum(metrics, STEP_PREFIX + step), step));
    }
    if (errorsPath != null) {
      lines.add(
          String.format(
              Locale.ROOT, "  errors   %,12d records  -> %s (JSON lines)", errors, errorsPath));
    }
    if (!checks.isEmpty() || !ownChecks.isEmpty()) {
      for (Check check : checks) {
        lines.add(checkLine(metrics, check));
      }
      for (org.apache.beam.sdk.transforms.SerializableFunction<PipelineResult, List<String>> own
          : ownChecks) {
        lines.addAll(own.apply(result));
      }
      return lines;
    }
    lines.add(
        read == written + errors
            ? String.format(
                Locale.ROOT, "  check    %,d read = %,d written + %,d errors", read, written, errors)
            : String.format(
                Locale.ROOT,
                "  check    %,d read, but %,d written + %,d errors: the counts do not reconcile",
                read, written, errors));
    return lines;
  }

  private static String checkLine(MetricQueryResults metrics, Check check) {
    long total = sum(metrics, STEP_PREFIX + check.total());
    long sum = 0;
    List<String> parts = new ArrayList<>();
    for (String part : check.parts()) {
      long count = sum(metrics, STEP_PREFIX + part);
      sum += count;
      parts.add(String.format(Locale.ROOT, "%,d %s", count, part));
    }
    return String.format(Locale.ROOT, "  check    %,d %s %s %s%s", total, check.total(),
        total == sum ? "=" : "!=", String.join(" + ", parts),
        total == sum ? "" : ": the counts do not reconcile");
  }

  private static MetricQueryResults query(PipelineResult result) {
    return result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
  }

  private static long sum(MetricQueryResults metrics, String name) {
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      if (counter.getName().getName().equals(name)) {
        total += committedOrAttempted(counter);
      }
    }
    return total;
  }

  /** A counter's committed value where the runner has one, else its attempted value. */
  public static long committedOrAttempted(MetricResult<Long> counter) {
    try {
      return counter.getCommitted();
    } catch (UnsupportedOperationException e) {
      return counter.getAttempted();
    }
  }

  /** Passes every element through and counts it, adding to the metrics once a bundle. */
  private static final class CountFn<T> extends DoFn<T, T> {
    private final Counter[] counters;
    private transient long inBundle;

    CountFn(String... names) {
      this.counters = new Counter[names.length];
      for (int i = 0; i < names.length; i++) {
        counters[i] = Metrics.counter(NAMESPACE, names[i]);
      }
    }

    @StartBundle
    public void startBundle() {
      inBundle = 0;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      inBundle++;
      out.output(element);
    }

    @FinishBundle
    public void finishBundle() {
      for (Counter counter : counters) {
        counter.inc(inBundle);
      }
    }
  }
}
