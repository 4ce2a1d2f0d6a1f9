package dev.beamglue.benchmarks.relationalize;

import dev.beamglue.benchmarks.githubevents.GithubEventsInput;
import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Contestant;
import dev.beamglue.benchmarks.harness.Machine;
import dev.beamglue.benchmarks.harness.PipelineList;
import dev.beamglue.benchmarks.harness.Result;
import dev.beamglue.benchmarks.harness.ResultsFile;
import dev.beamglue.benchmarks.harness.ResultsTable;
import dev.beamglue.benchmarks.harness.RowCount;
import dev.beamglue.benchmarks.harness.Settings;
import dev.beamglue.benchmarks.harness.SideBySide;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Relationalizes the generated GitHub events to Parquet tables side by side: beamglue's relationalize
 * pipeline on Flink and on Spark, the same flattening of the commits in Spark SQL ({@code
 * posexplode}) and in DuckDB ({@code unnest}), each in its own process; reports the median wall
 * times, their ratio to Spark SQL, and the rows of the root table and of the commits table each
 * wrote, read back with DuckDB.
 *
 * <p>{@code benchmarks/run-relationalize.sh --events=500000 --runs=3 --skip=duckdb}
 *
 * <p>Flags: those of {@link dev.beamglue.benchmarks.githubevents.GithubEventsBenchmark} (the same
 * input file in the same work folder, shared with it), with the contestants {@code
 * flink,spark,sparksql,duckdb} for {@code --skip}. beamglue's contestants run {@code bin/beamglue run
 * relationalize --root=events}; when {@code bin/beamglue list} does not list relationalize they are
 * reported as not measured. Every contestant writes {@code OUT/output/events/} (the root table) and
 * {@code OUT/output/events_payload.commits/} (one row per commit).
 */
public final class RelationalizeBenchmark {
  public static final String SECTION = "relationalize";
  static final String PIPELINE = "relationalize";

