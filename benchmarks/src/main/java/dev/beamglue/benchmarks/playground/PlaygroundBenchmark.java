package dev.beamglue.benchmarks.playground;

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
import org.apache.beam.sdk.util.ReleaseInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The transform of the playground-accessibility workflow on scaled inputs, side by side: beamglue's
 * {@code transform} stage on Flink and on Spark, the same transform written directly in Spark SQL
 * and in DuckDB, each in its own process; reports the median wall times, their ratio to Spark SQL,
 * and the processed rows each wrote, read back with DuckDB.
 *
 * <p>{@code benchmarks/run-playground.sh --scale=1000 --runs=3 --skip=duckdb}
 *
 * <p>Flags: {@code --scale}, {@code --incomeScale}, {@code --seed} (see {@link PlaygroundData}),
 * {@code --runDate} (2019-06-01), the common ones of {@link Settings}, and {@code
 * --skip=flink,spark,sparksql,duckdb}. The inputs are generated once into the work folder; the raw
 * zone (import and crawl-raw, {@link RawZone}) is made once per data set and not timed. Every
 * contestant then reads that raw zone and writes {@code OUT/output/processed/year=Y/month=M/day=D/}:
 * beamglue runs {@code bin/beamglue run playground-accessibility --stages=transform} with the raw
 * zone's catalog and {@code --warehouse=OUT/output}, reading the raw tables through the catalog
 * with push-down predicates as the workflow does.
 */
public final class PlaygroundBenchmark {
  public static final String SECTION = "playground";
  static final String PIPELINE = "playground-accessibility";
  /** The heap of every contestant: the default {@code bin/beamglue} gives its JVM. */
  static final String HEAP = "-Xmx4g";

  private PlaygroundBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> own = new ArrayList<>(List.of(PlaygroundData.FLAGS));
    own.add("runDate");
    Settings settings = Settings.parse(args, own.toArray(String[]::new));
    PlaygroundData data = PlaygroundData.from(settings.flags);
    String runDate = settings.flags.get("runDate", "2019-06-01");
    PlaygroundSql.datePartition(runDate);
    ChildJvm parent = ChildJvm.forRepository(settings.root);
    List<String> flags = new ArrayList<>(parent.jvmFlags);
    flags.add(HEAP);
    ChildJvm jvm = new ChildJvm(parent.java, flags, parent.classpath);
    Path beamglue = settings.root.resolve("bin/beamglue");
    List<Contestant> all = contestants(beamglue, jvm, runDate);
    SideBySide.checkSkip(settings.skip, all);

    Path bundled = settings.root.resolve("data/playgrounds");
    Path folder = data.make(settings.workDir, bundled);
    Path warehouse = new RawZone(beamglue, runDate).make(folder, settings.workDir.resolve("logs"),
        PlaygroundData.lines(PlaygroundData.parks(folder)), PlaygroundData.lines(PlaygroundData.playgrounds(folder)));
    long expected = data.expectedProcessedRows(bundled);
    List<RowCount> counts = List.of(RowCount.parquet("processed rows", "processed rows", expected, "processed"));
    Map<String, Result> results =
        new SideBySide(settings.workDir, settings.runs, settings.timeoutMinutes, counts, jvm.shorten())
            .run(all, settings.skip, warehouse);

