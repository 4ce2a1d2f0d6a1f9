package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.benchmarks.githubevents.GithubEventsGenerator;
import dev.beamglue.io.parquet.ParquetFiles;
import dev.beamglue.pipelines.cli.RunnerProfiles;
import dev.beamglue.pipelines.githubevents.GithubEventsPipeline;
import dev.beamglue.pipelines.playground.PlaygroundOptions;
import dev.beamglue.pipelines.playground.PlaygroundWorkflow;
import dev.beamglue.pipelines.summary.JobSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled jar on real clusters: a Flink session cluster (a JobManager and two TaskManagers) and
 * a Spark standalone cluster (a master and two workers), each process its own JVM on loopback,
 * started once for the class by runners-config/bin's scripts and always stopped by them. This JVM
 * is the client: github-events and the playground-accessibility workflow are submitted with the
 * flink-cluster and spark-cluster profiles, the bundled jar staged with {@code --filesToStage}, and
 * what they write equals what the Direct runner writes in this JVM. The clusters' own records say
 * the jobs ran there.
 */
class BundledJarOnClustersTest {

  private static final Path BUNDLED_JAR = Path.of("..", "runners-config", "target",
      "beamglue-runners-0.1.0-SNAPSHOT-bundled.jar").toAbsolutePath().normalize();
  private static final Path PLAYGROUNDS = Path.of("..", "data", "playgrounds").toAbsolutePath();
  private static final String RUN_DATE = "2019-06-01";
  /** Beam pipelines a playground run submits: import, transform and ml (crawls run here). */
  private static final int PLAYGROUND_JOBS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final long STARTED = System.nanoTime();

  @TempDir static Path work;
  private static Path events;
  private static LoopbackCluster flink;
  private static LoopbackCluster spark;
  private static final Map<String, Map<String, List<String>>> EVENTS_OUT =
      new ConcurrentHashMap<>();
  private static final Map<String, Map<String, List<String>>> PLAYGROUND_OUT =
      new ConcurrentHashMap<>();

