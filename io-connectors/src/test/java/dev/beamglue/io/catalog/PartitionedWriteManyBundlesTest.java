package dev.beamglue.io.catalog;

import static dev.beamglue.io.catalog.CatalogTestFiles.dataFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.io.files.JobCommits;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.io.TempDir;

/** Rows that reach the write in many bundles all land in files, on every runner. */
class PartitionedWriteManyBundlesTest {

  private static final int CHUNKS = 8;
  private static final int CHUNK = 2_500;
  private static final int ROWS = CHUNKS * CHUNK;
  private static final Schema SCHEMA =
      Schema.builder().addInt64Field("id").addStringField("even").build();

  @TempDir Path dir;

  @PipelineTest
  void everyRowOfEveryBundleIsInTheCommittedFiles() throws IOException {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(GenerateSequence.from(0).to(CHUNKS))
        .apply(Reshuffle.viaRandomKey())
        .apply(
            FlatMapElements.into(TypeDescriptors.rows())
                .via(chunk -> LongStream.range(chunk * CHUNK, (chunk + 1) * CHUNK)
                    .mapToObj(id -> Row.withSchema(SCHEMA)
                        .attachValues(id, id % 2 == 0 ? "yes" : "no"))
                    .collect(Collectors.toList())))
        .setRowSchema(SCHEMA)
        .apply(PartitionedWrite.json().to(dir.resolve("t").toString()).withPartitionKeys("even"));
    JobCommits.runAndCommit(pipeline);

    Map<String, Long> linesByPartition = new TreeMap<>();
    for (String file : dataFiles(dir.resolve("t"))) {
      try (Stream<String> lines = Files.lines(dir.resolve("t").resolve(file))) {
        linesByPartition.merge(file.substring(0, file.indexOf('/')), lines.count(), Long::sum);
      }
    }
    assertEquals(Map.of("even=no", ROWS / 2L, "even=yes", ROWS / 2L), linesByPartition,
        dataFiles(dir.resolve("t")).toString());
  }

  @PipelineTest
  void everyRangeOfASplitJsonFileIsInTheOverwrittenFolder() throws IOException {
    Path input = dir.resolve("input.json");
    StringBuilder lines = new StringBuilder();
    for (int id = 0; id < ROWS; id++) {
      lines.append("{\"id\": ").append(id).append(", \"name\": \"park ").append(id).append("\"}\n");
    }
    Files.writeString(input, lines);
    Path table = dir.resolve("parks").resolve("year=2019");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(JsonRead.from(input.toString()).withRangeBytes(16 * 1024))
        .rows()
        .apply(PartitionedWrite.json().to(table.toString()).withOverwritePartitions());
    JobCommits.runAndCommit(pipeline);

    long written = 0;
    for (String file : dataFiles(table)) {
      try (Stream<String> fileLines = Files.lines(table.resolve(file))) {
        written += fileLines.count();
      }
    }
    assertEquals(ROWS, written, dataFiles(table).toString());
  }
}
