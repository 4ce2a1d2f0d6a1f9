package dev.beamglue.benchmarks.harness;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The markdown table of a side-by-side run: one line a contestant with its runs, median, min and max
 * wall time, the ratio of its median to a reference contestant's (Spark SQL's unless named), and one
 * column for each {@link RowCount}, a value that is not the expected one shown with it.
 *
 * <p>{@code String table = ResultsTable.markdown(results.values(), 5, counts);}
 */
public final class ResultsTable {
  /** The key of the contestant the ratios are to. */
  public static final String REFERENCE = "sparksql";

  private ResultsTable() {}

  public static String markdown(Collection<Result> results, int runs, List<RowCount> counts) {
    return markdown(results, runs, counts, REFERENCE, "Spark SQL");
  }

  /** The table with the ratios to the contestant {@code referenceKey}, headed "vs NAME". */
  public static String markdown(Collection<Result> results, int runs, List<RowCount> counts,
      String referenceKey, String referenceName) {
    Optional<Double> reference = results.stream()
        .filter(r -> r.contestant.key.equals(referenceKey) && r.measured())
        .findFirst()
        .map(Result::median);
    StringBuilder out = new StringBuilder();
    out.append("| contestant | runs | median s | min s | max s | vs ").append(referenceName)
        .append(" |");
    counts.forEach(c -> out.append(' ').append(c.header).append(" |"));
    out.append("\n|---|---:|---:|---:|---:|---:|");
    counts.forEach(c -> out.append("---:|"));
    out.append('\n');
    for (Result r : results) {
      if (!r.measured()) {
        String why = r.problem() == null ? "did not run" : r.problem();
        out.append("| ").append(r.contestant.label).append(" | ").append(r.seconds().size()).append(" of ")
            .append(runs).append(" | not measured: ").append(why.replace("|", "\\|")).append(" |")
            .append(" |".repeat(3 + counts.size())).append('\n');
        continue;
      }
      String ratio = reference.map(m -> String.format(Locale.ROOT, "%.2fx", r.median() / m)).orElse("n/a");
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s |",
          r.contestant.label, r.seconds().size(), r.median(), r.min(), r.max(), ratio));
      for (int i = 0; i < counts.size(); i++) {
        out.append(' ').append(counts(r.counts(i), counts.get(i).expected)).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The counts of all runs, flagged when runs disagree or the count is not the expected one. */
  public static String counts(List<Long> counts, long expected) {
    Set<Long> distinct = Set.copyOf(counts);
    String written = distinct.stream().sorted().map(n -> String.format(Locale.ROOT, "%,d", n))
        .collect(Collectors.joining(" / "));
    if (distinct.size() == 1 && distinct.contains(expected)) {
      return written;
    }
    return written + String.format(Locale.ROOT, " (expected %,d)", expected);
  }
}
