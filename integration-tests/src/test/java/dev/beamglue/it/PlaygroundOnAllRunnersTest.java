package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.parquet.ParquetFiles;
import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.cli.RunnerProfiles;
import dev.beamglue.pipelines.playground.PlaygroundOptions;
import dev.beamglue.pipelines.playground.PlaygroundWorkflow;
import dev.beamglue.testing.s3.LocalS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground-accessibility workflow, every stage, on the bundled parks and playgrounds and the
 * generated income file, on Direct, Flink {@code [local]} and Spark {@code local[2]} with local
 * warehouses, and on Spark with its warehouse on a loopback S3 server (s3proxy): the processed rows
 * and the train, validation and features files are equal in all four runs, and every playground of
 * the input is in the processed output.
 */
class PlaygroundOnAllRunnersTest {

  private static final Path DATA = Path.of("..", "data", "playgrounds").toAbsolutePath();
  private static final String RUN_DATE = "2019-06-01";
  private static final String BUCKET = "warehouse";

  @TempDir static Path work;
  private static LocalS3 s3;
  private static final Map<String, Map<String, List<String>>> OUTPUTS = new LinkedHashMap<>();

  @BeforeAll
  static void runTheWorkflowEverywhere() throws IOException {
    OUTPUTS.put("direct", runLocal("DirectRunner"));
    OUTPUTS.put("flink", runLocal("FlinkRunner", "--parallelism=2"));
    OUTPUTS.put("spark", runLocal("SparkRunner", "--sparkMaster=local[2]"));
    s3 = LocalS3.start().createBucket(BUCKET);
    List<String> flags = new ArrayList<>(s3.flags());
    flags.add("--sparkMaster=local[2]");
    run("SparkRunner", "s3://" + BUCKET + "/pg", work.resolve("s3-catalog"), flags);
    OUTPUTS.put("spark-on-s3", s3Outputs("pg/"));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static Map<String, List<String>> runLocal(String runner, String... flags)
      throws IOException {
    Path warehouse = work.resolve(runner);
    run(runner, warehouse.toString(), warehouse.resolve("catalog"), List.of(flags));
    Map<String, List<String>> outputs = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(warehouse)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        collect(warehouse.relativize(file).toString(), file, outputs);
      }
    }
    return outputs;
  }

  private static Map<String, List<String>> s3Outputs(String prefix) throws IOException {
    Map<String, List<String>> outputs = new TreeMap<>();
    for (String key : s3.keys(BUCKET, prefix)) {
      Path local = work.resolve("s3-copy").resolve(key);
      Files.createDirectories(local.getParent());
      Files.write(local, s3.get(BUCKET, key));
      collect(key.substring(prefix.length()), local, outputs);
    }
    return outputs;
  }

  /** Processed rows (by partition folder) and the ML files, keyed by what they are. */
  private static void collect(String relative, Path file, Map<String, List<String>> outputs)
      throws IOException {
    String name = file.getFileName().toString();
    if (relative.startsWith("processed/") && name.endsWith(".parquet")) {
      List<String> rows = outputs.computeIfAbsent("processed", k -> new ArrayList<>());
      String partition = relative.substring(0, relative.lastIndexOf('/'));
      for (GenericRecord record : ParquetFiles.readFile(file)) {
        rows.add(partition + " " + record);
      }
      rows.sort(null);
    } else if (relative.startsWith("ml/") && !name.startsWith(".") && !name.startsWith("_")) {
      outputs.put("ml/" + name, Files.readAllLines(file, StandardCharsets.UTF_8));
    }
  }

  private static void run(String runner, String warehouse, Path catalog, List<String> more) {
    List<String> args = new ArrayList<>(List.of("--runner=" + runner, "--warehouse=" + warehouse,
        "--catalog=" + catalog, "--runDate=" + RUN_DATE,
        "--parks=" + DATA.resolve("DPR_Parks_001.json"),
        "--playgrounds=" + DATA.resolve("DPR_Playgrounds_001.json")));
    args.addAll(more);
    PlaygroundOptions options = PipelineOptionsFactory.fromArgs(
        RunnerProfiles.apply(args).toArray(String[]::new)).as(PlaygroundOptions.class);
    S3Access.configure(options);
    PlaygroundWorkflow.run(options);
  }

  @Test
  void everyRunnerAndTheS3RunWriteTheSameProcessedRowsAndMlFiles() {
    Map<String, List<String>> direct = OUTPUTS.get("direct");
    assertEquals(Set.of("processed", "ml/train.csv", "ml/validation.csv", "ml/features.json"),
        direct.keySet(), "the outputs compared");
    assertFalse(direct.get("ml/train.csv").isEmpty());
    for (String run : List.of("flink", "spark", "spark-on-s3")) {
      Map<String, List<String>> other = OUTPUTS.get(run);
      assertEquals(direct.keySet(), other.keySet(), run);
      for (String output : direct.keySet()) {
        assertEquals(direct.get(output), other.get(output), run + " " + output);
      }
    }
  }

  @Test
  void everyPlaygroundOfTheInputIsInTheProcessedOutput() throws IOException {
    Set<String> input = new TreeSet<>();
    for (JsonNode playground :
        new ObjectMapper().readTree(DATA.resolve("DPR_Playgrounds_001.json").toFile())) {
      input.add(playground.get("Playground_ID").asText(null) + "|" + playground.get("lat").asText());
    }
    Set<String> processed = new TreeSet<>();
    for (String row : OUTPUTS.get("direct").get("processed")) {
      processed.add(field(row, "Playground_ID") + "|" + field(row, "lat"));
    }
    assertEquals(input, processed);
    assertTrue(OUTPUTS.get("direct").get("processed").get(0)
        .startsWith("processed/year=2019/month=06/day=01 "));
  }

  /** A field's text in a GenericRecord's JSON rendering, {@code null} for a null. */
  private static String field(String row, String name) throws IOException {
    JsonNode record = new ObjectMapper().readTree(row.substring(row.indexOf(' ') + 1));
    JsonNode value = record.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }
}
