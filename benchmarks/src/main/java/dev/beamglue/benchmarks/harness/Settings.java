package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flags every side-by-side benchmark takes, and where its results go: {@code --runs} (3), {@code
 * --workDir} ({@code bench-data/} at the repository root), {@code --repoRoot} (found from the working
 * folder), {@code --skip=KEY,...}, {@code --doc} ({@code docs/BENCHMARKS.md}; {@code --doc=none} writes
 * nothing), {@code --timeoutMinutes} (30 per run) and {@code --resultsFile} (the results as JSON,
 * for {@code benchmarks/run-all.sh}; none by default), plus the benchmark's own flags.
 *
 * <p>{@code Settings s = Settings.parse(args, "events", "seed"); long events = s.flags.getLong("events", 500_000);}
 */
public final class Settings {
  /** The first lines of docs/BENCHMARKS.md when a harness creates it. */
  public static final String DOC_HEADER = "# Benchmarks\n\n"
      + "Side-by-side measurements of beamglue and peers doing the same job on the same machine. The\n"
      + "sections between `<!-- name:begin -->` and `<!-- name:end -->` markers are written by the\n"
      + "harnesses in `benchmarks/`; each states the machine, the data and the command that made it.";

  private static final List<String> COMMON = List.of("runs", "workDir", "repoRoot", "skip", "doc", "timeoutMinutes",
      "resultsFile");

  public final Flags flags;
  public final int runs;
  public final long timeoutMinutes;
  public final Path root;
  public final Path workDir;
  /** The contestants not to run, in the order given. */
  public final Set<String> skip;

  private Settings(Flags flags) {
    this.flags = flags;
    this.runs = (int) flags.getLong("runs", 3);
    this.timeoutMinutes = flags.getLong("timeoutMinutes", 30);
    this.root = ChildJvm.repoRoot(flags.get("repoRoot", null));
    this.workDir = Path.of(flags.get("workDir", root.resolve("bench-data").toString())).toAbsolutePath();
    this.skip = Arrays.stream(flags.get("skip", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Parses the common flags and the benchmark's {@code own} ones; an unknown flag is an error. */
  public static Settings parse(String[] args, String... own) {
    String[] known = Stream.concat(Arrays.stream(own), COMMON.stream()).toArray(String[]::new);
    return new Settings(Flags.parse(args, known));
  }

  /** The command that reproduces this run: {@code script}, the {@code shown} flags, --runs and --skip. */
  public String command(String script, String shown) {
    return script + (shown.isEmpty() ? "" : " " + shown) + " --runs=" + runs
        + (skip.isEmpty() ? "" : " --skip=" + String.join(",", skip));
  }

  /**
   * The section a harness writes: the date and machine, the data, the command, the table and what
   * the figures mean.
   */
  public static String section(String machine, String data, String command, String table, String footnote) {
    return String.format(Locale.ROOT, "Measured %s on %s.%n%n%s%n%nCommand: `%s`%n%n%s%n%s",
        LocalDate.now(), machine, data, command, table, footnote);
  }

  /**
   * Writes {@code section} between the markers {@code name} of the document {@code --doc} names
   * (docs/BENCHMARKS.md by default), after {@code intro} when the markers are new; nothing for
   * {@code --doc=none}.
   */
  public void writeDoc(String name, String section, String intro) throws IOException {
    String docFlag = flags.get("doc", root.resolve("docs/BENCHMARKS.md").toString());
    if (!docFlag.equals("none")) {
      Path doc = Path.of(docFlag);
      BenchmarksDoc.replaceSection(doc, name, section, DOC_HEADER, intro);
      System.out.println("Wrote the table into " + doc);
    }
  }

  /** Writes the run's results as JSON to the file {@code --resultsFile} names, if it names one. */
  public void writeResults(ResultsFile.Run run) throws IOException {
    String file = flags.get("resultsFile", null);
    if (file != null) {
      ResultsFile.write(Path.of(file), run);
      System.out.println("Wrote the results into " + file);
    }
  }
}
