package dev.beamglue.benchmarks.all;

import dev.beamglue.benchmarks.crawl.CrawlBenchmark;
import dev.beamglue.benchmarks.githubevents.GithubEventsBenchmark;
import dev.beamglue.benchmarks.harness.BenchmarksDoc;
import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Flags;
import dev.beamglue.benchmarks.harness.ResultsFile;
import dev.beamglue.benchmarks.personalize.PersonalizeBenchmark;
import dev.beamglue.benchmarks.playground.PlaygroundBenchmark;
import dev.beamglue.benchmarks.relationalize.RelationalizeBenchmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every side-by-side benchmark at every data scale, and docs/BENCHMARKS.md rewritten from what they
 * measured: {@code benchmarks/run-all.sh}. Each benchmark's harness runs once per scale (its sizes at
 * 1x times the scale) with {@code --resultsFile}, and {@link ScaledReport} turns the results into
 * the benchmark's section and a plot in {@code docs/benchmarks/NAME.png}.
 *
 * <p>{@code benchmarks/run-all.sh --scales=1,10,100 --runs=3}
 *
 * <p>Flags: {@code --scales} (1,10,100), {@code --runs} (3 per contestant and scale), {@code
 * --only=github-events,relationalize,crawl,playground,personalize} (all), the sizes at 1x: {@code --events}
 * (50,000, for github-events and relationalize), {@code --smallFiles} (1,000) and {@code
 * --bigMegabytes} (10) for crawl, {@code --playgroundScale} (10) for playground, whose generated
 * income stays at {@code --incomeScale} (20) at every scale, {@code --personalizeInteractions}
 * (100,000, so 100x is the 10 million order lines of the Personalize export benchmark); and {@code --workDir} ({@code
 * bench-data/}), {@code --doc} ({@code docs/BENCHMARKS.md}), {@code --timeoutMinutes} (30 a run).
 * Without {@code --only} the document is written anew; with it, only those benchmarks' sections
 * are replaced.
 */
public final class AllBenchmarks {

  /** A harness's main method. */
  interface Main {
    void run(String[] args) throws Exception;
  }

  /**
   * A benchmark: its name, its harness, the harness's size flags at a scale, the flags of this
   * command that set those sizes (for the command that reproduces it), its introduction.
   */
  record Benchmark(String name, Main main, LongFunction<List<String>> sizes, List<String> ownFlags,
      Supplier<String> intro) {}

  private static final String[] FLAGS = {"scales", "runs", "only", "events", "smallFiles",
      "bigMegabytes", "playgroundScale", "incomeScale", "personalizeInteractions", "workDir", "repoRoot", "doc",
      "timeoutMinutes"};

