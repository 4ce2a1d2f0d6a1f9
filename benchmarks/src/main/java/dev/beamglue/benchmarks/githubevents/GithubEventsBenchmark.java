package dev.beamglue.benchmarks.githubevents;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the github-events job (NDJSON events to a six-column snappy Parquet) side by side: beamglue on
 * Flink and on Spark, the same job in Spark SQL, and in DuckDB, each in its own process, and reports
 * the median wall times, their ratio to Spark SQL and the rows each wrote.
 *
 * <p>{@code benchmarks/run-github-events.sh --events=500000 --runs=3 --skip=duckdb}
 *
 * <p>Flags: {@code --events} (500,000), {@code --seed} (42), {@code --malformedEvery} (997), {@code
 * --runs} (3), {@code --workDir} ({@code bench-data/} at the repository root; the input is generated
 * there once and reused), {@code --repoRoot} (found from the working folder), {@code
 * --skip=flink,spark,sparksql,duckdb}, {@code --doc} ({@code docs/BENCHMARKS.md}; {@code --doc=none}
 * writes nothing), {@code --timeoutMinutes} (30 per run). Runs go round robin (run 1 of every
 * contestant, then run 2, ...) so that a slow spell of a shared machine does not hit one contestant
 * only. Each child's output is in {@code workDir/logs/}.
 */
public final class GithubEventsBenchmark {
  static final String SECTION = "github-events";
  private static final String FLAG_KEY = "beamglue.jvm.flags";

  private GithubEventsBenchmark() {}

  /** What one contestant did over all its runs. */
  static final class Result {
    final Contestant contestant;
    final List<Double> seconds = new ArrayList<>();
    final List<Long> rows = new ArrayList<>();
    String problem;

    Result(Contestant contestant) {
      this.contestant = contestant;
      this.problem = contestant.unavailable();
    }

