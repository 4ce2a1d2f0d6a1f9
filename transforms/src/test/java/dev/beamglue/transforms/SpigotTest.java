package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.RowJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpigotTest {

  static final Schema EVENT =
      Schema.builder()
          .addStringField("id")
          .addNullableInt32Field("n")
          .addArrayField("tags", Schema.FieldType.STRING)
          .build();

  static Row event(String id, Integer n) {
    return Row.withSchema(EVENT).addValues(id, n, List.of("t" + id)).build();
  }

  static List<Row> events(int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(event(String.format("e%02d", i), i % 3 == 0 ? null : i));
    }
    return rows;
  }

  /** The lines of the files whose names start with {@code prefix} in {@code dir}, file by file. */
  static List<List<String>> filesOf(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> matching =
          files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().toList();
      List<List<String>> lines = new ArrayList<>();
      for (Path file : matching) {
        assertTrue(file.getFileName().toString().endsWith(".json"), file.toString());
        lines.add(Files.readAllLines(file));
      }
      return lines;
    }
  }

  @PipelineTest
  void firstKWritesTheSmallestJsonLinesSortedAndPassesEveryRowThrough(@TempDir Path dir)
      throws IOException {
    Pipeline pipeline = TestPipelines.create();
    List<Row> rows = events(12);
    PCollection<Row> input = pipeline.apply("events", Create.of(rows).withRowSchema(EVENT));
    String folder = dir.toString();

    PCollection<Row> out = input.apply("first", Spigot.to(folder + "/first").first(3));
    PCollection<Row> all = input.apply("all", Spigot.to(folder + "/all").first(100));
    PCollection<Row> empty =
        pipeline
            .apply("nothing", Create.empty(EVENT).withRowSchema(EVENT))
            .apply("empty", Spigot.to(folder + "/empty").first(3));

    assertEquals(EVENT, out.getSchema());
    assertEquals(EVENT, empty.getSchema());
    PAssert.that(out).containsInAnyOrder(rows);
    PAssert.that(all).containsInAnyOrder(rows);
    PAssert.that(empty).empty();
    TestPipelines.runToEnd(pipeline);

    assertEquals(
        List.of(
            List.of(
                "{\"id\":\"e00\",\"n\":null,\"tags\":[\"te00\"]}",
                "{\"id\":\"e01\",\"n\":1,\"tags\":[\"te01\"]}",
                "{\"id\":\"e02\",\"n\":2,\"tags\":[\"te02\"]}")),
        filesOf(dir, "first"));
    List<String> allLines = rows.stream().map(RowJson::toJson).sorted().toList();
    assertEquals(List.of(allLines), filesOf(dir, "all"));
    assertEquals(List.of(List.of()), filesOf(dir, "empty"));
  }

  @PipelineTest
  void probabilitySampleDependsOnlyOnTheSeedAndTheRecord(@TempDir Path dir) throws IOException {
    Pipeline pipeline = TestPipelines.create();
    List<Row> rows = events(60);
    PCollection<Row> input = pipeline.apply(Create.of(rows).withRowSchema(EVENT));
    String folder = dir.toString();

    PCollection<Row> half =
        input.apply("half", Spigot.to(folder + "/half").withProbability(0.5, 42L));
    input.apply("again", Spigot.to(folder + "/again").withProbability(0.5, 42L));
    input.apply("other", Spigot.to(folder + "/other").withProbability(0.5, 7L));
    input.apply("every", Spigot.to(folder + "/every").withProbability(1.0, 1L));
    input.apply("none", Spigot.to(folder + "/none").withProbability(0.0, 1L));

    assertEquals(EVENT, half.getSchema());
    PAssert.that(half).containsInAnyOrder(rows);
    TestPipelines.runToEnd(pipeline);

    List<String> expected =
        rows.stream()
            .map(RowJson::toJson)
            .filter(json -> Spigot.sampled(json, 0.5, 42L))
            .sorted()
            .toList();
    List<String> written = sortedLines(dir, "half");
    assertEquals(expected, written);
    assertTrue(written.size() > 15 && written.size() < 45, "sample of " + written.size());
    assertEquals(written, sortedLines(dir, "again"));
    assertNotEquals(written, sortedLines(dir, "other"));
    assertEquals(rows.stream().map(RowJson::toJson).sorted().toList(), sortedLines(dir, "every"));
    assertEquals(List.of(), sortedLines(dir, "none"));
  }

  static List<String> sortedLines(Path dir, String prefix) throws IOException {
    return filesOf(dir, prefix).stream()
        .flatMap(List::stream)
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void samplingFollowsTheProbability() {
    int taken = 0;
    for (int i = 0; i < 20_000; i++) {
      if (Spigot.sampled("{\"id\":" + i + "}", 0.25, 99L)) {
        taken++;
      }
    }
    assertTrue(taken > 4_700 && taken < 5_300, "took " + taken + " of 20000 at p = 0.25");
    assertTrue(Spigot.sampled("{}", 1.0, 5L));
    assertEquals(
        Spigot.sampled("{\"id\":1}", 0.5, 3L), Spigot.sampled("{\"id\":1}", 0.5, 3L));
  }

  @Test
  void rejectsBadSettings() {
    assertEquals(
        "Spigot.to needs a path prefix to write the sample to.",
        assertThrows(IllegalArgumentException.class, () -> Spigot.to(" ")).getMessage());
    assertEquals(
        "Spigot.first needs k >= 0, not -1.",
        assertThrows(IllegalArgumentException.class, () -> Spigot.to("x").first(-1))
            .getMessage());
    assertEquals(
        "Spigot.withProbability needs a probability from 0 to 1, not 1.5.",
        assertThrows(
                IllegalArgumentException.class, () -> Spigot.to("x").withProbability(1.5, 1L))
            .getMessage());
  }
}