  @BeforeAll
  static void runOnDirectAndOnBothClusters() throws Exception {
    assertTrue(Files.isRegularFile(BUNDLED_JAR),
        BUNDLED_JAR + " is missing: `mvn verify` builds it (runners-config's package phase)");
    // This JVM drives Spark applications on the cluster: one application per pipeline, as the
    // command line runs them (not the test suite's reused local context), reachable on loopback.
    System.setProperty("beam.spark.test.reuseSparkContext", "false");
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.ui.enabled", "false");
    System.setProperty("spark.executor.extraJavaOptions", LoopbackCluster.SHORT_JOB_JVM_OPTIONS);
    events = work.resolve("events.json");
    GithubEventsGenerator.write(events, 1_000, 11L, 97);

    // Started before anything runs so that @AfterAll stops whatever did start. The Direct runs and
    // the two clusters' runs go side by side: most of a cluster job's time is scheduling and
    // loading the bundled jar, not work, and the three do not share anything but this JVM.
    flink = LoopbackCluster.flink(work.resolve("flink-cluster"));
    spark = LoopbackCluster.spark(work.resolve("spark-cluster"));
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      CompletableFuture<Void> direct = CompletableFuture.runAsync(unchecked(() -> {
        EVENTS_OUT.put("direct", githubEvents("direct", List.of("--runner=DirectRunner")));
        PLAYGROUND_OUT.put("direct", playground("direct", List.of("--runner=DirectRunner")));
      }), threads);
      CompletableFuture<Void> onFlink = CompletableFuture.runAsync(unchecked(() -> {
        flink.start();
        List<String> flags = List.of("--profile=flink-cluster", "--filesToStage=" + BUNDLED_JAR,
            "--flinkMaster=" + flink.flinkMaster(), "--parallelism=2");
        EVENTS_OUT.put("flink-cluster", githubEvents("flink", flags));
        PLAYGROUND_OUT.put("flink-cluster", playground("flink", flags));
      }), threads);
      CompletableFuture<Void> onSpark = CompletableFuture.runAsync(unchecked(() -> {
        spark.start();
        List<String> flags = List.of("--profile=spark-cluster", "--filesToStage=" + BUNDLED_JAR,
            "--sparkMaster=" + spark.sparkMaster());
        EVENTS_OUT.put("spark-cluster", githubEvents("spark", flags));
        PLAYGROUND_OUT.put("spark-cluster", playground("spark", flags));
      }), threads);
      // Waits for all three, so that no run is still going when @AfterAll stops the clusters.
      CompletableFuture.allOf(direct, onFlink, onSpark).join();
    } finally {
      threads.shutdown();
    }
  }

  /** A step that may throw, as a Runnable for CompletableFuture. */
  private interface Step {
    void run() throws Exception;
  }

  private static Runnable unchecked(Step step) {
    return () -> {
      try {
        step.run();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    };
  }

  @AfterAll
  static void stopTheClusters() throws Exception {
    // What the class cost, for CI's budget: on an idle machine its wall time is near CPU / cores.
    System.out.printf(Locale.ROOT, "BundledJarOnClustersTest: %.0f s of wall time; CPU time: "
            + "%.0f s in this JVM, %.0f s in the Flink cluster, %.0f s in the Spark cluster%n",
        (System.nanoTime() - STARTED) / 1e9,
        ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1e3,
        flink == null ? 0 : flink.cpuSeconds(), spark == null ? 0 : spark.cpuSeconds());
    try {
      if (flink != null) {
        flink.close();
      }
    } finally {
      if (spark != null) {
        spark.close();
      }
    }
  }

  /** github-events' rows (Parquet, with the schema) and error records, each sorted. */
  private static Map<String, List<String>> githubEvents(String name, List<String> runnerFlags)
      throws IOException {
    Path output = work.resolve(name).resolve("events");
    Path errors = work.resolve(name).resolve("errors");
    List<String> args = new ArrayList<>(List.of(
        "--input=" + events, "--output=" + output, "--errors=" + errors));
    args.addAll(runnerFlags);
    GithubEventsPipeline.Options options = PipelineOptionsFactory
        .fromArgs(RunnerProfiles.apply(args).toArray(String[]::new))
        .as(GithubEventsPipeline.Options.class);
    Pipeline pipeline = Pipeline.create(options);
    new GithubEventsPipeline().build(pipeline, options, new JobSummary());
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish(), name);

    Map<String, List<String>> out = new TreeMap<>();
    out.put("schema", List.of(ParquetFiles.avroSchema(output.toString()).toString()));
    out.put("rows", ParquetFiles.readRecords(output.toString()).stream()
        .map(GenericRecord::toString).sorted().toList());
    List<String> errorLines = new ArrayList<>();
    try (Stream<Path> files = Files.list(errors)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        errorLines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    out.put("errors", errorLines.stream().sorted().toList());
    return out;
  }

  /** The workflow's processed rows (by partition) and its ML files, from a local warehouse. */
  private static Map<String, List<String>> playground(String name, List<String> runnerFlags)
      throws IOException {
    Path warehouse = work.resolve(name).resolve("warehouse");
    List<String> args = new ArrayList<>(List.of("--warehouse=" + warehouse,
        "--catalog=" + warehouse.resolve("catalog"), "--runDate=" + RUN_DATE,
        "--incomeScale=0.1", "--parks=" + PLAYGROUNDS.resolve("DPR_Parks_001.json"),
        "--playgrounds=" + PLAYGROUNDS.resolve("DPR_Playgrounds_001.json")));
    args.addAll(runnerFlags);
    PlaygroundWorkflow.run(PipelineOptionsFactory
        .fromArgs(RunnerProfiles.apply(args).toArray(String[]::new)).as(PlaygroundOptions.class));

    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(warehouse)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = warehouse.relativize(file).toString();
        String fileName = file.getFileName().toString();
        if (fileName.startsWith(".") || fileName.startsWith("_")) {
          continue;
        }
        if (relative.startsWith("processed/") && fileName.endsWith(".parquet")) {
          String partition = relative.substring(0, relative.lastIndexOf('/'));
          List<String> rows = out.computeIfAbsent("processed", k -> new ArrayList<>());
          ParquetFiles.readFile(file).forEach(record -> rows.add(partition + " " + record));
          rows.sort(null);
        } else if (relative.startsWith("ml/")) {
          out.put("ml/" + fileName, Files.readAllLines(file, StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Test
  void githubEventsOnBothClustersWritesWhatTheDirectRunnerWrites() {
    Map<String, List<String>> direct = EVENTS_OUT.get("direct");
    assertEquals(List.of("errors", "rows", "schema"), List.copyOf(direct.keySet()));
    assertFalse(direct.get("rows").isEmpty());
    assertFalse(direct.get("errors").isEmpty(), "the generator writes malformed lines");
    for (String cluster : List.of("flink-cluster", "spark-cluster")) {
      for (String output : direct.keySet()) {
        assertEquals(direct.get(output), EVENTS_OUT.get(cluster).get(output),
            cluster + " " + output);
      }
    }
  }

  @Test
  void playgroundOnBothClustersWritesWhatTheDirectRunnerWrites() {
    Map<String, List<String>> direct = PLAYGROUND_OUT.get("direct");
    assertEquals(List.of("ml/features.json", "ml/train.csv", "ml/validation.csv", "processed"),
        List.copyOf(direct.keySet()));
    assertTrue(direct.get("processed").size() > 1_000, "processed rows");
    assertTrue(direct.get("ml/train.csv").size() > 1_000, "train rows");
    for (String cluster : List.of("flink-cluster", "spark-cluster")) {
      assertEquals(direct.keySet(), PLAYGROUND_OUT.get(cluster).keySet(), cluster);
      for (String output : direct.keySet()) {
        assertEquals(direct.get(output), PLAYGROUND_OUT.get(cluster).get(output),
            cluster + " " + output);
      }
    }
  }

  @Test
  void theFlinkClusterRanEveryJobOnItsTwoTaskManagers() throws Exception {
    JsonNode overview = JSON.readTree(flink.get("/overview"));
    assertEquals(2, overview.get("taskmanagers").asInt(), overview.toString());
    JsonNode jobs = JSON.readTree(flink.get("/jobs/overview")).get("jobs");
    assertEquals(1 + PLAYGROUND_JOBS, jobs.size(), jobs.toString());
    for (JsonNode job : jobs) {
      assertEquals("FINISHED", job.get("state").asText(), job.toString());
    }
    // Both TaskManagers ran tasks of the jobs, from the staged jar.
    for (int n = 1; n <= 2; n++) {
      String log = Files.readString(flink.state().resolve("logs/taskmanager-" + n + ".log"));
      assertTrue(log.contains("switched from RUNNING to FINISHED"), "taskmanager-" + n);
    }
  }

  @Test
  void theSparkClusterRanEveryJobOnItsTwoWorkersWithTheStagedJar() throws Exception {
    JsonNode master = JSON.readTree(spark.get("/json/"));
    assertEquals(2, master.get("aliveworkers").asInt(), master.toString());
    JsonNode apps = master.get("completedapps");
    assertEquals(1 + PLAYGROUND_JOBS, apps.size(), apps.toString());
    for (JsonNode app : apps) {
      assertEquals("FINISHED", app.get("state").asText(), app.toString());
    }
    // Each worker ran executors of every application, which fetched the bundled jar.
    for (int n = 1; n <= 2; n++) {
      List<Path> staged;
      try (Stream<Path> walk = Files.walk(spark.state().resolve("work-" + n))) {
        staged = walk.filter(f -> f.getFileName().equals(BUNDLED_JAR.getFileName())).toList();
      }
      assertEquals(1 + PLAYGROUND_JOBS, staged.size(), "worker-" + n + ": " + staged);
    }
  }

  @Test
  void theClustersRunTheFlinkAndSparkReleasesTheBundledJarCarries() throws Exception {
    String flinkVersion = JSON.readTree(flink.get("/config")).get("flink-version").asText();
    assertEquals(bundledVersion(".flink-runtime.version.properties", "project.version"),
        flinkVersion);
    String sparkVersion = bundledVersion(
        "META-INF/maven/org.apache.spark/spark-core_2.12/pom.properties", "version");
    assertTrue(spark.get("/").contains(sparkVersion), "the master's page names Spark " + sparkVersion);
    Path sparkJars = Path.of("..", "runners-config", "clusters", "spark", "target", "spark-home",
        "jars");
    assertTrue(Files.isRegularFile(sparkJars.resolve("spark-core_2.12-" + sparkVersion + ".jar")));
  }

  /** A version the bundled jar states in one of its properties files. */
  private static String bundledVersion(String file, String key) throws IOException {
    try (JarFile jar = new JarFile(BUNDLED_JAR.toFile())) {
      assertNotNull(jar.getEntry(file), file + " in the bundled jar");
      try (InputStream in = jar.getInputStream(jar.getEntry(file))) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty(key);
      }
    }
  }
}
