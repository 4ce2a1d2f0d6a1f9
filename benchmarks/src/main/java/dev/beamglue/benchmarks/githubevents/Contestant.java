package dev.beamglue.benchmarks.githubevents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of running the github-events job, started as a separate process so that every contestant
 * is timed the same way, JVM start included.
 *
 * <p>{@code Contestant.sparkSql(java, jvmFlags, classpath).command(input, outDir)}
 */
final class Contestant {
  /** Builds the command line for one run, given the input file and an empty output folder. */
  interface CommandLine {
    List<String> build(Path input, Path outDir);
  }

  final String key;
  final String label;
  private final CommandLine commandLine;
  private final String unavailable;

  private Contestant(String key, String label, CommandLine commandLine, String unavailable) {
    this.key = key;
    this.label = label;
    this.commandLine = commandLine;
    this.unavailable = unavailable;
  }

  /** beamglue's github-events pipeline on a Beam runner, through the {@code bin/beamglue} command. */
  static Contestant beamglue(String key, String label, Path beamglueCommand, List<String> runnerFlags) {
    String unavailable = null;
    Path shown = beamglueCommand.getNameCount() >= 2
        ? beamglueCommand.subpath(beamglueCommand.getNameCount() - 2, beamglueCommand.getNameCount())
        : beamglueCommand;
    if (!Files.isRegularFile(beamglueCommand)) {
      unavailable = "the command " + shown + " does not exist in this checkout yet: add it, or --skip=" + key;
    } else if (!Files.isExecutable(beamglueCommand)) {
      unavailable = "the command " + shown + " is not executable: chmod +x it, or --skip=" + key;
    }
    return new Contestant(
        key,
        label,
        (input, outDir) -> {
          List<String> command = new ArrayList<>();
          command.add(beamglueCommand.toString());
          command.add("run");
          command.add("github-events");
          command.addAll(runnerFlags);
          command.add("--input=" + input);
          command.add("--output=" + outDir.resolve("output"));
          command.add("--errors=" + outDir.resolve("errors"));
          return command;
        },
        unavailable);
  }

  /** {@link SparkSqlGithubEvents} in a child JVM on {@code local[2]}. */
  static Contestant sparkSql(Path java, List<String> jvmFlags, String classpath) {
    return javaMain(
        "sparksql", "Spark SQL local[2]", java, jvmFlags, classpath, SparkSqlGithubEvents.class,
        (input, outDir) -> List.of(
            "--input=" + input, "--output=" + outDir.resolve("output"), "--master=local[2]"));
  }

  /** {@link DuckDbGithubEvents} in a child JVM with two threads. */
  static Contestant duckDb(Path java, List<String> jvmFlags, String classpath) {
    return javaMain(
        "duckdb", "DuckDB (JDBC, 2 threads)", java, jvmFlags, classpath, DuckDbGithubEvents.class,
        (input, outDir) -> List.of(
            "--input=" + input, "--output=" + outDir.resolve("output.parquet"), "--threads=2"));
  }

  private static Contestant javaMain(
      String key, String label, Path java, List<String> jvmFlags, String classpath, Class<?> main,
      CommandLine arguments) {
    return new Contestant(
        key,
        label,
        (input, outDir) -> {
          List<String> command = new ArrayList<>();
          command.add(java.toString());
          command.addAll(jvmFlags);
          command.add("-cp");
          command.add(classpath);
          command.add(main.getName());
          command.addAll(arguments.build(input, outDir));
          return command;
        },
        null);
  }

  List<String> command(Path input, Path outDir) {
    return commandLine.build(input, outDir);
  }

  /** Why this contestant cannot run here, or null when it can. */
  String unavailable() {
    return unavailable;
  }

  /** The output of a run: {@code outDir/output} itself, the files under it, or files named after it. */
  static Path output(Path outDir) {
    return outDir.resolve("output");
  }
}