    double median() {
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, "events", "seed", "malformedEvery", "runs", "workDir", "repoRoot",
        "skip", "doc", "timeoutMinutes");
    long events = flags.getLong("events", 500_000);
    long seed = flags.getLong("seed", 42);
    int malformedEvery = (int) flags.getLong("malformedEvery", GithubEventsGenerator.DEFAULT_MALFORMED_EVERY);
    int runs = (int) flags.getLong("runs", 3);
    long timeoutMinutes = flags.getLong("timeoutMinutes", 30);
    if (runs < 1 || events < 1) {
      throw new IllegalArgumentException("--runs and --events must be at least 1, not " + runs + " and " + events);
    }
    Path root = repoRoot(flags.get("repoRoot", null));
    Path workDir = Path.of(flags.get("workDir", root.resolve("bench-data").toString())).toAbsolutePath();
    Set<String> skip = Arrays.stream(flags.get("skip", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());

    List<String> jvmFlags = jvmFlags(root.resolve("runners-config/jvm.properties"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // The children run in the work folder: make every entry of this JVM's classpath absolute.
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
    Path beamglue = root.resolve("bin/beamglue");
    List<Contestant> all = List.of(
        Contestant.beamglue("flink", "beamglue on Flink [local], parallelism 2", beamglue,
            List.of("--runner=FlinkRunner", "--parallelism=2")),
        Contestant.beamglue("spark", "beamglue on Spark local[2]", beamglue,
            List.of("--runner=SparkRunner", "--sparkMaster=local[2]")),
        Contestant.sparkSql(java, jvmFlags, classpath),
        Contestant.duckDb(java, jvmFlags, classpath));
    for (String name : skip) {
      if (all.stream().noneMatch(c -> c.key.equals(name))) {
        throw new IllegalArgumentException("--skip=" + name + " names no contestant: use flink, spark, sparksql or duckdb");
      }
    }

    Path input = input(workDir, events, seed, malformedEvery);
    long expected = events - GithubEventsGenerator.malformedLines(events, malformedEvery);
    Map<String, Result> results = new LinkedHashMap<>();
    for (Contestant contestant : all) {
      if (skip.contains(contestant.key)) {
        continue;
      }
      Result result = new Result(contestant);
      results.put(contestant.key, result);
      if (result.problem != null) {
        System.out.println("Not running " + contestant.label + ": " + result.problem);
      }
    }
    for (int run = 1; run <= runs; run++) {
      for (Result result : results.values()) {
        if (result.problem == null) {
          runOnce(result, run, runs, input, workDir, timeoutMinutes, shorten(jvmFlags, classpath));
        }
      }
    }

    String table = table(results, runs, expected);
    System.out.println();
    System.out.println(table);
    String docFlag = flags.get("doc", root.resolve("docs/BENCHMARKS.md").toString());
    if (!docFlag.equals("none")) {
      Path doc = Path.of(docFlag);
      String command = "benchmarks/run-github-events.sh --events=" + events + " --runs=" + runs
          + (skip.isEmpty() ? "" : " --skip=" + String.join(",", skip));
      BenchmarksDoc.replaceSection(doc, SECTION,
          section(table, input, events, expected, seed, malformedEvery, command, java),
          header(), intro());
      System.out.println("Wrote the table into " + doc);
    }
  }

  /** Prints a child's command line without the long JVM flag list and classpath. */
  private static UnaryOperator<String> shorten(List<String> jvmFlags, String classpath) {
    String flags = String.join(" ", jvmFlags);
    return line -> line.replace(flags, "<flags of runners-config/jvm.properties>")
        .replace(classpath, "<benchmarks runtime classpath>");
  }

  private static void runOnce(Result result, int run, int runs, Path input, Path workDir, long timeoutMinutes,
      UnaryOperator<String> shorten) throws IOException, InterruptedException {
    Contestant contestant = result.contestant;
    Path outDir = workDir.resolve("out").resolve(contestant.key);
    deleteRecursively(outDir);
    Files.createDirectories(outDir);
    Path log = workDir.resolve("logs").resolve(contestant.key + "-run" + run + ".log");
    Files.createDirectories(log.getParent());
    List<String> command = contestant.command(input, outDir);
    System.out.printf("[%s] run %d of %d: %s%n", contestant.key, run, runs, shorten.apply(String.join(" ", command)));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    long start = System.nanoTime();
    Process process = builder.start();
    boolean finished = process.waitFor(timeoutMinutes, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      result.problem = "run " + run + " did not finish in " + timeoutMinutes + " minutes; see " + log;
    } else if (process.exitValue() != 0) {
      result.problem = "run " + run + " exited with " + process.exitValue() + "; see " + log;
      System.out.println(tail(log, 15));
    }
    if (result.problem != null) {
      System.out.println("[" + contestant.key + "] failed: " + result.problem);
      return;
    }
    long rows;
    try {
      rows = ParquetRows.count(ParquetRows.files(Contestant.output(outDir)));
    } catch (Exception e) {
      result.problem = "run " + run + " wrote no Parquet that DuckDB can read back from "
          + Contestant.output(outDir) + "*: " + e.getMessage();
      System.out.println("[" + contestant.key + "] failed: " + result.problem);
      return;
    }
    result.seconds.add(seconds);
    result.rows.add(rows);
    System.out.printf(Locale.ROOT, "[%s] run %d: %.1f s, %,d rows%n", contestant.key, run, seconds, rows);
  }

  static String table(Map<String, Result> results, int runs, long expected) {
    Result reference = results.get("sparksql");
    Double referenceMedian =
        reference != null && !reference.seconds.isEmpty() && reference.problem == null ? reference.median() : null;
    StringBuilder out = new StringBuilder();
    out.append("| contestant | runs | median s | min s | max s | vs Spark SQL | rows written |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results.values()) {
      if (r.seconds.isEmpty() || r.problem != null) {
        String why = r.problem == null ? "did not run" : r.problem;
        out.append("| ").append(r.contestant.label).append(" | ").append(r.seconds.size()).append(" of ")
            .append(runs).append(" | not measured: ").append(why.replace("|", "\\|")).append(" | | | | |\n");
        continue;
      }
      double min = r.seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = r.seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      String ratio = referenceMedian == null ? "n/a" : String.format(Locale.ROOT, "%.2fx", r.median() / referenceMedian);
      out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %s |%n",
          r.contestant.label, r.seconds.size(), r.median(), min, max, ratio, rows(r.rows, expected)));
    }
    return out.toString();
  }

  /** The rows written, flagged when runs disagree or the count is not the number of valid events. */
  static String rows(List<Long> rows, long expected) {
    Set<Long> distinct = Set.copyOf(rows);
    String written = distinct.stream().sorted().map(n -> String.format(Locale.ROOT, "%,d", n))
        .collect(Collectors.joining(" / "));
    if (distinct.size() == 1 && distinct.contains(expected)) {
      return written;
    }
    return written + String.format(Locale.ROOT, " (expected %,d)", expected);
  }

  private static String section(String table, Path input, long events, long expected, long seed,
      int malformedEvery, String command, Path java) throws IOException {
    return String.format(Locale.ROOT,
        "Measured %s on %s.%n%n"
            + "Data: %,d events (%,d valid, %,d malformed), seed %d, %,d bytes (%.0f MB), generated by"
            + " `GithubEventsGenerator --events=%d --seed=%d --malformedEvery=%d`.%n%n"
            + "Command: `%s`%n%n%s%n"
            + "Wall time of a fresh process from start to exit, JVM start included. Rows are counted by"
            + " reading each output back with DuckDB; a count other than the valid events is shown with"
            + " the expected one.",
        LocalDate.now(), machine(java), events, expected, events - expected, seed, Files.size(input),
        Files.size(input) / 1e6, events, seed, malformedEvery, command, table);
  }

