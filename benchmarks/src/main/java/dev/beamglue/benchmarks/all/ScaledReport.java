package dev.beamglue.benchmarks.all;

import dev.beamglue.benchmarks.harness.ResultsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark's section of docs/BENCHMARKS.md from its measured runs at every scale: for each
 * input, a table per scale (median of the runs, min and max, and the ratio to Spark SQL and to
 * DuckDB measured in the same run), a growth table (median at each scale and its ratio to the
 * smallest scale's), and a plot; every figure states the machine, the data, the versions and the
 * command that reproduces it. Every number comes from the results files.
 *
 * <p>{@code String markdown = new ScaledReport("crawl", runsByScale, versions, command).write(png, "benchmarks/crawl.png");}
 */
final class ScaledReport {
  static final String SPARK_SQL = "sparksql";
  static final String DUCKDB = "duckdb";

  private final String benchmark;
  private final TreeMap<Long, ResultsFile.Run> runsByScale;
  private final String versions;
  private final String command;

  ScaledReport(String benchmark, Map<Long, ResultsFile.Run> runsByScale, String versions,
      String command) {
    if (runsByScale.isEmpty()) {
      throw new IllegalArgumentException("no results of " + benchmark + " to report");
    }
    this.benchmark = benchmark;
    this.runsByScale = new TreeMap<>(runsByScale);
    this.versions = versions;
    this.command = command;
  }

  /** Draws the plot into {@code png} and returns the markdown, which links it as {@code link}. */
  String write(Path png, String link) throws IOException {
    ResultsFile.Run first = runsByScale.firstEntry().getValue();
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(first.machine()).append(".\n\n")
        .append(versions).append("\n\n")
        .append("Command: `").append(command).append("` (each scale runs `")
        .append(first.command().split(" ")[0]).append("` with the sizes below).\n\n");
    LinePlot plot = new LinePlot(benchmark + ": median wall time by data scale");
    for (int i = 0; i < first.inputs().size(); i++) {
      String input = first.inputs().get(i).name();
      if (first.inputs().size() > 1) {
        out.append("### ").append(benchmark).append(": `").append(input).append("`\n\n");
      }
      for (Map.Entry<Long, ResultsFile.Run> entry : runsByScale.entrySet()) {
        ResultsFile.Input measured = entry.getValue().inputs().get(i);
        String description = measured.description().strip();
        if (description.endsWith(".")) {
          description = description.substring(0, description.length() - 1);
        }
        out.append(String.format(Locale.ROOT, "**%dx** (%s): %s. Harness: `%s`%n%n",
            entry.getKey(), megabytes(measured.bytes()), description,
            entry.getValue().command()));
        out.append(scaleTable(measured)).append('\n');
      }
      out.append(growthTable(i)).append('\n');
      plot.panel(first.inputs().size() > 1 ? input : benchmark, series(i));
    }
    out.append("![").append(benchmark).append(": median wall time by data scale](")
        .append(link).append(")\n");
    plot.footer(List.of(
        "Machine: " + first.machine(),
        versions,
        "Data at 1x: " + first.inputs().stream()
            .map(in -> in.description() + " (" + megabytes(in.bytes()) + ")")
            .reduce((a, b) -> a + "; " + b).orElse(""),
        "Command: " + command));
    plot.write(png);
    return out.toString();
  }

  /** One scale's contestants: runs, median, min, max and the ratios to the peers' medians. */
  static String scaleTable(ResultsFile.Input input) {
    Double spark = median(input, SPARK_SQL);
    Double duck = median(input, DUCKDB);
    StringBuilder out = new StringBuilder(
        "| contestant | runs | median s | min s | max s | vs Spark SQL | vs DuckDB |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (ResultsFile.Contestant c : input.contestants()) {
      if (!c.measured()) {
        out.append("| ").append(c.label()).append(" | ").append(c.seconds().size())
            .append(" | not measured: ")
            .append((c.problem() == null ? "did not run" : c.problem()).replace("|", "\\|"))
            .append(" | | | | |\n");
        continue;
      }
      double min = c.seconds().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = c.seconds().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %s |%n",
          c.label(), c.seconds().size(), c.median(), min, max, ratio(c.median(), spark),
          ratio(c.median(), duck)));
    }
    return out.toString();
  }

  /** Each contestant's median at every scale, and how many times the smallest scale's it is. */
  private String growthTable(int inputIndex) {
    List<Long> scales = new ArrayList<>(runsByScale.keySet());
    StringBuilder out = new StringBuilder("| contestant |");
    scales.forEach(s -> out.append(' ').append(s).append("x s |"));
    scales.subList(1, scales.size()).forEach(s -> out.append(' ').append(s).append("x / ")
        .append(scales.get(0)).append("x |"));
    out.append("\n|---|").append("---:|".repeat(scales.size() * 2 - 1)).append('\n');
    for (Map.Entry<String, Map<Long, Double>> row : medians(inputIndex).entrySet()) {
      out.append("| ").append(row.getKey()).append(" |");
      for (long scale : scales) {
        Double median = row.getValue().get(scale);
        out.append(median == null ? " not measured |"
            : String.format(Locale.ROOT, " %.1f |", median));
      }
      Double base = row.getValue().get(scales.get(0));
      for (long scale : scales.subList(1, scales.size())) {
        Double median = row.getValue().get(scale);
        out.append(base == null || median == null ? " |"
            : String.format(Locale.ROOT, " %.1fx |", median / base));
      }
      out.append('\n');
    }
    return "Growth with the data (median seconds; the last columns divide by the smallest scale's):"
        + "\n\n" + out;
  }

  private List<LinePlot.Series> series(int inputIndex) {
    List<LinePlot.Series> series = new ArrayList<>();
    medians(inputIndex).forEach((label, byScale) -> series.add(new LinePlot.Series(label, byScale)));
    return series;
  }

  /** Contestant label to its median by scale, measured runs only, in the contestants' order. */
  private Map<String, Map<Long, Double>> medians(int inputIndex) {
    Map<String, Map<Long, Double>> medians = new LinkedHashMap<>();
    for (Map.Entry<Long, ResultsFile.Run> entry : runsByScale.entrySet()) {
      for (ResultsFile.Contestant c : entry.getValue().inputs().get(inputIndex).contestants()) {
        Map<Long, Double> byScale = medians.computeIfAbsent(c.label(), k -> new TreeMap<>());
        if (c.measured()) {
          byScale.put(entry.getKey(), c.median());
        }
      }
    }
    return medians;
  }

  private static Double median(ResultsFile.Input input, String key) {
    return input.contestants().stream().filter(c -> c.key().equals(key) && c.measured())
        .findFirst().map(ResultsFile.Contestant::median).orElse(null);
  }

  static String ratio(double median, Double peer) {
    return peer == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", median / peer);
  }

  static String megabytes(long bytes) {
    return bytes < 1_000_000 ? String.format(Locale.ROOT, "%,d bytes", bytes)
        : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }
}