    String table = ResultsTable.markdown(results.values(), settings.runs, counts);
    System.out.println();
    System.out.println(table);
    String machine = Machine.describe(jvm.java);
    String described = data.describe(folder, expected) + " " + versions(settings.root);
    String command = settings.command("benchmarks/run-playground.sh", data.shownFlags());
    settings.writeResults(new ResultsFile.Run(SECTION, machine, described, command,
        List.of(ResultsFile.Input.of("playground", data.describe(folder, expected),
            ResultsFile.bytes(folder), results.values()))));
    settings.writeDoc(SECTION,
        Settings.section(machine, described, command, table, FOOTNOTE),
        intro());
  }

  static final String FOOTNOTE =
      "Wall time of a fresh process from start to exit, JVM start included; every contestant's JVM has "
          + HEAP + " (the heap `bin/beamglue` gives). The raw zone (import and crawl-raw on Flink `[local]`)"
          + " is made once per data set and not timed. Rows are counted by reading each contestant's"
          + " `processed` Parquet back with DuckDB; a count other than the expected one (the processed rows"
          + " of the bundled data times the scale) is shown with it. beamglue also counts every step into"
          + " its summary and reconciles the counts (one more join of the playgrounds against the distinct"
          + " park keys), and writes error records (the zip fragments that are not codes); the peers do not.";

  /** beamglue on Flink and on Spark, Spark SQL and DuckDB, in the table's order. */
  static List<Contestant> contestants(Path beamglue, ChildJvm jvm, String runDate) {
    PipelineList listed = new PipelineList(beamglue);
    return List.of(
        beamglue("flink", "beamglue transform on Flink [local], parallelism 2", beamglue, listed, runDate,
            List.of("--runner=FlinkRunner", "--parallelism=2")),
        beamglue("spark", "beamglue transform on Spark local[2]", beamglue, listed, runDate,
            List.of("--runner=SparkRunner", "--sparkMaster=local[2]")),
        Contestant.javaMain("sparksql", "Spark SQL local[2]", jvm, SparkSqlPlayground.class,
            (warehouse, outDir) -> List.of("--warehouse=" + warehouse, "--runDate=" + runDate,
                "--output=" + Contestant.output(outDir), "--master=local[2]")),
        Contestant.javaMain("duckdb", "DuckDB (JDBC, 2 threads)", jvm, DuckDbPlayground.class,
            (warehouse, outDir) -> List.of("--warehouse=" + warehouse, "--runDate=" + runDate,
                "--output=" + Contestant.output(outDir), "--threads=2")));
  }

  /** {@code bin/beamglue run playground-accessibility RUNNER --stages=transform} over the raw zone's catalog. */
  private static Contestant beamglue(String key, String label, Path beamglue, PipelineList listed,
      String runDate, List<String> runnerFlags) {
    return Contestant.of(key, label, (warehouse, outDir) -> {
      List<String> command = new ArrayList<>(List.of(beamglue.toString(), "run", PIPELINE));
      command.addAll(runnerFlags);
      command.addAll(List.of("--stages=transform", "--runDate=" + runDate,
          "--catalog=" + warehouse.resolve("catalog"), "--warehouse=" + Contestant.output(outDir)));
      return command;
    }).withCheck(listed.check(PIPELINE, key));
  }

  /**
   * The versions of the engines measured, as this classpath holds them; Flink's from the bundled
   * jar under {@code root} when this classpath has no Flink (the beamglue contestants run that jar).
   */
  public static String versions(Path root) {
    String duckdb;
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      duckdb = connection.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      duckdb = "unknown";
    }
    String flink;
    try {
      flink = String.valueOf(Class.forName("org.apache.flink.runtime.util.EnvironmentInformation")
          .getMethod("getVersion").invoke(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      flink = "unknown";
    }
    if (!flink.matches("\\d+\\.\\d+.*")) {
      flink = bundledFlink(root);
    }
    return "Versions: Beam " + ReleaseInfo.getReleaseInfo().getVersion() + " (Flink runner on Flink "
        + flink + ", Spark runner and Spark SQL on Spark "
        + org.apache.spark.package$.MODULE$.SPARK_VERSION() + "), DuckDB " + duckdb + ".";
  }

  /** The Flink release the bundled jar carries, from the version file flink-runtime puts in it. */
  static String bundledFlink(Path root) {
    try (Stream<Path> jars = Files.list(root.resolve("runners-config/target"))) {
      Optional<Path> bundled =
          jars.filter(p -> p.getFileName().toString().endsWith("-bundled.jar")).findFirst();
      if (bundled.isPresent()) {
        try (JarFile jar = new JarFile(bundled.get().toFile())) {
          ZipEntry entry = jar.getEntry(".flink-runtime.version.properties");
          if (entry != null) {
            try (InputStream in = jar.getInputStream(entry)) {
              Properties properties = new Properties();
              properties.load(in);
              String version = properties.getProperty("project.version");
              if (version != null) {
                return version;
              }
            }
          }
        }
      }
    } catch (IOException e) {
      // fall through to the runner's name
    }
    return "1.19 (beam-runners-flink-1.19)";
  }

  public static String intro() {
    return "## playground: the playground-accessibility transform on scaled inputs\n\n"
        + "The transform stage of `beamglue run playground-accessibility` (README's main job): New York income\n"
        + "rows mapped to twelve renamed counts, parks split into one row per zip code and joined with the\n"
        + "income on the zip code (a number against a string), every playground left outer joined to the\n"
        + "parks-income rows on its property id, written as Parquet to `processed/year=/month=/day=/`. The\n"
        + "inputs are the bundled NYC parks and playgrounds replicated (unique ids per replica, the same zip\n"
        + "codes) and a generated IRS income file. Contestants: beamglue's `--stages=transform` on Flink\n"
        + "`[local]` (parallelism 2) and on Spark `local[2]`, reading the raw tables through the catalog;\n"
        + "the same transform written directly as one Spark SQL query (`SparkSqlPlayground`, `local[2]`) and\n"
        + "in DuckDB (`DuckDbPlayground`, 2 threads), reading the same raw Parquet and CSV files.\n"
        + "Reproduce with `benchmarks/run-playground.sh`; its flags are listed in the Javadoc of\n"
        + "`PlaygroundBenchmark`.";
  }
}
