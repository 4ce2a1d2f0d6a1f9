package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The Beam counters FindMatches reports in namespace {@value #NAMESPACE}: how much work each stage
 * did and how long its work took, added once per bundle.
 *
 * <p>{@code StageMetrics.Timer t = StageMetrics.timer("comparing"); t.add(nanos, 1); t.flush();}
 *
 * <p>For each stage of {@link #STAGES} there is a counter {@code <stage>_ns}: the nanoseconds its
 * DoFns spent in the stage's own work (summed over workers, excluding the shuffles, coding and the
 * downstream steps a runner fuses in), and a count: {@code records} (profiled), {@code block_keys}
 * (record-key pairs from blocking), {@code compared_pairs} (comparisons, a pair once per block it
 * shares), {@code candidate_pairs} (distinct pairs scored) and {@code match_edges} (pairs at or
 * above the threshold).
 */
public final class StageMetrics {

  /** The namespace of the counters. */
  public static final String NAMESPACE = "findmatches";

  /** The stages, in order. */
  public static final List<String> STAGES =
      List.of("profiling", "blocking", "comparing", "scoring", "clustering");

  /** The work counts, in order. */
  public static final List<String> COUNTS =
      List.of("records", "block_keys", "compared_pairs", "candidate_pairs", "match_edges");

  private StageMetrics() {}

  /** A timer of a stage that also counts the stage's items under {@code count}. */
  public static Timer timer(String stage, String count) {
    return new Timer(stage, count);
  }

  /** Times one stage in a DoFn: {@link #add} per element, {@link #flush} at the end of a bundle. */
  public static final class Timer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Counter spent;
    private final Counter items;
    private transient long nanos;
    private transient long count;

    Timer(String stage, String count) {
      this.spent = Metrics.counter(NAMESPACE, stage + "_ns");
      this.items = count == null ? null : Metrics.counter(NAMESPACE, count);
    }

    /** Adds the time since {@code startNanos} and {@code n} items. */
    public void since(long startNanos, long n) {
      nanos += System.nanoTime() - startNanos;
      count += n;
    }

    /** Adds {@code n} items without time. */
    public void count(long n) {
      count += n;
    }

    /** Adds the bundle's time and items to the counters. */
    public void flush() {
      if (nanos > 0) {
        spent.inc(nanos);
      }
      if (items != null && count > 0) {
        items.inc(count);
      }
      nanos = 0;
      count = 0;
    }
  }
}