  private RelationalizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args, GithubEventsInput.FLAGS);
    GithubEventsInput data = GithubEventsInput.from(settings.flags);
    ChildJvm jvm = ChildJvm.forRepository(settings.root);
    List<Contestant> all = contestants(settings.root.resolve("bin/beamglue"), jvm);
    SideBySide.checkSkip(settings.skip, all);

    Path input = data.file(settings.workDir);
    long commits = data.commits(input);
    List<RowCount> counts = counts(data.validEvents(), commits);
    Map<String, Result> results =
        new SideBySide(settings.workDir, settings.runs, settings.timeoutMinutes, counts, jvm.shorten())
            .run(all, settings.skip, input);

    String table = ResultsTable.markdown(results.values(), settings.runs, counts);
    System.out.println();
    System.out.println(table);
    String machine = Machine.describe(jvm.java);
    String described =
        data.describe(input) + String.format(Locale.ROOT, " The valid events hold %,d commits.", commits);
    String command = settings.command("benchmarks/run-relationalize.sh", data.shownFlags());
    settings.writeResults(new ResultsFile.Run(SECTION, machine, described, command,
        List.of(ResultsFile.Input.of("events", described, ResultsFile.bytes(input), results.values()))));
    settings.writeDoc(SECTION,
        Settings.section(machine, described, command, table, FOOTNOTE),
        intro());
  }

  static final String FOOTNOTE =
      "Wall time of a fresh process from start to exit, JVM start included. Rows are counted by reading"
          + " each contestant's `events` and `events_payload.commits` tables back with DuckDB; a count other"
          + " than the valid events (root rows) or the commits in them (commit rows) is shown with the"
          + " expected one.";

  /** beamglue on Flink and on Spark, Spark SQL and DuckDB, in the table's order. */
  static List<Contestant> contestants(Path beamglue, ChildJvm jvm) {
    PipelineList listed = new PipelineList(beamglue);
    return List.of(
        beamglue("flink", "beamglue on Flink [local], parallelism 2", beamglue, listed,
            List.of("--runner=FlinkRunner", "--parallelism=2")),
        beamglue("spark", "beamglue on Spark local[2]", beamglue, listed,
            List.of("--runner=SparkRunner", "--sparkMaster=local[2]")),
        Contestant.javaMain("sparksql", "Spark SQL local[2]", jvm, SparkSqlRelationalize.class,
            (input, outDir) -> List.of(
                "--input=" + input, "--output=" + Contestant.output(outDir), "--master=local[2]")),
        Contestant.javaMain("duckdb", "DuckDB (JDBC, 2 threads)", jvm, DuckDbRelationalize.class,
            (input, outDir) -> List.of(
                "--input=" + input, "--output=" + Contestant.output(outDir), "--threads=2")));
  }

  /** The rows of the root table (the valid events) and of the commits table (their commits). */
  static List<RowCount> counts(long validEvents, long commits) {
    return List.of(
        RowCount.parquet("root rows", "root rows", validEvents, DuckDbRelationalize.ROOT),
        RowCount.parquet("commit rows", "commits", commits, DuckDbRelationalize.COMMITS));
  }

  private static Contestant beamglue(
      String key, String label, Path beamglueCommand, PipelineList listed, List<String> runnerFlags) {
    return Contestant.beamglue(key, label, beamglueCommand, PIPELINE, runnerFlags, List.of("--root=events"))
        .withCheck(listed.check(PIPELINE, key));
  }

  public static String intro() {
    return "## relationalize: nested events to flat tables\n"
        + "\n"
        + "Relationalize the same generated events file as github-events (one line in 997\n"
        + "malformed) into Parquet tables, one folder per table: the root table `events` (the events with\n"
        + "their nested structs flattened into columns and `payload.commits` replaced by a join key) and the child\n"
        + "table `events_payload.commits` (one row per commit: the join key `id`, the commit's position `index`\n"
        + "from 0, and the commit's fields flattened, `payload_commits_val_sha`, ...). Contestants:\n"
        + "\n"
        + "- `bin/beamglue run relationalize --root=events` on Flink `[local]` (parallelism 2) and on Spark\n"
        + "  `local[2]`, with `--input`, `--output` and `--errors`. beamglue does more than the peers: it writes\n"
        + "  every column of every table (all of `actor`, `repo`, `org` and the payloads of every event type,\n"
        + "  flattened), infers the schema, and sends malformed lines to an error output.\n"
        + "- the same flattening written directly in Spark SQL (`SparkSqlRelationalize`, `local[2]`):\n"
        + "  `spark.read.json` with `DROPMALFORMED`, the needed columns persisted once, the root table written,\n"
        + "  then `posexplode(payload.commits)` for the commits table;\n"
        + "- DuckDB over JDBC (`DuckDbRelationalize`, 2 threads): `read_json_auto` with `ignore_errors` into a\n"
        + "  temporary table, then `COPY` of the root table and of `unnest(payload.commits)` beside\n"
        + "  `generate_subscripts` for the commits table.\n"
        + "\n"
        + "The peers write only the root columns of beamglue's github-events mapping, `id`, `type`,\n"
        + "`actor_login`, `repo_name`, `org_login`, `public`, `created_at`, plus the key `payload_commits`; and\n"
        + "the commits columns `id`, `index`, `payload_commits_val_sha`, `payload_commits_val_author_email`,\n"
        + "`payload_commits_val_author_name`, `payload_commits_val_message`, `payload_commits_val_distinct` and\n"
        + "`payload_commits_val_url`. Their join key is the event id cast to BIGINT, the same in both (null in the\n"
        + "root table for an event without commits); beamglue computes its own deterministic key.\n"
        + "\n"
        + "Rows are counted the same way for everyone by reading each contestant's two tables back with DuckDB:\n"
        + "the root rows should be the valid events, the commit rows the commits in them (counted by the\n"
        + "generator, `GithubEventsGenerator.commits`). Reproduce with `benchmarks/run-relationalize.sh` (the\n"
        + "flags of `run-github-events.sh`; see the Javadoc of `RelationalizeBenchmark`).";
  }
}
