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
import dev.beamglue.pipelines.summary.JobSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The github-events job on generated events with mixed types and malformed lines, run on Direct,
 * Flink {@code [local]} and Spark {@code local[2]}: the three outputs, rows and error records, are
 * equal, and they hold what an independent reading of the input says they should.
 */
class GithubEventsOnAllRunnersTest {

  private static final int EVENTS = 3_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static Path input;
  private static final Map<String, Outputs> BY_RUNNER = new LinkedHashMap<>();

  /** What one run wrote: Parquet rows and error records, each sorted, as text. */
  private record Outputs(Schema schema, List<GenericRecord> records, List<String> rows,
      List<String> errors) {}

  @BeforeAll
  static void runOnEveryRunner() throws IOException {
    input = work.resolve("events.json");
    GithubEventsGenerator.write(input, EVENTS, 7L, 97);
    BY_RUNNER.put("DirectRunner", run("DirectRunner"));
    BY_RUNNER.put("FlinkRunner", run("FlinkRunner", "--parallelism=2"));
    BY_RUNNER.put("SparkRunner", run("SparkRunner", "--sparkMaster=local[2]"));
  }

  private static Outputs run(String runner, String... runnerFlags) throws IOException {
    Path output = work.resolve(runner).resolve("events");
    Path errors = work.resolve(runner).resolve("errors");
    List<String> args = new ArrayList<>(List.of(
        "--runner=" + runner, "--input=" + input, "--output=" + output, "--errors=" + errors));
    args.addAll(List.of(runnerFlags));
    // The runner's profile, as the command line applies it (Flink: DataStream API, object reuse).
    args = RunnerProfiles.apply(args);
    GithubEventsPipeline.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .as(GithubEventsPipeline.Options.class);
    Pipeline pipeline = Pipeline.create(options);
    new GithubEventsPipeline().build(pipeline, options, new JobSummary());
    assertEquals(PipelineResult.State.DONE, pipeline.run().waitUntilFinish(), runner);

    List<GenericRecord> records = ParquetFiles.readRecords(output.toString());
    List<String> rows = new ArrayList<>();
    records.forEach(r -> rows.add(r.toString()));
    Collections.sort(rows);
    List<String> errorLines = new ArrayList<>();
    try (Stream<Path> files = Files.list(errors)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        errorLines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    Collections.sort(errorLines);
    return new Outputs(ParquetFiles.avroSchema(output.toString()), records, rows, errorLines);
  }

  @Test
  void directFlinkAndSparkWriteTheSameRowsAndErrors() {
    Outputs direct = BY_RUNNER.get("DirectRunner");
    for (String runner : List.of("FlinkRunner", "SparkRunner")) {
      Outputs other = BY_RUNNER.get(runner);
      assertEquals(direct.schema(), other.schema(), runner + " schema");
      assertEquals(direct.rows(), other.rows(), runner + " rows");
      assertEquals(direct.errors(), other.errors(), runner + " errors");
    }
  }

  @Test
  void everyLineIsARowOrAnErrorAndOnlyTheMalformedOnesAreErrors() throws IOException {
    List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
    long malformed = lines.stream().filter(line -> parse(line) == null).count();
    Outputs direct = BY_RUNNER.get("DirectRunner");
    assertEquals(EVENTS, lines.size());
    assertTrue(malformed > 0, "the generator writes malformed lines");
    assertEquals(EVENTS - malformed, direct.rows().size());
    assertEquals(malformed, direct.errors().size());
    for (String error : direct.errors()) {
      JsonNode record = JSON.readTree(error);
      assertEquals("JsonRead", record.get("step").asText());
      assertTrue(record.get("location").asText().matches(".*events\\.json:\\d+"), error);
    }
  }

  @Test
  void theSchemaIsTheMappingWithChoicesAsStructsAndNullColumnsDropped() {
    Schema schema = BY_RUNNER.get("DirectRunner").schema();
    List<String> columns = schema.getFields().stream().map(Schema.Field::name).toList();
    assertEquals(
        List.of("id", "type", "actor_id", "actor", "repo", "org", "commit_count", "public",
            "created_at"),
        columns, "description is null in every event and dropped");
    Schema commitCount = nonNull(schema.getField("commit_count").schema());
    assertEquals(Schema.Type.RECORD, commitCount.getType());
    assertEquals(List.of("int", "string"),
        commitCount.getFields().stream().map(Schema.Field::name).toList());
  }

  @Test
  void rowsHoldTheMappedValuesOfTheirEvents() throws IOException {
    Map<Long, GenericRecord> byId = new LinkedHashMap<>();
    for (GenericRecord record : BY_RUNNER.get("DirectRunner").records()) {
      byId.put((Long) record.get("id"), record);
    }
    int checked = 0;
    for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
      JsonNode event = parse(line);
      if (event == null) {
        continue;
      }
      GenericRecord row = byId.get(Long.parseLong(event.get("id").asText()));
      assertNotNull(row, "event " + event.get("id"));
      assertEquals(event.get("type").asText(), String.valueOf(row.get("type")));
      assertEquals(event.at("/actor/login").asText(), String.valueOf(row.get("actor")));
      assertEquals(Long.parseLong(event.at("/actor/id").asText()), row.get("actor_id"));
      assertEquals(event.at("/repo/name").asText(), String.valueOf(row.get("repo")));
      assertEquals(Instant.parse(event.get("created_at").asText()), row.get("created_at"));
      JsonNode org = event.at("/org/login");
      assertEquals(org.isMissingNode() ? null : org.asText(),
          row.get("org") == null ? null : row.get("org").toString());
      JsonNode size = event.at("/payload/size");
      GenericRecord commitCount = (GenericRecord) row.get("commit_count");
      if (size.isMissingNode() || size.isNull()) {
        assertTrue(commitCount == null
            || (commitCount.get("int") == null && commitCount.get("string") == null));
      } else if (size.isInt()) {
        assertEquals(size.asInt(), commitCount.get("int"));
        assertEquals(null, commitCount.get("string"));
      } else {
        assertEquals(size.asText(), String.valueOf(commitCount.get("string")));
        assertEquals(null, commitCount.get("int"));
      }
      checked++;
    }
    assertFalse(byId.isEmpty());
    assertEquals(byId.size(), checked, "every row belongs to exactly one event");
  }

  private static Schema nonNull(Schema schema) {
    return schema.getType() == Schema.Type.UNION
        ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
            .orElseThrow()
        : schema;
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
