package dev.beamglue.io.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.ml.TrainValidation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XgboostCsvTest {

  @TempDir Path dir;

  static final Schema EXAMPLES =
      Schema.builder()
          .addStringField("name")
          .addNullableDoubleField("x")
          .addBooleanField("flag")
          .addNullableInt64Field("n")
          .addInt32Field("label")
          .addNullableDecimalField("price")
          .build();

  static Row example(String name, Double x, boolean flag, Long n, int label, String price) {
    return Row.withSchema(EXAMPLES)
        .attachValues(
            Arrays.asList(name, x, flag, n, label, price == null ? null : new BigDecimal(price)));
  }

  static PCollection<Row> rows(Pipeline pipeline, String name, Row... rows) {
    return pipeline.apply(name, Create.of(Arrays.asList(rows)).withRowSchema(EXAMPLES));
  }

  List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("ml"))) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  String file(String name) throws IOException {
    return Files.readString(dir.resolve("ml").resolve(name));
  }

  @PipelineTest
  void writesOneSortedFilePerSetLabelFirstNumbersOnlyAndTheFeatures() throws IOException {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> train =
        rows(
            pipeline,
            "Train",
            example("a", 0.25, true, 7L, 1, "2.50"),
            example("b", 1.0, false, 12L, 0, "3"),
            example("c", 1e-5, true, -3L, 0, "0.1"),
            example("d", null, true, 1L, 1, "1"),
            example("e", Double.NaN, true, 1L, 1, "1"));
    PCollection<Row> validation =
        rows(pipeline, "Validation", example("f", 2.0 / 3, false, 40L, 1, null));

    XgboostCsv.Written written =
        TrainValidation.of(train, validation)
            .apply(
                XgboostCsv.write()
                    .to(dir.resolve("ml").toString())
                    .withLabel("label")
                    .withFeatures(List.of("flag", "x", "n"))
                    .withBuckets(1));

    PAssert.that(written.files())
        .containsInAnyOrder(
            dir.resolve("ml").resolve("train.csv").toString(),
            dir.resolve("ml").resolve("validation.csv").toString(),
            dir.resolve("ml").resolve("features.json").toString());
    PAssert.that(written.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "XgboostCsv",
                "The column 'x' holds null, not a number: XGBoost's CSV needs a number in every "
                    + "column.",
                "{\"name\":\"d\",\"x\":null,\"flag\":true,\"n\":1,\"label\":1,\"price\":1}",
                null),
            ErrorRecords.of(
                "XgboostCsv",
                "The column 'x' holds NaN, not a number: XGBoost's CSV needs a number in every "
                    + "column.",
                "{\"name\":\"e\",\"x\":\"NaN\",\"flag\":true,\"n\":1,\"label\":1,\"price\":1}",
                null));
    TestPipelines.runToEnd(pipeline);

    assertEquals(List.of("features.json", "train.csv", "validation.csv"), names());
    assertEquals("0,0,1.0,12\n0,1,1.0E-5,-3\n1,1,0.25,7\n", file("train.csv"));
    assertEquals("1,0,0.6666666666666666,40\n", file("validation.csv"));
    assertEquals(
        "{\"label\":\"label\",\"features\":[\"flag\",\"x\",\"n\"],"
            + "\"columns\":[\"label\",\"flag\",\"x\",\"n\"]}\n",
        file("features.json"));
  }

  @PipelineTest
  void writesEveryOtherNumericColumnAndAnEmptyFileForAnEmptySet() throws IOException {
    Schema numbers =
        Schema.builder()
            .addInt64Field("a")
            .addInt32Field("label")
            .addDecimalField("price")
            .build();
    Pipeline pipeline = TestPipelines.create();
    List<Row> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(
          Row.withSchema(numbers)
              .attachValues(Arrays.asList((long) i, i % 2, new BigDecimal(i + ".50"))));
    }
    PCollection<Row> train = pipeline.apply("Train", Create.of(many).withRowSchema(numbers));
    PCollection<Row> none =
        pipeline.apply("Validation", Create.empty(SchemaCoder.of(numbers)));

    TrainValidation.of(train, none)
        .apply(XgboostCsv.write().to(dir.resolve("ml").toString()).withLabel("label"));
    TestPipelines.runToEnd(pipeline);

    assertEquals(List.of("features.json", "train.csv", "validation.csv"), names());
    assertEquals("", file("validation.csv"));
    List<String> lines = Arrays.asList(file("train.csv").split("\n"));
    assertEquals(50, lines.size());
    for (int i = 0; i < 50; i++) {
      assertTrue(lines.contains((i % 2) + "," + i + "," + i + ".50"), "line of row " + i);
    }
    assertEquals(
        "{\"label\":\"label\",\"features\":[\"a\",\"price\"],\"columns\":[\"label\",\"a\",\"price\"]}\n",
        file("features.json"));
  }

  @Test
  void refusesColumnsThatAreNotNumbers() {
    Pipeline pipeline = TestPipelines.create();
    TrainValidation split =
        TrainValidation.of(rows(pipeline, "Train"), rows(pipeline, "Validation"));
    assertEquals(
        "XgboostCsv writes numbers only; the column 'name' is STRING: encode it first (OneHot, "
            + "a 0/1 mapping) or leave it out.",
        assertThrows(
                IllegalArgumentException.class,
                () -> split.apply(XgboostCsv.write().to(dir.toString()).withLabel("label")))
            .getMessage());
    assertEquals(
        "XgboostCsv writes the column 'score', which is not a field of the rows: "
            + "[name, x, flag, n, label, price].",
        assertThrows(
                IllegalArgumentException.class,
                () -> split.apply("Score", XgboostCsv.write().to(dir.toString()).withLabel("score")))
            .getMessage());
  }
}
