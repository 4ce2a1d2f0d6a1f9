package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs contestants side by side on one input, each run a fresh process, round robin (run 1 of every
 * contestant, then run 2, ...) so that a slow spell of a shared machine does not hit one contestant
 * only. Each run writes into an emptied {@code workDir/out/KEY/}, its output goes to {@code
 * workDir/logs/KEY-runN.log}, and its {@link RowCount}s are taken from what it wrote. A run that fails,
 * times out or writes nothing readable stops its contestant; the others go on.
 *
 * <p>{@code Map<String, Result> results = new SideBySide(workDir, 5, 30, counts, jvm.shorten()).run(all, skip, input);}
 */
public final class SideBySide {
  private final Path workDir;
  private final int runs;
  private final long timeoutMinutes;
  private final List<RowCount> counts;
  private final UnaryOperator<String> shorten;

  public SideBySide(Path workDir, int runs, long timeoutMinutes, List<RowCount> counts,
      UnaryOperator<String> shorten) {
    if (runs < 1 || timeoutMinutes < 1) {
      throw new IllegalArgumentException(
          "--runs and --timeoutMinutes must be at least 1, not " + runs + " and " + timeoutMinutes);
    }
    this.workDir = workDir;
    this.runs = runs;
    this.timeoutMinutes = timeoutMinutes;
    this.counts = List.copyOf(counts);
    this.shorten = shorten;
  }

  /** Checks that every name in {@code skip} is the key of a contestant. */
  public static void checkSkip(Set<String> skip, List<Contestant> all) {
    List<String> keys = all.stream().map(c -> c.key).collect(Collectors.toList());
    for (String name : skip) {
      if (!keys.contains(name)) {
        String use = keys.size() == 1 ? keys.get(0)
            : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
        throw new IllegalArgumentException("--skip=" + name + " names no contestant: use " + use);
      }
    }
  }

  /** Runs every contestant not skipped {@code runs} times; the results in the contestants' order. */
  public Map<String, Result> run(List<Contestant> all, Set<String> skip, Path input)
      throws IOException, InterruptedException {
    checkSkip(skip, all);
    Map<String, Result> results = new LinkedHashMap<>();
    for (Contestant contestant : all) {
      if (skip.contains(contestant.key)) {
        continue;
      }
      Result result = new Result(contestant, counts.size());
      results.put(contestant.key, result);
      if (result.problem() != null) {
        System.out.println("Not running " + contestant.label + ": " + result.problem());
      }
    }
    for (int run = 1; run <= runs; run++) {
      for (Result result : results.values()) {
        if (result.problem() == null) {
          runOnce(result, run, input);
        }
      }
    }
    return results;
  }

  private void runOnce(Result result, int run, Path input) throws IOException, InterruptedException {
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
      result.fail("run " + run + " did not finish in " + timeoutMinutes + " minutes; see " + log);
    } else if (process.exitValue() != 0) {
      result.fail("run " + run + " exited with " + process.exitValue() + "; see " + log);
      System.out.println(tail(log, 15));
    }
    if (result.problem() != null) {
      System.out.println("[" + contestant.key + "] failed: " + result.problem());
      return;
    }
    long[] values = new long[counts.size()];
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = counts.get(i).count(outDir);
      } catch (IOException e) {
        result.fail("run " + run + " " + e.getMessage());
        System.out.println("[" + contestant.key + "] failed: " + result.problem());
        return;
      }
    }
    result.add(seconds, values);
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      shown.add(String.format(Locale.ROOT, "%,d %s", values[i], counts.get(i).noun));
    }
    System.out.printf(Locale.ROOT, "[%s] run %d: %.1f s, %s%n", contestant.key, run, seconds, String.join(", ", shown));
  }

  static String tail(Path log, int lines) throws IOException {
    List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  static void deleteRecursively(Path dir) throws IOException {
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
