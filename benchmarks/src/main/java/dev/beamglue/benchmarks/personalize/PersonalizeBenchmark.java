package dev.beamglue.benchmarks.personalize;

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
import dev.beamglue.pipelines.personalize.ExportSources;
import dev.beamglue.pipelines.personalize.PersonalizeOptions;
import dev.beamglue.pipelines.personalize.retail.RetailSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * The Personalize export of generated order lines from PostgreSQL, side by side: beamglue's {@code
 * personalize-export} on Flink and on Spark (read over JDBC in parallel ranges, mapped, checked by
 * Personalize's rules against the users and items, written as Personalize's CSV) and PostgreSQL's
 * own {@code COPY ... TO} CSV of the same columns ({@link PostgresCopyExport}) as the floor.
 *
 * <p>{@code benchmarks/run-personalize.sh --interactions=10000000 --runs=3}
 *
 * <p>Flags: {@code --interactions} (10,000,000), {@code --seed} (42), the common ones of {@link
 * Settings}, and {@code --skip=flink,spark,copy}. The benchmark starts an embedded PostgreSQL and
 * loads the generated orders into it once, not timed ({@link ExportSources}, as the pipeline does
 * when given no database); every contestant then reads that database.
 */
public final class PersonalizeBenchmark {
  static final String SECTION = "personalize";
  static final String PIPELINE = "personalize-export";
  static final String HEAP = "-Xmx4g";

