package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.benchmarks.githubevents.GithubEventsGenerator;
import dev.beamglue.io.parquet.ParquetFiles;
import dev.beamglue.pipelines.cli.RunnerProfiles;
import dev.beamglue.pipelines.relationalize.RelationalizePipeline;
import dev.beamglue.pipelines.summary.JobSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relationalize job on generated GitHub events, run on Direct, Flink {@code [local]} and Spark
 * {@code local[2]}: the tables are equal on the three runners, and the commits table is what an
 * independent computation, DuckDB's {@code unnest} over the same file, says it should be.
 */
class RelationalizeOnAllRunnersTest {

  private static final int EVENTS = 1_500;
  private static final String ROOT = "events";
  private static final String COMMITS = "events_payload.commits";

  @TempDir static Path work;
  private static Path input;
  private static final Map<String, Map<String, List<GenericRecord>>> BY_RUNNER =
      new LinkedHashMap<>();

  @BeforeAll
  static void runOnEveryRunner() throws IOException {
    input = work.resolve("events.json");
    GithubEventsGenerator.write(input, EVENTS, 11L, 0);
    BY_RUNNER.put("DirectRunner", run("DirectRunner"));
    BY_RUNNER.put("FlinkRunner", run("FlinkRunner", "--parallelism=2"));
    BY_RUNNER.put("SparkRunner", run("SparkRunner", "--sparkMaster=local[2]"));
  }

  private static Map<String, List<GenericRecord>> run(String runner, String... runnerFlags)
      throws IOException {
    Path output = work.resolve(runner).resolve("tables");
    List<String> args = new ArrayList<>(List.of("--runner=" + runner, "--input=" + input,
        "--root=" + ROOT, "--output=" + output, "--errors=" + work.resolve(runner + "-errors")));
    args.addAll(List.of(runnerFlags));
    RelationalizePipeline.Options options =
        PipelineOptionsFactory.fromArgs(RunnerProfiles.apply(args).toArray(String[]::new))
            .as(RelationalizePipeline.Options.class);
    Pipeline pipeline = Pipeline.create(options);
    new RelationalizePipeline().build(pipeline, options, new JobSummary());
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish(), runner);
    Map<String, List<GenericRecord>> tables = new TreeMap<>();
    try (Stream<Path> folders = Files.list(output)) {
      for (Path folder : folders.toList()) {
        tables.put(folder.getFileName().toString(), ParquetFiles.readRecords(folder.toString()));
      }
    }
    return tables;
  }

  private static List<String> sortedText(List<GenericRecord> records) {
    List<String> text = new ArrayList<>();
    records.forEach(r -> text.add(r.toString()));
    Collections.sort(text);
    return text;
  }

  @Test
  void directFlinkAndSparkWriteTheSameTables() {
    Map<String, List<GenericRecord>> direct = BY_RUNNER.get("DirectRunner");
    assertTrue(direct.containsKey(ROOT) && direct.containsKey(COMMITS), direct.keySet().toString());
    for (String runner : List.of("FlinkRunner", "SparkRunner")) {
      Map<String, List<GenericRecord>> other = BY_RUNNER.get(runner);
      assertEquals(direct.keySet(), other.keySet(), runner);
      for (String table : direct.keySet()) {
        assertEquals(sortedText(direct.get(table)), sortedText(other.get(table)),
            runner + " " + table);
      }
    }
  }

  @Test
  void everyEventIsARootRow() {
    assertEquals(EVENTS, BY_RUNNER.get("DirectRunner").get(ROOT).size());
  }

  @Test
  void joiningCommitsBackToTheirEventsGivesWhatDuckDbUnnestGives() throws SQLException {
    Map<String, List<GenericRecord>> tables = BY_RUNNER.get("DirectRunner");
    Map<Long, String> eventOfKey = new HashMap<>();
    for (GenericRecord event : tables.get(ROOT)) {
      Object key = event.get("payload_commits");
      if (key != null) {
        eventOfKey.put((Long) key, String.valueOf(event.get("id")));
      }
    }
    List<String> ours = new ArrayList<>();
    for (GenericRecord commit : tables.get(COMMITS)) {
      String event = eventOfKey.get((Long) commit.get("id"));
      ours.add(event + "|" + commit.get("index") + "|" + commit.get("payload_commits_val_sha")
          + "|" + commit.get("payload_commits_val_author_email"));
    }
    Collections.sort(ours);

    List<String> duckDb = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = duck.createStatement();
        ResultSet rows = sql.executeQuery(
            "SELECT id, unnest(range(len(payload.commits))) AS idx,"
                + " unnest(list_transform(payload.commits, c -> c.sha)) AS sha,"
                + " unnest(list_transform(payload.commits, c -> c.author.email)) AS email"
                + " FROM read_json_auto('" + input + "', format='newline_delimited')"
                + " WHERE payload.commits IS NOT NULL")) {
      while (rows.next()) {
        duckDb.add(rows.getString(1) + "|" + rows.getLong(2) + "|" + rows.getString(3) + "|"
            + rows.getString(4));
      }
    }
    Collections.sort(duckDb);
    assertTrue(duckDb.size() > EVENTS / 10, "the generated events hold commits");
    assertEquals(duckDb.size(), ours.size(), "one row per commit");
    assertEquals(duckDb, ours);
  }
}
