package dev.beamglue.benchmarks.findmatches;

import dev.beamglue.benchmarks.harness.BenchmarksDoc;
import dev.beamglue.benchmarks.harness.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * FindMatches at scale: deduplicates {@link FebrlPersons} records with {@code beamglue
 * find-matches run} (no model: Fellegi-Sunter weights fitted by EM in the pipeline) on Flink
 * [local], and reports the wall time, the candidate pairs, pairs per second, the time of each
 * stage and pairwise precision, recall and F1 against the generator's truth.
 *
 * <p>{@code benchmarks/run-findmatches-scale.sh --records=100000,1000000}
 *
 * <p>Flags: {@code --records=N[,N...]} (default 100000), {@code --accuracy-cost-tradeoff=T}
 * (default 0, the cheapest blocking), {@code --runner-flags=...} (space
 * separated; default {@code --profile=flink-local --parallelism=2}), {@code --work=DIR} (default
 * {@code bench-data/findmatches-scale}: the generated CSV, kept for the next run, and the output),
 * {@code --doc=docs/BENCHMARKS.md} (the default; {@code none} writes no section), {@code
 * --repoRoot} (set by the script).
 */
public final class FindMatchesScale {

  private static final Pattern PAIRS = Pattern.compile("([\\d,]+) candidate pairs,");
  private static final Pattern STAGES = Pattern.compile("stage time [^:]*: (.*)");

  private FindMatchesScale() {}

  /** Scores {@code id -> match_id} against the entities the ids name. */
  static FindMatchesQuality.Scores score(Map<String, String> matchIds) {
    Map<String, Long> entities = new HashMap<>();
    Map<String, Long> clusters = new HashMap<>();
    Map<String, Long> both = new HashMap<>();
    for (Map.Entry<String, String> e : matchIds.entrySet()) {
      String entity = FebrlPersons.entity(e.getKey());
      entities.merge(entity, 1L, Long::sum);
      clusters.merge(e.getValue(), 1L, Long::sum);
      both.merge(e.getValue() + '\u0001' + entity, 1L, Long::sum);
    }
    return new FindMatchesQuality.Scores(pairs(clusters), pairs(entities), pairs(both));
  }

  private static long pairs(Map<String, Long> sizes) {
    long total = 0;
    for (long n : sizes.values()) {
      total += n * (n - 1) / 2;
    }
    return total;
  }