  private AllBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, FLAGS);
    List<Long> scales = scales(flags.get("scales", "1,10,100"));
    long runs = flags.getLong("runs", 3);
    List<Benchmark> all = benchmarks(flags);
    List<Benchmark> chosen = chosen(all, flags.get("only", null));
    Path root = ChildJvm.repoRoot(flags.get("repoRoot", null));
    Path workDir = Path.of(flags.get("workDir", root.resolve("bench-data").toString()))
        .toAbsolutePath();
    Path doc = Path.of(flags.get("doc", root.resolve("docs/BENCHMARKS.md").toString()));
    String versions = PlaygroundBenchmark.versions(root);

    Map<String, String> sections = new LinkedHashMap<>();
    for (Benchmark benchmark : chosen) {
      Map<Long, ResultsFile.Run> byScale = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (long scale : scales) {
        Path results = workDir.resolve("results").resolve(benchmark.name() + "-" + scale + "x.json");
        Files.deleteIfExists(results);
        List<String> harnessArgs = new ArrayList<>(benchmark.sizes().apply(scale));
        harnessArgs.addAll(List.of("--runs=" + runs, "--workDir=" + workDir, "--repoRoot=" + root,
            "--doc=none", "--resultsFile=" + results,
            "--timeoutMinutes=" + flags.getLong("timeoutMinutes", 30)));
        System.out.println("== " + benchmark.name() + " at " + scale + "x: "
            + String.join(" ", harnessArgs));
        try {
          benchmark.main().run(harnessArgs.toArray(String[]::new));
          byScale.put(scale, ResultsFile.read(results));
        } catch (Exception e) {
          failures.add(scale + "x: the harness failed: " + e);
          System.out.println("== " + benchmark.name() + " at " + scale + "x failed: " + e);
        }
      }
      String command = "benchmarks/run-all.sh --only=" + benchmark.name() + " --scales="
          + scales.stream().map(String::valueOf).collect(Collectors.joining(",")) + " --runs="
          + runs + " " + String.join(" ", benchmark.ownFlags());
      StringBuilder section = new StringBuilder();
      if (!byScale.isEmpty()) {
        Path png = doc.toAbsolutePath().getParent().resolve("benchmarks")
            .resolve(benchmark.name() + ".png");
        section.append(new ScaledReport(benchmark.name(), byScale, versions, command)
            .write(png, "benchmarks/" + benchmark.name() + ".png"));
      }
      failures.forEach(f -> section.append("\nNot measured at ").append(f).append('\n'));
      sections.put(benchmark.name(), section.toString());
    }
    write(doc, chosen, sections, chosen.size() == all.size(), scales, runs);
    System.out.println("Wrote " + doc + " and its plots");
  }

  private static void write(Path doc, List<Benchmark> chosen, Map<String, String> sections,
      boolean whole, List<Long> scales, long runs) throws Exception {
    String header = "# Benchmarks\n\n"
        + "Written by `benchmarks/run-all.sh` (scales "
        + scales.stream().map(s -> s + "x").collect(Collectors.joining(", ")) + ", " + runs
        + (runs == 1 ? " run" : " runs") + " each) on " + LocalDate.now() + ": every table and plot below comes from the"
        + " measurements of that run; no figure is typed by hand. Every contestant runs as a fresh"
        + " process (wall time from start to exit, JVM start included), round robin with its peers;"
        + " a median is over its runs at one scale, and the ratios divide it by Spark SQL's and"
        + " DuckDB's medians measured in the same run at the same scale. The command under each"
        + " section reproduces it.";
    String document = whole ? header + "\n" : Files.exists(doc)
        ? Files.readString(doc, StandardCharsets.UTF_8) : header + "\n";
    for (Benchmark benchmark : chosen) {
      document = BenchmarksDoc.withSection(document, "all-" + benchmark.name(),
          sections.get(benchmark.name()), benchmark.intro().get());
    }
    Files.createDirectories(doc.toAbsolutePath().getParent());
    Files.writeString(doc, document, StandardCharsets.UTF_8);
  }

  static List<Benchmark> benchmarks(Flags flags) {
    long events = flags.getLong("events", 50_000);
    long smallFiles = flags.getLong("smallFiles", 1_000);
    long bigMegabytes = flags.getLong("bigMegabytes", 10);
    long playground = flags.getLong("playgroundScale", 10);
    String income = flags.get("incomeScale", "20");
    long interactions = flags.getLong("personalizeInteractions", 100_000);
    return List.of(
        new Benchmark("github-events", GithubEventsBenchmark::main,
            s -> List.of("--events=" + events * s), List.of("--events=" + events),
            GithubEventsBenchmark::intro),
        new Benchmark("relationalize", RelationalizeBenchmark::main,
            s -> List.of("--events=" + events * s), List.of("--events=" + events),
            RelationalizeBenchmark::intro),
        new Benchmark("crawl", CrawlBenchmark::main,
            s -> List.of("--smallFiles=" + smallFiles * s, "--bigMegabytes=" + bigMegabytes * s),
            List.of("--smallFiles=" + smallFiles, "--bigMegabytes=" + bigMegabytes),
            CrawlBenchmark::intro),
        new Benchmark("playground", PlaygroundBenchmark::main,
            s -> List.of("--scale=" + playground * s, "--incomeScale=" + income),
            List.of("--playgroundScale=" + playground, "--incomeScale=" + income),
            PlaygroundBenchmark::intro),
        new Benchmark("personalize", PersonalizeBenchmark::main,
            s -> List.of("--interactions=" + interactions * s),
            List.of("--personalizeInteractions=" + interactions), PersonalizeBenchmark::intro));
  }

  static List<Long> scales(String text) {
    List<Long> scales = new ArrayList<>();
    for (String part : text.split(",")) {
      long scale;
      try {
        scale = Long.parseLong(part.strip());
      } catch (NumberFormatException e) {
        scale = 0;
      }
      if (scale < 1 || scales.contains(scale)) {
        throw new IllegalArgumentException("--scales=" + text
            + " must list distinct whole numbers of at least 1, such as 1,10,100");
      }
      scales.add(scale);
    }
    scales.sort(null);
    return scales;
  }

  static List<Benchmark> chosen(List<Benchmark> all, String only) {
    if (only == null) {
      return all;
    }
    List<String> names = all.stream().map(Benchmark::name).toList();
    List<Benchmark> chosen = new ArrayList<>();
    for (String name : Arrays.stream(only.split(",")).map(String::strip).toList()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("--only=" + name + " names no benchmark: use "
            + String.join(", ", names));
      }
      chosen.add(all.get(names.indexOf(name)));
    }
    return chosen;
  }
}
