package dev.beamglue.benchmarks.githubevents;

import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Contestant;
import dev.beamglue.benchmarks.harness.Machine;
import dev.beamglue.benchmarks.harness.Result;
import dev.beamglue.benchmarks.harness.ResultsFile;
import dev.beamglue.benchmarks.harness.ResultsTable;
import dev.beamglue.benchmarks.harness.RowCount;
import dev.beamglue.benchmarks.harness.Settings;
import dev.beamglue.benchmarks.harness.SideBySide;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the github-events job (NDJSON events to a nine-column snappy Parquet) side by side: beamglue on
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
 * only. Each child's output is in {@code workDir/logs/}. The harness is {@link SideBySide}.
 */
public final class GithubEventsBenchmark {
  public static final String SECTION = "github-events";

  private GithubEventsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args, GithubEventsInput.FLAGS);
    GithubEventsInput data = GithubEventsInput.from(settings.flags);
    ChildJvm jvm = ChildJvm.forRepository(settings.root);
    List<Contestant> all = contestants(settings.root.resolve("bin/beamglue"), jvm);
    SideBySide.checkSkip(settings.skip, all);

    Path input = data.file(settings.workDir);
    List<RowCount> counts = counts(data.validEvents());
    Map<String, Result> results =
        new SideBySide(settings.workDir, settings.runs, settings.timeoutMinutes, counts, jvm.shorten())
            .run(all, settings.skip, input);

    String table = ResultsTable.markdown(results.values(), settings.runs, counts);
    System.out.println();
    System.out.println(table);
    String machine = Machine.describe(jvm.java);
    String command = settings.command("benchmarks/run-github-events.sh", data.shownFlags());
    settings.writeResults(new ResultsFile.Run(SECTION, machine, data.describe(input), command,
        List.of(ResultsFile.Input.of("events", data.describe(input), ResultsFile.bytes(input),
            results.values()))));
    settings.writeDoc(SECTION,
        Settings.section(machine, data.describe(input), command, table,
            "Wall time of a fresh process from start to exit, JVM start included. Rows are counted by"
                + " reading each output back with DuckDB; a count other than the valid events is shown with"
                + " the expected one."),
        intro());
  }

  /** beamglue on Flink and on Spark, Spark SQL and DuckDB, in the table's order. */
  static List<Contestant> contestants(Path beamglue, ChildJvm jvm) {
    return List.of(
        beamglue("flink", "beamglue on Flink [local], parallelism 2", beamglue,
            List.of("--runner=FlinkRunner", "--parallelism=2")),
        beamglue("spark", "beamglue on Spark local[2]", beamglue,
            List.of("--runner=SparkRunner", "--sparkMaster=local[2]")),
        sparkSql(jvm),
        duckDb(jvm));
  }

  /** The one count: the rows of the Parquet written, which should be the valid events. */
  static List<RowCount> counts(long validEvents) {
    return List.of(RowCount.parquet("rows written", "rows", validEvents, ""));
  }

  /** beamglue's github-events pipeline on a Beam runner, through the {@code bin/beamglue} command. */
  static Contestant beamglue(String key, String label, Path beamglueCommand, List<String> runnerFlags) {
    return Contestant.beamglue(key, label, beamglueCommand, "github-events", runnerFlags, List.of());
  }

  /** {@link SparkSqlGithubEvents} in a child JVM on {@code local[2]}. */
  static Contestant sparkSql(ChildJvm jvm) {
    return Contestant.javaMain("sparksql", "Spark SQL local[2]", jvm, SparkSqlGithubEvents.class,
        (input, outDir) -> List.of(
            "--input=" + input, "--output=" + Contestant.output(outDir), "--master=local[2]"));
  }

  /** {@link DuckDbGithubEvents} in a child JVM with two threads. */
  static Contestant duckDb(ChildJvm jvm) {
    return Contestant.javaMain("duckdb", "DuckDB (JDBC, 2 threads)", jvm, DuckDbGithubEvents.class,
        (input, outDir) -> List.of(
            "--input=" + input, "--output=" + outDir.resolve("output.parquet"), "--threads=2"));
  }

  public static String intro() {
    return "## github-events: JSON events to Parquet\n"
        + "\n"
        + "Read GitHub-Archive-shaped events (newline-delimited JSON with a nested `actor`, `repo`, `org`,\n"
        + "`payload`; `payload.size` and `actor.id` are ints in most records and strings in some; one line\n"
        + "in 997 is not JSON) and write snappy Parquet with the nine columns of beamglue's default mapping:\n"
        + "`id` (as a long), `type`, `actor.id` (as a long), `actor.login`, `repo.name`, `org.login`,\n"
        + "`payload.size`, `public` and `created_at` (as a timestamp). Contestants:\n"
        + "\n"
        + "- `bin/beamglue run github-events` on Flink `[local]` (parallelism 2, the `flink-local` profile:\n"
        + "  DataStream API for batch, object reuse) and on Spark `local[2]`. beamglue does more than the\n"
        + "  peers: it infers the schema from a sample, keeps `payload.size` as a choice and resolves it into\n"
        + "  a struct (`commit_count.int`, `commit_count.string`), finds the columns that are null in every\n"
        + "  record (DropNullFields, a second pass over the data through a side input) and writes every\n"
        + "  malformed line to an error output with its file and line.\n"
        + "- the job written directly in Spark SQL (`SparkSqlGithubEvents`, `local[2]`, malformed lines\n"
        + "  dropped, `payload.size` read as a string);\n"
        + "- DuckDB over JDBC (`DuckDbGithubEvents`, 2 threads, `read_json_auto` with `ignore_errors`).\n"
        + "\n"
        + "Rows are counted by reading each output back with DuckDB, so a fast wrong answer shows. Reproduce\n"
        + "with `benchmarks/run-github-events.sh` (flags: `--events`, `--runs`, `--skip`; see the Javadoc of\n"
        + "`GithubEventsBenchmark`).";
  }
}
