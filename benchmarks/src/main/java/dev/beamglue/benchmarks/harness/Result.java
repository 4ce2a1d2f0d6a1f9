package dev.beamglue.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one contestant did over all its runs: the wall time and the counts of every run that
 * finished, or why it stopped.
 *
 * <p>{@code Result r = new Result(contestant, 1); r.add(12.5, 499_499); r.median()}
 */
public final class Result {
  public final Contestant contestant;
  private final List<Double> seconds = new ArrayList<>();
  private final List<List<Long>> counts = new ArrayList<>();
  private String problem;

  /** A result with {@code countColumns} counts a run; a contestant that cannot run starts failed. */
  public Result(Contestant contestant, int countColumns) {
    this.contestant = contestant;
    this.problem = contestant.unavailable();
    for (int i = 0; i < countColumns; i++) {
      counts.add(new ArrayList<>());
    }
  }

  /** Records a finished run: its wall time and one value for each count column. */
  public void add(double runSeconds, long... runCounts) {
    if (runCounts.length != counts.size()) {
      throw new IllegalArgumentException(
          "a run of " + contestant.key + " has " + runCounts.length + " counts, not the " + counts.size()
              + " columns of the table");
    }
    seconds.add(runSeconds);
    for (int i = 0; i < runCounts.length; i++) {
      counts.get(i).add(runCounts[i]);
    }
  }

  /** Stops the contestant: later runs are skipped and the table says why. */
  public void fail(String why) {
    problem = why;
  }

  /** Why the contestant stopped or could not start, or null. */
  public String problem() {
    return problem;
  }

  /** Whether it has a run to show and never failed. */
  public boolean measured() {
    return !seconds.isEmpty() && problem == null;
  }

  public List<Double> seconds() {
    return Collections.unmodifiableList(seconds);
  }

  /** The values of count column {@code column}, one a finished run. */
  public List<Long> counts(int column) {
    return Collections.unmodifiableList(counts.get(column));
  }

  public double median() {
    double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  public double min() {
    return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public double max() {
    return seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}
