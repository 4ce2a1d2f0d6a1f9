package dev.beamglue.benchmarks.all;

import dev.beamglue.benchmarks.crawl.CrawlBenchmark;
import dev.beamglue.benchmarks.findmatches.FindMatchesQuality;
import dev.beamglue.benchmarks.findmatches.FindMatchesScale;
import dev.beamglue.benchmarks.githubevents.GithubEventsBenchmark;
import dev.beamglue.benchmarks.harness.BenchmarksDoc;
import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Flags;
import dev.beamglue.benchmarks.harness.ResultsFile;
import dev.beamglue.benchmarks.personalize.PersonalizeBenchmark;
import dev.beamglue.benchmarks.playground.PlaygroundBenchmark;
import dev.beamglue.benchmarks.realtime.RealtimeBenchmark;
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
 * Every benchmark, and docs/BENCHMARKS.md rewritten from what they measured: {@code
 * benchmarks/run-all.sh}. Each side-by-side harness runs once per scale (its sizes at 1x times the
 * scale) with {@code --resultsFile}, and {@link ScaledReport} turns the results into the
 * benchmark's section and a plot in {@code docs/benchmarks/NAME.png}. Then the benchmarks that
 * have one size write their own sections: FindMatches' quality on the labeled data sets, its
 * deduplication of generated persons on Flink, and realtime-events' events per second and latency.
 *
 * <p>{@code benchmarks/run-all.sh --scales=1,10,100 --runs=3}
 *
 * <p>Flags: {@code --scales} (1,10,100), {@code --runs} (3 per contestant and scale), {@code
 * --only=github-events,...,realtime} (all), the sizes at 1x: {@code --events} (5,000, for
 * github-events and relationalize), {@code --smallFiles} (100) and {@code --bigMegabytes} (1) for
 * crawl, {@code --playgroundScale} (1) for playground, whose generated income stays at {@code
 * --incomeScale} (20) at every scale, {@code --personalizeInteractions} (10,000); the one-size
 * benchmarks' {@code --findmatchesDatasets} (febrl4,abt-buy,historical-50k), {@code
 * --findmatchesRecords} (1,000,000), {@code --realtimeRates} (1000,2000,4000 events/s) and {@code
 * --realtimeSeconds} (60 a rate); and {@code --workDir} ({@code bench-data/}), {@code --doc}
 * ({@code docs/BENCHMARKS.md}), {@code --timeoutMinutes} (30 a run). The defaults took 72 minutes on 2
 * cores (shared with other work); larger sizes are the same command with larger flags. Without {@code --only} the
 * document is written anew; with it, only those benchmarks' sections are replaced.
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

  /**
   * A benchmark of one size: its name, its harness, and the harness's arguments (besides {@code
   * --doc} and {@code --repoRoot}); the harness writes its own section into the document.
   */
  record OneSize(String name, Main main, List<String> args) {}

  private static final String[] FLAGS = {"scales", "runs", "only", "events", "smallFiles",
      "bigMegabytes", "playgroundScale", "incomeScale", "personalizeInteractions",
      "findmatchesDatasets", "findmatchesRecords", "realtimeRates", "realtimeSeconds", "workDir",
      "repoRoot", "doc", "timeoutMinutes"};

  private AllBenchmarks() {}

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, FLAGS);
    List<Long> scales = scales(flags.get("scales", "1,10,100"));
    long runs = flags.getLong("runs", 3);
    Path root = ChildJvm.repoRoot(flags.get("repoRoot", null));
    Path workDir = Path.of(flags.get("workDir", root.resolve("bench-data").toString()))
        .toAbsolutePath();
    Path doc = Path.of(flags.get("doc", root.resolve("docs/BENCHMARKS.md").toString()))
        .toAbsolutePath();
    List<Benchmark> all = benchmarks(flags);
    List<OneSize> allOneSize = oneSize(flags, workDir);
    List<String> names = chosen(names(all, allOneSize), flags.get("only", null));
    List<Benchmark> chosen = all.stream().filter(b -> names.contains(b.name())).toList();
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
    boolean whole = names.size() == all.size() + allOneSize.size();
    write(doc, chosen, sections, whole, scales, runs);
    for (OneSize benchmark : allOneSize) {
      if (names.contains(benchmark.name())) {
        runOneSize(benchmark, doc, root);
      }
    }
    System.out.println("Wrote " + doc + " and its plots");
    System.exit(0); // the realtime benchmark's embedded Flink and broker leave threads behind
  }

  /** Runs a one-size benchmark, which writes its section; a failure is written in its place. */
  private static void runOneSize(OneSize benchmark, Path doc, Path root) throws Exception {
    List<String> args = new ArrayList<>(benchmark.args());
    args.addAll(List.of("--doc=" + doc, "--repoRoot=" + root));
    System.out.println("== " + benchmark.name() + ": " + String.join(" ", args));
    try {
      benchmark.main().run(args.toArray(String[]::new));
    } catch (Exception e) {
      System.out.println("== " + benchmark.name() + " failed: " + e);
      BenchmarksDoc.replaceSection(doc, benchmark.name(), "Not measured: the harness failed: "
          + e + "\n", "# Benchmarks", "## " + benchmark.name());
    }
  }

  private static void write(Path doc, List<Benchmark> chosen, Map<String, String> sections,
      boolean whole, List<Long> scales, long runs) throws Exception {
    String header = "# Benchmarks\n\n"
        + "Written by `benchmarks/run-all.sh` (scales "
        + scales.stream().map(s -> s + "x").collect(Collectors.joining(", ")) + ", " + runs
        + (runs == 1 ? " run" : " runs") + " each) on " + LocalDate.now() + ": every table and plot below comes from the"
        + " measurements of that run; no figure is typed by hand. In the side-by-side sections"
        + " every contestant runs as a fresh process (wall time from start to exit, JVM start"
        + " included), round robin with its peers; a median is over its runs at one scale, and the"
        + " ratios divide it by Spark SQL's and DuckDB's medians measured in the same run at the"
        + " same scale. FindMatches and realtime-events have one size each and say what they"
        + " measure. The command under each section reproduces it; earlier measurements at other"
        + " sizes are in `docs/benchmarks/HISTORY.md`.";
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
    long events = flags.getLong("events", 5_000);
    long smallFiles = flags.getLong("smallFiles", 100);
    long bigMegabytes = flags.getLong("bigMegabytes", 1);
    long playground = flags.getLong("playgroundScale", 1);
    String income = flags.get("incomeScale", "20");
    long interactions = flags.getLong("personalizeInteractions", 10_000);
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

  static List<OneSize> oneSize(Flags flags, Path workDir) {
    return List.of(
        new OneSize("findmatches", FindMatchesQuality::main, List.of("--datasets="
            + flags.get("findmatchesDatasets", "febrl4,abt-buy,historical-50k"))),
        new OneSize("findmatches-scale", FindMatchesScale::main, List.of("--records="
            + flags.getLong("findmatchesRecords", 1_000_000), "--work="
            + workDir.resolve("findmatches-scale"))),
        new OneSize("realtime", RealtimeBenchmark::run, List.of("--rate="
            + flags.get("realtimeRates", "1000,2000,4000"), "--seconds="
            + flags.getLong("realtimeSeconds", 60), "--warmupSeconds=15",
            "--workDir=" + workDir)));
  }

  static List<String> names(List<Benchmark> scaled, List<OneSize> oneSize) {
    List<String> names = new ArrayList<>(scaled.stream().map(Benchmark::name).toList());
    oneSize.forEach(b -> names.add(b.name()));
    return names;
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

  static List<String> chosen(List<String> names, String only) {
    if (only == null) {
      return names;
    }
    List<String> chosen = new ArrayList<>();
    for (String name : Arrays.stream(only.split(",")).map(String::strip).toList()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("--only=" + name + " names no benchmark: use "
            + String.join(", ", names));
      }
      chosen.add(name);
    }
    return chosen;
  }
}