  private PersonalizeBenchmark() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args, "interactions", "seed");
    RetailSpec spec = RetailSpec.of(settings.flags.getLong("seed", 42),
        settings.flags.getLong("interactions", 10_000_000));
    ChildJvm parent = ChildJvm.forRepository(settings.root);
    List<String> jvmFlags = new ArrayList<>(parent.jvmFlags);
    jvmFlags.add(HEAP);
    ChildJvm jvm = new ChildJvm(parent.java, jvmFlags, parent.classpath);
    Path beamglue = settings.root.resolve("bin/beamglue");

    PersonalizeOptions sources = PipelineOptionsFactory.as(PersonalizeOptions.class);
    sources.setOutput(settings.workDir.resolve("personalize-sources").toString());
    sources.setSeed(spec.seed());
    sources.setInteractions(spec.interactions());
    long start = System.nanoTime();
    try (ExportSources database = ExportSources.prepare(sources, System.out)) {
      System.out.printf(Locale.ROOT, "Sources ready in %.1f s%n", (System.nanoTime() - start) / 1e9);
      List<Contestant> all = contestants(beamglue, jvm, sources);
      SideBySide.checkSkip(settings.skip, all);
      long expected = spec.interactions() - spec.dirtyInteractions();
      List<RowCount> counts = List.of(RowCount.of("interactions exported", "interactions",
          expected, PersonalizeBenchmark::interactionsWritten));
      Map<String, Result> results =
          new SideBySide(settings.workDir, settings.runs, settings.timeoutMinutes, counts,
              jvm.shorten()).run(all, settings.skip, settings.workDir);
      String table = ResultsTable.markdown(results.values(), settings.runs, counts, "copy", "COPY");
      System.out.println();
      System.out.println(table);
      String machine = Machine.describe(jvm.java);
      String described = describe(spec, expected) + " " + versions(sources);
      String command = settings.command("benchmarks/run-personalize.sh",
          "--interactions=" + spec.interactions() + " --seed=" + spec.seed());
      settings.writeResults(new ResultsFile.Run(SECTION, machine, described, command,
          List.of(ResultsFile.Input.of("personalize", describe(spec, expected),
              ResultsFile.bytes(settings.workDir.resolve("personalize-sources")),
              results.values()))));
      settings.writeDoc(SECTION, Settings.section(machine, described, command, table, FOOTNOTE),
          intro());
    }
  }

  /** beamglue on Flink and on Spark, then COPY, in the table's order. */
  static List<Contestant> contestants(Path beamglue, ChildJvm jvm, PersonalizeOptions sources) {
    PipelineList listed = new PipelineList(beamglue);
    List<String> database = List.of("--jdbcUrl=" + sources.getJdbcUrl(),
        "--jdbcUser=" + sources.getJdbcUser(), "--jdbcPasswordFile=" + sources.getJdbcPasswordFile());
    return List.of(
        beamglue("flink", "beamglue export on Flink [local], parallelism 2", beamglue, listed,
            sources, List.of("--runner=FlinkRunner", "--parallelism=2")),
        beamglue("spark", "beamglue export on Spark local[2]", beamglue, listed, sources,
            List.of("--runner=SparkRunner", "--sparkMaster=local[2]")),
        Contestant.javaMain("copy", "PostgreSQL COPY ... TO (CSV)", jvm, PostgresCopyExport.class,
            (input, outDir) -> {
              List<String> arguments = new ArrayList<>(database);
              arguments.add("--output=" + Contestant.output(outDir));
              return arguments;
            }));
  }

  private static Contestant beamglue(String key, String label, Path beamglue, PipelineList listed,
      PersonalizeOptions sources, List<String> runnerFlags) {
    return Contestant.of(key, label, (input, outDir) -> {
      List<String> command = new ArrayList<>(List.of(beamglue.toString(), "run", PIPELINE));
      command.addAll(runnerFlags);
      command.addAll(List.of(
          "--jdbcUrl=" + sources.getJdbcUrl(), "--jdbcUser=" + sources.getJdbcUser(),
          "--jdbcPasswordFile=" + sources.getJdbcPasswordFile(),
          "--jdbcQuery=" + sources.getJdbcQuery(),
          "--jdbcPartitionColumn=" + sources.getJdbcPartitionColumn(),
          "--items=" + sources.getItems(), "--users=" + sources.getUsers(),
          "--output=" + Contestant.output(outDir)));
      return command;
    }).withCheck(listed.check(PIPELINE, key));
  }

  /** The data rows of the CSV files under {@code output/interactions/}, one header per file left out. */
  static long interactionsWritten(Path outDir) throws IOException {
    Path folder = Contestant.output(outDir).resolve("interactions");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    long rows = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".csv"))::iterator) {
        try (Stream<String> lines = Files.lines(file)) {
          rows += Math.max(0, lines.count() - 1);
        }
      }
    }
    return rows;
  }

  private static String describe(RetailSpec spec, long expected) {
    return String.format(Locale.ROOT, "Data: the generated retail data set, seed %d: %,d order lines"
        + " (interactions; %,d of them dirty, which beamglue rejects and COPY writes), %,d users,"
        + " %,d items; orders and order lines in an embedded PostgreSQL on loopback, users CSV and"
        + " items JSON on local disk. Expected exported interactions: %,d.", spec.seed(),
        spec.interactions(), spec.interactions() - expected, spec.users(), spec.items(), expected);
  }

  private static String versions(PersonalizeOptions sources) {
    String postgres;
    try (Connection connection = DriverManager.getConnection(sources.getJdbcUrl(),
        sources.getJdbcUser(), Files.readString(Path.of(sources.getJdbcPasswordFile())).trim())) {
      postgres = connection.getMetaData().getDatabaseProductVersion();
    } catch (SQLException | IOException e) {
      postgres = "unknown";
    }
    return "Versions: Beam " + ReleaseInfo.getReleaseInfo().getVersion()
        + " (Flink runner on Flink 1.19, Spark runner on Spark "
        + org.apache.spark.package$.MODULE$.SPARK_VERSION() + "), PostgreSQL " + postgres + ".";
  }

  static final String FOOTNOTE =
      "Wall time of a fresh process from start to exit, JVM start included; every contestant's JVM has "
          + HEAP + ". beamglue runs the whole workflow (export, publish, and the import stage's dry"
          + " run): it reads the order lines over JDBC in parallel ranges of `line_id`, maps them,"
          + " checks each against Personalize's rules and against the users and items it reads too,"
          + " writes Personalize's CSV and `schema.json` for all three datasets, and the error records."
          + " COPY only streams the joined order lines into one CSV and checks nothing: it is the floor.";

  public static String intro() {
    return INTRO;
  }

  private static final String INTRO = "## personalize: the Personalize export from PostgreSQL\n\n"
      + "`beamglue run personalize-export` on generated order lines in PostgreSQL, beside PostgreSQL's own\n"
      + "`COPY (SELECT ...) TO STDOUT (FORMAT csv)` of the same columns. Reproduce with the command below.\n";
}
