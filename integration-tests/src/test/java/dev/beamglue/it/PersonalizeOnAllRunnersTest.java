package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.cli.RunnerProfiles;
import dev.beamglue.pipelines.personalize.PersonalizeOptions;
import dev.beamglue.pipelines.personalize.PersonalizeWorkflow;
import dev.beamglue.pipelines.personalize.retail.RetailCounts;
import dev.beamglue.pipelines.personalize.retail.RetailFiles;
import dev.beamglue.pipelines.personalize.retail.RetailGenerator;
import dev.beamglue.pipelines.personalize.retail.RetailSpec;
import dev.beamglue.pipelines.workflow.WorkflowReport;
import dev.beamglue.testing.jdbc.LocalPostgres;
import dev.beamglue.testing.s3.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The personalize-export workflow on Direct, Flink {@code [local]} and Spark {@code local[2]}: the
 * orders of a generated retail data set (3,000 order lines) in an embedded PostgreSQL, its items
 * JSON and users CSV on a loopback S3 server (s3proxy); Direct and Flink publish to local folders,
 * Spark to S3. The three exports are equal, row for row, schema for schema, and hold every clean
 * record of the generator and none of its dirty ones.
 */
class PersonalizeOnAllRunnersTest {

  private static final RetailSpec SPEC = RetailSpec.of(3, 3_000);
  private static final List<String> DATASETS = List.of("interactions", "items", "users");

  @TempDir static Path work;
  private static LocalPostgres postgres;
  private static LocalS3 s3;
  private static RetailCounts counts;
  private static final Map<String, Map<String, List<String>>> EXPORTS = new LinkedHashMap<>();
  private static final Map<String, WorkflowReport> REPORTS = new LinkedHashMap<>();

  @BeforeAll
  static void exportOnEveryRunner() throws Exception {
    postgres = LocalPostgres.start();
    RetailGenerator generator = new RetailGenerator(SPEC);
    try (Connection orders = postgres.connect(); Connection lines = postgres.connect()) {
      counts = RetailCounts.of(SPEC, RetailFiles.loadOrders(generator, orders, lines));
    }
    s3 = LocalS3.start().createBucket("shop").createBucket("export");
    RetailFiles.writeUsers(generator, work.resolve("users.csv").toString());
    RetailFiles.writeItems(generator, work.resolve("items.json").toString());
    s3.put("shop", "crm/users.csv", Files.readAllBytes(work.resolve("users.csv")));
    s3.put("shop", "dump/items.json", Files.readAllBytes(work.resolve("items.json")));

    run("DirectRunner", work.resolve("direct").toString());
    EXPORTS.put("DirectRunner", local(work.resolve("direct")));
    run("FlinkRunner", work.resolve("flink").toString(), "--parallelism=2");
    EXPORTS.put("FlinkRunner", local(work.resolve("flink")));
    run("SparkRunner", "s3://export/personalize", "--sparkMaster=local[2]");
    EXPORTS.put("SparkRunner", onS3("personalize/"));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private static void run(String runner, String output, String... flags) {
    List<String> args = new ArrayList<>(List.of("--runner=" + runner, "--output=" + output,
        "--users=s3://shop/crm/users.csv", "--items=s3://shop/dump/items.json"));
    args.addAll(postgres.flags());
    args.addAll(s3.flags());
    args.addAll(List.of(flags));
    PersonalizeOptions options = PipelineOptionsFactory.fromArgs(
        RunnerProfiles.apply(args).toArray(String[]::new)).as(PersonalizeOptions.class);
    S3Access.configure(options);
    REPORTS.put(runner, PersonalizeWorkflow.run(options));
  }

  /** Each dataset's sorted rows and schema, by {@code dataset} and {@code dataset/schema.json}. */
  private static Map<String, List<String>> local(Path export) throws IOException {
    Map<String, List<String>> outputs = new TreeMap<>();
    for (String dataset : DATASETS) {
      List<String> rows = new ArrayList<>();
      try (Stream<Path> files = Files.list(export.resolve(dataset))) {
        for (Path file : files.sorted().toList()) {
          add(outputs, rows, dataset, file.getFileName().toString(), Files.readString(file));
        }
      }
      rows.sort(null);
      outputs.put(dataset, rows);
    }
    return outputs;
  }

  private static Map<String, List<String>> onS3(String prefix) {
    Map<String, List<String>> outputs = new TreeMap<>();
    for (String dataset : DATASETS) {
      List<String> rows = new ArrayList<>();
      for (String key : s3.keys("export", prefix + dataset + "/")) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        String content = new String(s3.get("export", key), StandardCharsets.UTF_8);
        add(outputs, rows, dataset, name, content);
      }
      rows.sort(null);
      outputs.put(dataset, rows);
    }
    return outputs;
  }

  private static void add(Map<String, List<String>> outputs, List<String> rows, String dataset,
      String name, String content) {
    if (name.equals("schema.json")) {
      outputs.put(dataset + "/schema.json", List.of(content));
    } else if (name.endsWith(".csv")) {
      List<String> lines = content.lines().toList();
      outputs.merge(dataset + "/header", List.of(lines.get(0)), (a, b) -> a);
      rows.addAll(lines.subList(1, lines.size()));
    } else {
      throw new AssertionError("unexpected file " + name + " in the " + dataset + " export");
    }
  }

  @Test
  void everyRunnerExportsTheSameDatasets() {
    Map<String, List<String>> direct = EXPORTS.get("DirectRunner");
    assertEquals(List.of("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,CHANNEL"),
        direct.get("interactions/header"));
    assertEquals(SPEC.interactions() - counts.dirtyIn("interactions"),
        direct.get("interactions").size());
    assertEquals(SPEC.items(), direct.get("items").size());
    assertEquals(SPEC.users(), direct.get("users").size());
    assertEquals(direct, EXPORTS.get("FlinkRunner"));
    assertEquals(direct, EXPORTS.get("SparkRunner"));
  }

  @Test
  void everyRunnerRejectsExactlyTheDirtyRecords() {
    long dirty = counts.dirtyIn("interactions") + counts.dirtyIn("items") + counts.dirtyIn("users");
    for (Map.Entry<String, WorkflowReport> report : REPORTS.entrySet()) {
      Map<String, Long> stage = report.getValue().stage("export").counts();
      assertEquals(dirty, stage.get("errors"), report.getKey());
      counts.expectedErrors().forEach((rule, n) ->
          assertEquals(n, stage.get("rule:" + rule), report.getKey() + " " + rule));
      assertTrue(stage.get("read") == stage.get("errors") + stage.get("written:interactions")
          + stage.get("written:items") + stage.get("written:users"), report.getKey());
    }
  }
}