  /** {@code rec_id -> match_id} from the CSV files of an output folder. */
  static Map<String, String> readMatchIds(Path folder) throws IOException {
    Map<String, String> ids = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
              .filter(p -> p.toString().endsWith(".csv"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String header = in.readLine();
        if (header == null) {
          continue;
        }
        List<String> names = List.of(header.split(",", -1));
        int id = names.indexOf("rec_id");
        int match = names.indexOf("match_id");
        if (id < 0 || match < 0) {
          throw new IOException(file + " has no rec_id and match_id columns: " + header);
        }
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] values = line.split(",", -1);
          ids.put(unquote(values[id]), unquote(values[match]));
        }
      }
    }
    return ids;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
  }

  /** One size: generate (or reuse), run, score; returns the table row. */
  static String measure(Path repo, Path work, long records, String tradeoff, List<String> runnerFlags)
      throws Exception {
    Files.createDirectories(work);
    Path input = work.resolve("persons-" + records + ".csv");
    if (!Files.exists(input)) {
      long start = System.nanoTime();
      Path partial = work.resolve(".persons-" + records + ".csv.partial");
      try (Writer w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        FebrlPersons.standard().write(records, w);
      }
      Files.move(partial, input);
      System.err.printf(Locale.ROOT, "generated %,d records in %.1f s: %s%n", records, (System.nanoTime() - start) / 1e9, input);
    }
    Path output = work.resolve("matched-" + records);
    deleteTree(output);
    List<String> command = new ArrayList<>();
    command.add(repo.resolve("bin/beamglue").toString());
    command.addAll(
        List.of("find-matches", "run", "--input=" + input, "--primary-key=rec_id", "--output=" + output,
            "--accuracy-cost-tradeoff=" + tradeoff));
    command.addAll(runnerFlags);
    System.err.println("running: " + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        System.err.println("  | " + line);
        lines.add(line);
      }
    }
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("beamglue find-matches run failed (exit " + exit + ") on " + records + " records");
    }
    long pairs = 0;
    String stages = "";
    for (String line : lines) {
      Matcher m = PAIRS.matcher(line);
      if (m.find()) {
        pairs = Long.parseLong(m.group(1).replace(",", ""));
      }
      Matcher s = STAGES.matcher(line);
      if (s.find()) {
        stages = s.group(1);
      }
    }
    Map<String, String> matchIds = readMatchIds(output);
    if (matchIds.size() != records) {
      throw new IllegalStateException("The output has " + matchIds.size() + " records, not " + records);
    }
    FindMatchesQuality.Scores scores = score(matchIds);
    String row =
        String.format(
            Locale.ROOT,
            "| %,d | %,d | %.1f s | %,d | %,.0f | %s | %.4f | %.4f | %.4f |",
            records,
            scores.truth(),
            seconds,
            pairs,
            pairs / seconds,
            stages,
            scores.precision(),
            scores.recall(),
            scores.f1());
    System.out.println(row);
    return row;
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        System.err.println(
            "Unknown argument '" + arg + "': use --records=N[,N], --accuracy-cost-tradeoff=T, --runner-flags=..., --work=DIR, --doc=FILE|none.");
        System.exit(2);
      }
      flags.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Path repo = Path.of(flags.getOrDefault("repoRoot", ".")).toAbsolutePath();
    Path work = repo.resolve(flags.getOrDefault("work", "bench-data/findmatches-scale"));
    String runner = flags.getOrDefault("runner-flags", "--profile=flink-local --parallelism=2");
    List<String> runnerFlags = List.of(runner.trim().split("\\s+"));
    String tradeoff = flags.getOrDefault("accuracy-cost-tradeoff", "0");
    String header =
        "| records | true pairs | wall time | candidate pairs | pairs/s | stage time (summed over workers) | precision | recall | F1 |\n"
            + "|---:|---:|---:|---:|---:|---|---:|---:|---:|";
    System.out.println(header);
    List<String> rows = new ArrayList<>();
    for (String n : flags.getOrDefault("records", "100000").split(",")) {
      rows.add(measure(repo, work, Long.parseLong(n.trim().replace("_", "")), tradeoff, runnerFlags));
    }
    String doc = flags.getOrDefault("doc", "docs/BENCHMARKS.md");
    if (!doc.equals("none")) {
      String section =
          "Command: `benchmarks/run-findmatches-scale.sh "
              + BenchmarksDoc.shownArguments(args)
              + "`, on "
              + Machine.describe(Path.of(System.getProperty("java.home"), "bin", "java"))
              + "; Beam "
              + ReleaseInfo.getReleaseInfo().getVersion()
              + ", runner flags `"
              + runner
              + "`. The records are FebrlPersons' (originals and duplicates with Febrl's typos, drawn "
              + "from the values of the Febrl data sets); `beamglue find-matches run` deduplicates them "
              + "without a model (EM in the pipeline) at accuracyCostTradeoff "
              + tradeoff
              + " (0: the cheapest blocking). Wall time is the whole "
              + "command (JVM start, reading, writing); pairs/s is candidate pairs per second of it; "
              + "stage time is the time spent in each stage's own work summed over the workers (the "
              + "shuffles, coding and writing are in no stage). Precision, recall and F1 are pairwise "
              + "against the generator's truth.\n\n"
              + header
              + "\n"
              + String.join("\n", rows)
              + "\n";
      BenchmarksDoc.replaceSection(
          repo.resolve(doc),
          "findmatches-scale",
          section,
          "# Benchmarks",
          INTRO);
    }
  }

  static final String INTRO = "## findmatches-scale: deduplicating generated person records on"
      + " Flink\n\n`FindMatchesScale` (`benchmarks/run-findmatches-scale.sh`) generates N person"
      + " records with `FebrlPersons` and deduplicates them with `beamglue find-matches run` on"
      + " Flink [local] with parallelism 2, without a model (Fellegi-Sunter weights by EM in the"
      + " pipeline). `FebrlPersons` draws names, streets, localities, suburbs, postcodes and states"
      + " from the values of the original records of the Febrl data sets"
      + " (`../shared/data/findmatches/febrl/`, Febrl's synthetic Australian persons); 40% of"
      + " originals get 1 to 3 duplicates (`rec-N-dup-K`) with 1 to 3 of Febrl's modifications"
      + " each (typos, missing values, swapped names, swapped day and month, changed digits,"
      + " replaced values), so the truth is in the ids. The run prints its counters"
      + " (`StageMetrics`): records, block keys, comparisons, distinct candidate pairs, match edges,"
      + " and each stage's time.\n";
}
