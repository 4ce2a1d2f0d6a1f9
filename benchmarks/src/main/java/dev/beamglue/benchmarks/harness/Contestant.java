package dev.beamglue.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One way of running a benchmark's job, started as a separate process so that every contestant is
 * timed the same way, JVM start included.
 *
 * <p>{@code Contestant.javaMain("duckdb", "DuckDB (JDBC, 2 threads)", jvm, DuckDbJob.class, args).command(input, outDir)}
 */
public final class Contestant {
  /** Builds the command line for one run, given the input file and an empty output folder. */
  public interface CommandLine {
    List<String> build(Path input, Path outDir);
  }

  public final String key;
  public final String label;
  private final CommandLine commandLine;
  private final List<Supplier<String>> checks;
  private String unavailable;
  private boolean checked;

  private Contestant(String key, String label, CommandLine commandLine, List<Supplier<String>> checks) {
    this.key = key;
    this.label = label;
    this.commandLine = commandLine;
    this.checks = List.copyOf(checks);
  }

  /** A contestant that can always run. */
  public static Contestant of(String key, String label, CommandLine commandLine) {
    return new Contestant(key, label, commandLine, List.of());
  }

  /**
   * A beamglue pipeline on a Beam runner through the {@code bin/beamglue} command: {@code bin/beamglue
   * run PIPELINE RUNNER-FLAGS PIPELINE-FLAGS --input=F --output=OUT/output --errors=OUT/errors}.
   * It cannot run when the command is missing or not executable.
   */
  public static Contestant beamglue(String key, String label, Path beamglueCommand, String pipeline,
      List<String> runnerFlags, List<String> pipelineFlags) {
    Path shown = beamglueCommand.getNameCount() >= 2
        ? beamglueCommand.subpath(beamglueCommand.getNameCount() - 2, beamglueCommand.getNameCount())
        : beamglueCommand;
    Supplier<String> exists = () -> {
      if (!Files.isRegularFile(beamglueCommand)) {
        return "the command " + shown + " does not exist in this checkout yet: add it, or --skip=" + key;
      } else if (!Files.isExecutable(beamglueCommand)) {
        return "the command " + shown + " is not executable: chmod +x it, or --skip=" + key;
      }
      return null;
    };
    return new Contestant(
        key,
        label,
        (input, outDir) -> {
          List<String> command = new ArrayList<>();
          command.add(beamglueCommand.toString());
          command.add("run");
          command.add(pipeline);
          command.addAll(runnerFlags);
          command.addAll(pipelineFlags);
          command.add("--input=" + input);
          command.add("--output=" + output(outDir));
          command.add("--errors=" + outDir.resolve("errors"));
          return command;
        },
        List.of(exists));
  }

  /** A class's {@code main} in a child JVM: {@code java FLAGS -cp CLASSPATH MAIN ARGUMENTS}. */
  public static Contestant javaMain(
      String key, String label, ChildJvm jvm, Class<?> main, CommandLine arguments) {
    return of(key, label, (input, outDir) -> jvm.command(main, arguments.build(input, outDir)));
  }

  /**
   * This contestant with one more check, made only when the earlier ones pass and only when the
   * benchmark is about to run it (so a skipped contestant costs nothing). The check returns why the
   * contestant cannot run here, or null.
   */
  public Contestant withCheck(Supplier<String> check) {
    List<Supplier<String>> all = new ArrayList<>(checks);
    all.add(check);
    return new Contestant(key, label, commandLine, all);
  }

  public List<String> command(Path input, Path outDir) {
    return commandLine.build(input, outDir);
  }

  /** Why this contestant cannot run here, or null when it can; the checks run once. */
  public synchronized String unavailable() {
    if (!checked) {
      for (Supplier<String> check : checks) {
        unavailable = check.get();
        if (unavailable != null) {
          break;
        }
      }
      checked = true;
    }
    return unavailable;
  }

  /** The output of a run: {@code outDir/output} itself, the files under it, or files named after it. */
  public static Path output(Path outDir) {
    return outDir.resolve("output");
  }
}
