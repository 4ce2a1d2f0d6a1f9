package dev.beamglue.benchmarks.playground;

import dev.beamglue.benchmarks.harness.ParquetRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The raw zone every contestant of the playground benchmark reads, made once per data set and run
 * date and reused (not timed): {@code bin/beamglue run playground-accessibility
 * --stages=import,crawl-raw} on the scaled files into {@code DATA/warehouse-DATE/}, whose embedded
 * catalog ({@code catalog/}) then holds the tables {@code raw.parks}, {@code raw.playgrounds} and
 * {@code raw.income_ny}.
 *
 * <p>{@code Path warehouse = new RawZone(beamglue, "2019-06-01").make(dataFolder, logs);}
 */
public final class RawZone {
  /**
   * The runner of the setup, which is not measured: Flink [local], parallelism 2.
   */
  static final List<String> RUNNER = List.of("--runner=FlinkRunner", "--parallelism=2");
  private static final long TIMEOUT_MINUTES = 60;

  private final Path beamglue;
  private final String runDate;

  public RawZone(Path beamglue, String runDate) {
    this.beamglue = beamglue;
    this.runDate = runDate;
  }

  /** The warehouse for the data in {@code data} (a {@link PlaygroundData} folder). */
  public Path warehouse(Path data) {
    return data.resolve("warehouse-" + runDate);
  }

  /** The command that imports and crawls the data into the warehouse. */
  List<String> command(Path data) {
    Path warehouse = warehouse(data);
    List<String> command = new ArrayList<>(List.of(beamglue.toString(), "run", "playground-accessibility"));
    command.addAll(RUNNER);
    command.addAll(List.of(
        "--stages=import,crawl-raw",
        "--warehouse=" + warehouse,
        "--catalog=" + warehouse.resolve("catalog"),
        "--runDate=" + runDate,
        "--parks=" + PlaygroundData.parks(data),
        "--playgrounds=" + PlaygroundData.playgrounds(data),
        "--incomeSource=" + PlaygroundData.income(data)));
    return command;
  }

  /**
   * The warehouse, imported and crawled first unless a finished setup left it; its log in {@code
   * logs}. Throws when the raw parks or playgrounds do not hold {@code parks} and {@code
   * playgrounds} rows.
   */
  public Path make(Path data, Path logs, long parks, long playgrounds) throws IOException, InterruptedException {
    Path warehouse = warehouse(data);
    Path done = warehouse.resolve("_COMPLETE");
    if (Files.exists(done)) {
      System.out.printf("Reusing the raw zone %s%n", warehouse);
      return warehouse;
    }
    PlaygroundData.deleteTree(warehouse);
    Files.createDirectories(logs);
    Path log = logs.resolve("playground-setup.log");
    List<String> command = command(data);
    System.out.println("Setup (not timed): " + String.join(" ", command));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new IOException("The setup did not finish in " + TIMEOUT_MINUTES + " minutes; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IOException("The setup exited with " + process.exitValue() + "; see " + log);
    }
    check("parks", Path.of(PlaygroundSql.rawParks(warehouse.toString(), runDate)), parks, log);
    check("playgrounds", Path.of(PlaygroundSql.rawPlaygrounds(warehouse.toString(), runDate)), playgrounds, log);
    Files.createFile(done);
    System.out.printf(Locale.ROOT, "Imported and crawled the raw zone in %.1f s (log: %s)%n",
        (System.nanoTime() - start) / 1e9, log);
    return warehouse;
  }

  private static void check(String table, Path folder, long expected, Path log) throws IOException {
    long rows = ParquetRows.countOutput(folder);
    if (rows != expected) {
      throw new IOException(String.format(Locale.ROOT,
          "The setup wrote %,d raw %s, not %,d; see %s", rows, table, expected, log));
    }
  }
}