  private static String header() {
    return "# Benchmarks\n\n"
        + "Side-by-side measurements of beamglue and peers doing the same job on the same machine. The\n"
        + "sections between `<!-- name:begin -->` and `<!-- name:end -->` markers are written by the\n"
        + "harnesses in `benchmarks/`; each states the machine, the data and the command that made it.";
  }

  private static String intro() {
    return "## github-events: JSON events to Parquet\n\n"
        + "Read GitHub-Archive-shaped events (newline-delimited JSON with a nested `actor`, `repo`,\n"
        + "`payload`; `payload.size` and `actor.id` are ints in most records and strings in some; one line\n"
        + "in 997 is not JSON), keep `id` (as a long), `type`, `actor.login`, `repo.name`, `payload.size`\n"
        + "(as a string) and `created_at` (as a timestamp), and write snappy Parquet. Contestants:\n"
        + "`bin/beamglue run github-events` on Flink `[local]` (parallelism 2) and on Spark `local[2]`;\n"
        + "the job written directly in Spark SQL (`SparkSqlGithubEvents`, `local[2]`, malformed lines\n"
        + "dropped); and DuckDB over JDBC (`DuckDbGithubEvents`, 2 threads, `read_json_auto` with\n"
        + "`ignore_errors`). Reproduce with `benchmarks/run-github-events.sh`; its flags are listed in the\n"
        + "Javadoc of `GithubEventsBenchmark`.";
  }

  static String machine(Path java) {
    String cpus = String.valueOf(Runtime.getRuntime().availableProcessors());
    String memory = "unknown memory";
    String model = "";
    try {
      cpus = run(List.of("nproc")).strip();
    } catch (IOException e) {
      // keep the JVM's count
    }
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      memory = lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
          .map(l -> String.format(Locale.ROOT, "%.1f GiB memory",
              Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
          .orElse(memory);
    } catch (IOException | UncheckedIOException e) {
      // not Linux
    }
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      model = lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
    } catch (IOException | UncheckedIOException e) {
      // not Linux
    }
    String version = "Java " + System.getProperty("java.version");
    try {
      version = run(List.of(java.toString(), "-version")).lines().findFirst().orElse(version).strip();
    } catch (IOException e) {
      // keep the property
    }
    return cpus + " cores" + model + ", " + memory + ", " + version;
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The generated input for these settings, made once into the work folder and reused. */
  static Path input(Path workDir, long events, long seed, int malformedEvery) throws IOException {
    Path input = workDir.resolve(
        "github-events-" + events + "-seed" + seed + "-malformed" + malformedEvery + ".ndjson");
    if (Files.isRegularFile(input)) {
      System.out.printf("Reusing %s (%,d bytes)%n", input, Files.size(input));
      return input;
    }
    Files.createDirectories(workDir);
    Path partial = workDir.resolve(input.getFileName() + ".partial");
    long start = System.nanoTime();
    GithubEventsGenerator.write(partial, events, seed, malformedEvery, false);
    Files.move(partial, input, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf(Locale.ROOT, "Generated %s (%,d bytes) in %.1f s%n",
        input, Files.size(input), (System.nanoTime() - start) / 1e9);
    return input;
  }

  /** The repository root: {@code --repoRoot}, or the first folder up from here with runners-config/jvm.properties. */
  static Path repoRoot(String given) {
    if (given != null) {
      Path root = Path.of(given).toAbsolutePath().normalize();
      if (!Files.isRegularFile(root.resolve("runners-config/jvm.properties"))) {
        throw new IllegalArgumentException("--repoRoot=" + given
            + " is not the beamglue repository: it has no runners-config/jvm.properties");
      }
      return root;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("runners-config/jvm.properties"))) {
        return dir;
      }
    }
    throw new IllegalArgumentException("Cannot find the beamglue repository from "
        + Path.of("").toAbsolutePath() + ": run from inside it or give --repoRoot=PATH");
  }

  /** The one list of JVM flags, read from runners-config/jvm.properties. */
  static List<String> jvmFlags(Path properties) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(properties)) {
      props.load(in);
    }
    String flags = props.getProperty(FLAG_KEY);
    if (flags == null || flags.isBlank()) {
      throw new IllegalStateException(properties + " has no " + FLAG_KEY + ": it must list the JVM flags");
    }
    return Arrays.asList(flags.strip().split("\\s+"));
  }

  private static String tail(Path log, int lines) throws IOException {
    List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
