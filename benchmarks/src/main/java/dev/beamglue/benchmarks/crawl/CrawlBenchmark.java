package dev.beamglue.benchmarks.crawl;

import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Contestant;
import dev.beamglue.benchmarks.harness.Machine;
import dev.beamglue.benchmarks.harness.Result;
import dev.beamglue.benchmarks.harness.ResultsFile;
import dev.beamglue.benchmarks.harness.Settings;
import dev.beamglue.benchmarks.harness.SideBySide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Crawls two inputs side by side: many small files (10,000 by default, JSON under Hive partitions
 * and CSV under unnamed partitions) and one big CSV (1 GB by default). Contestants: {@code beamglue
 * crawl} into a fresh embedded catalog, and, as peers that infer the same schemas without a
 * crawler, DuckDB's sniffers and Spark's schema inference; each run is a fresh process. Reports the
 * median wall times, their ratio to Spark, and files and megabytes per second.
 *
 * <p>{@code benchmarks/run-crawl.sh --smallFiles=10000 --bigMegabytes=1024 --runs=3}
 *
 * <p>Flags: {@code --smallFiles}, {@code --bigMegabytes}, {@code --seed} (see {@link CrawlData}),
 * the common ones of {@link Settings}, and {@code --skip=beamglue,duckdb,sparksql}.
 */
public final class CrawlBenchmark {
  public static final String SECTION = "crawl";

  private CrawlBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args, CrawlData.FLAGS);
    CrawlData data = CrawlData.from(settings.flags);
    ChildJvm jvm = ChildJvm.forRepository(settings.root);
    List<Contestant> all = contestants(settings.root.resolve("bin/beamglue"), jvm);
    SideBySide.checkSkip(settings.skip, all);

    StringBuilder tables = new StringBuilder();
    List<String> described = new ArrayList<>();
    List<ResultsFile.Input> inputs = new ArrayList<>();
    for (Path input : List.of(data.smallTree(settings.workDir), data.bigCsv(settings.workDir))) {
      long[] filesAndBytes = filesAndBytes(input);
      Map<String, Result> results =
          new SideBySide(settings.workDir, settings.runs, settings.timeoutMinutes, List.of(), jvm.shorten())
              .run(all, settings.skip, input);
      String what = String.format(Locale.ROOT, "%,d files, %,.1f MB", filesAndBytes[0], filesAndBytes[1] / 1e6);
      described.add("`" + input.getFileName() + "` (" + what + ")");
      inputs.add(ResultsFile.Input.of(input.getFileName().toString(), what, filesAndBytes[1],
          results.values()));
      tables.append("**").append(input.getFileName()).append("** (").append(what).append(")\n\n")
          .append(table(results.values(), settings.runs, filesAndBytes)).append('\n');
    }
    System.out.println();
    System.out.println(tables);
    String machine = Machine.describe(jvm.java);
    String inputsText = "Inputs: " + String.join(" and ", described) + ".";
    String command = settings.command("benchmarks/run-crawl.sh", data.shownFlags());
    settings.writeResults(new ResultsFile.Run(SECTION, machine, inputsText, command, inputs));
    settings.writeDoc(SECTION,
        Settings.section(machine, inputsText, command, tables.toString(), FOOTNOTE),
        intro());
  }

  static final String FOOTNOTE =
      "Wall time of a fresh process from start to exit, JVM start included. Files and MB per second are the"
          + " input's files and bytes divided by the median. beamglue's crawler reads a bounded sample of each"
          + " file (the schema of a CSV comes from its first records, the row count is estimated from the"
          + " sampled record size), as Glue's crawler and DuckDB's sniffer do; Spark's `inferSchema` reads"
          + " every byte of a CSV.";

  /** beamglue crawl, DuckDB and Spark, in the table's order. */
  static List<Contestant> contestants(Path beamglue, ChildJvm jvm) {
    return List.of(
        Contestant.of("beamglue", "beamglue crawl", (input, outDir) -> List.of(
            beamglue.toString(), "crawl", "--path=" + input, "--database=bench",
            "--catalog=" + outDir.resolve("catalog"))),
        Contestant.javaMain("duckdb", "DuckDB sniffers (JDBC, 2 threads)", jvm, DuckDbSchemaInference.class,
            (input, outDir) -> List.of("--input=" + input, "--output=" + Contestant.output(outDir), "--threads=2")),
        Contestant.javaMain("sparksql", "Spark schema inference local[2]", jvm, SparkSchemaInference.class,
            (input, outDir) -> List.of("--input=" + input, "--output=" + Contestant.output(outDir),
                "--master=local[2]")));
  }

  static String table(Iterable<Result> results, int runs, long[] filesAndBytes) {
    Double spark = null;
    for (Result r : results) {
      if (r.contestant.key.equals("sparksql") && r.measured()) {
        spark = r.median();
      }
    }
    StringBuilder out = new StringBuilder(
        "| contestant | runs | median s | min s | max s | vs Spark | files/s | MB/s |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      if (!r.measured()) {
        out.append("| ").append(r.contestant.label).append(" | ").append(r.seconds().size()).append(" of ")
            .append(runs).append(" | not measured: ")
            .append((r.problem() == null ? "did not run" : r.problem()).replace("|", "\\|"))
            .append(" | | | | | |\n");
        continue;
      }
      double median = r.median();
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %,.0f | %,.1f |%n",
          r.contestant.label, r.seconds().size(), median, r.min(), r.max(),
          spark == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", median / spark),
          filesAndBytes[0] / median, filesAndBytes[1] / 1e6 / median));
    }
    return out.toString();
  }

  /** The data files under {@code input} (hidden ones such as {@code _COMPLETE} left out) and their bytes. */
  static long[] filesAndBytes(Path input) throws IOException {
    long[] totals = new long[2];
    try (Stream<Path> walk = Files.walk(input)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name = file.getFileName().toString();
        if (!name.startsWith("_") && !name.startsWith(".")) {
          totals[0]++;
          totals[1] += Files.size(file);
        }
      }
    }
    return totals;
  }

  public static String intro() {
    return "## crawl: many small files and one big CSV\n\n"
        + "Crawl a tree of small JSON and CSV files under Hive and unnamed partitions, and one big CSV, into\n"
        + "the embedded catalog; DuckDB's sniffers and Spark's schema inference infer the same tables' schemas\n"
        + "as peers. Reproduce with `benchmarks/run-crawl.sh`; its flags are listed in the Javadoc of\n"
        + "`CrawlBenchmark`.";
  }
}
