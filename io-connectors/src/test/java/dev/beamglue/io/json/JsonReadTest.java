package dev.beamglue.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReadTest {

  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private Path gzip(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static final Schema ID_NAME =
      Schema.builder()
          .addNullableField("id", FieldType.INT32)
          .addNullableField("name", FieldType.STRING)
          .build();

  private static Row idName(Integer id, String name) {
    return Row.withSchema(ID_NAME).addValues(id, name).build();
  }

  @PipelineTest
  void readsNewlineDelimitedJsonAndSendsAMalformedLineToErrors() throws IOException {
    Path file =
        write(
            "events.json",
            "{\"id\":1,\"name\":\"a\",\"tags\":[\"x\",\"y\"]}",
            "",
            "{\"id\":2,\"name\":null,\"tags\":[]}",
            "not json",
            "{\"name\":\"c\",\"id\":3}",
            "[1,2]");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(JsonRead.from(file.toString()));

    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.INT32)
            .addNullableField("name", FieldType.STRING)
            .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
            .build();
    assertEquals(expected, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1, "a", Arrays.asList("x", "y")).build(),
            Row.withSchema(expected).addValues(2, null, List.of()).build(),
            Row.withSchema(expected).addValues(3, "c", null).build());
    PAssert.that(read.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "JsonRead",
                "The line is not JSON: Unrecognized token 'not': was expecting (JSON String,"
                    + " Number, Array, Object or token 'null', 'true' or 'false')",
                "not json",
                file + ":4"),
            ErrorRecords.of(
                "JsonRead",
                "The line is JSON but not an object: it holds array.",
                "[1,2]",
                file + ":6"));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void withFieldsBuildsOnlyTheNamedFieldsAndSkipsTheRestUnchecked() throws IOException {
    Path file =
        write(
            "wide.json",
            "{\"id\":1,\"actor\":{\"login\":\"ann\",\"url\":\"u1\"},\"payload\":{\"n\":1}}",
            "{\"id\":2,\"actor\":{\"login\":\"bob\",\"url\":\"u2\"},\"payload\":{\"n\":2}}",
            // outside the sample: payload.n holds a string, which is not read, so not an error
            "{\"id\":3,\"actor\":{\"login\":\"cy\",\"url\":7},\"payload\":{\"n\":\"x\"}}",
            // a field in no sampled record is still an error
            "{\"id\":4,\"actor\":{\"login\":\"di\"},\"surprise\":true}");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read =
        pipeline.apply(
            JsonRead.from(file.toString()).withSampleSize(2).withFields(List.of("actor.login", "id")));

    Schema actor = Schema.builder().addNullableField("login", FieldType.STRING).build();
    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.INT32)
            .addNullableField("actor", FieldType.row(actor))
            .build();
    assertEquals(expected, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1, Row.withSchema(actor).addValue("ann").build())
                .build(),
            Row.withSchema(expected).addValues(2, Row.withSchema(actor).addValue("bob").build())
                .build(),
            Row.withSchema(expected).addValues(3, Row.withSchema(actor).addValue("cy").build())
                .build());
    String fourthLine = file + ":4";
    PAssert.that(read.errors())
        .satisfies(
            errors -> {
              List<Row> all = new java.util.ArrayList<>();
              errors.forEach(all::add);
              assertEquals(1, all.size(), all.toString());
              Row error = all.get(0);
              assertEquals(fourthLine, ErrorRecords.location(error));
              assertTrue(ErrorRecords.reason(error).startsWith("Field 'surprise' is not in the schema."),
                  ErrorRecords.reason(error));
              return null;
            });
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readsAFileHoldingOneJsonArray() throws IOException {
    Path file =
        write(
            "array.json",
            "[",
            "  {\"id\": 1, \"name\": \"a\"},",
            "  {\"id\": 2},",
            "  \"loose\",",
            "  {\"name\": \"c\"}",
            "]");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(JsonRead.from(file.toString()));

    assertEquals(ID_NAME, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(idName(1, "a"), idName(2, null), idName(null, "c"));
    PAssert.that(read.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "JsonRead",
                "The array element is JSON but not an object: it holds string.",
                "\"loose\"",
                file + ":4"));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readsGzipByNameAndByMagicBytes() throws IOException {
    gzip("a.json.gz", "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n");
    gzip("b.json", "[{\"id\":3,\"name\":\"c\"}]");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(JsonRead.from(dir + "/*.json.gz," + dir + "/b.json"));

    assertEquals(ID_NAME, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(idName(1, "a"), idName(2, "b"), idName(3, "c"));
    PAssert.that(read.errors()).empty();
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void splitsABigFileIntoRangesAndReadsEveryRecordOnce() throws IOException {
    Schema schema = Schema.builder().addNullableField("n", FieldType.INT32).build();
    List<String> lines = new ArrayList<>();
    List<Row> expected = new ArrayList<>();
    List<Row> expectedErrors = new ArrayList<>();
    Path file = dir.resolve("big.json");
    for (int n = 1; n <= 3000; n++) {
      if (n % 997 == 0) {
        lines.add("{\"n\":" + n + ",broken");
        expectedErrors.add(null);
      } else if (n % 500 == 0) {
        lines.add("");
      } else {
        lines.add("{\"n\":" + n + "}");
        expected.add(Row.withSchema(schema).addValue(n).build());
      }
    }
    Files.writeString(file, String.join("\r\n", lines));
    expectedErrors.clear();
    for (int n = 997; n <= 3000; n += 997) {
      expectedErrors.add(
          ErrorRecords.of(
              "JsonRead",
              "The line is not JSON: Unexpected character ('b' (code 98)): was expecting"
                  + " double-quote to start field name",
              "{\"n\":" + n + ",broken",
              file + ":" + n));
    }
    long rangeBytes = 1000;
    assertTrue(Files.size(file) > 30 * rangeBytes);

    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read =
        pipeline.apply(JsonRead.from(file.toString()).withSampleSize(50).withRangeBytes(rangeBytes));

    assertEquals(schema, read.rows().getSchema());
    PAssert.that(read.rows()).containsInAnyOrder(expected);
    PAssert.thatSingleton(read.rows().apply(Count.globally())).isEqualTo((long) expected.size());
    PAssert.that(read.errors()).containsInAnyOrder(expectedErrors);
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void recordsOutsideTheSampleThatDoNotFitBecomeErrorsAndNumbersWiden() throws IOException {
    Path file =
        write(
            "drift.json",
            "{\"i\":1,\"l\":5000000000,\"d\":1.5,\"c\":5000000000}",
            "{\"i\":2,\"l\":1,\"d\":2,\"c\":\"x\"}",
            "{\"i\":3,\"l\":2,\"d\":3,\"c\":4}",
            "{\"i\":\"four\"}",
            "{\"i\":5000000000}",
            "{\"i\":6,\"new\":{\"a\":1}}",
            "{\"i\":7,\"c\":true}");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(JsonRead.from(file.toString()).withSampleSize(2));

    FieldType choice = GlueTypes.choiceOf(List.of(FieldType.INT64, FieldType.STRING));
    Schema expected =
        Schema.builder()
            .addNullableField("i", FieldType.INT32)
            .addNullableField("l", FieldType.INT64)
            .addNullableField("d", FieldType.DOUBLE)
            .addField("c", choice)
            .build();
    assertEquals(expected, read.rows().getSchema());
    OneOfType oneOf = choice.getLogicalType(OneOfType.class);
    PAssert.that(read.rows())
        .containsInAnyOrder(
            Row.withSchema(expected)
                .addValues(1, 5000000000L, 1.5, oneOf.createValue("long", 5000000000L))
                .build(),
            Row.withSchema(expected).addValues(2, 1L, 2.0, oneOf.createValue("string", "x")).build(),
            Row.withSchema(expected).addValues(3, 2L, 3.0, oneOf.createValue("long", 4L)).build());
    String hint =
        " The record is unlike the sampled ones: a larger --sampleSize (0 reads every record)"
            + " infers a schema that fits it.";
    PAssert.that(read.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "JsonRead",
                "Field 'i' holds a string (four), but the schema's type is int." + hint,
                "{\"i\":\"four\"}",
                file + ":4"),
            ErrorRecords.of(
                "JsonRead",
                "Field 'i' holds a long (5000000000), but the schema's type is int." + hint,
                "{\"i\":5000000000}",
                file + ":5"),
            ErrorRecords.of(
                "JsonRead",
                "Field 'new' is not in the schema." + hint,
                "{\"i\":6,\"new\":{\"a\":1}}",
                file + ":6"),
            ErrorRecords.of(
                "JsonRead",
                "Field 'c' holds a boolean (true), but the schema's type is choice<long,string>."
                    + hint,
                "{\"i\":7,\"c\":true}",
                file + ":7"));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readsWithAGivenSchemaAndNamesNestedFieldsInErrors() throws IOException {
    Schema inner = Schema.builder().addNullableField("x", FieldType.INT64).build();
    Schema schema =
        Schema.builder()
            .addField("id", FieldType.STRING)
            .addNullableField("items", FieldType.array(FieldType.row(inner)))
            .build();
    Path file =
        write(
            "given.json",
            "{\"id\":\"a\",\"items\":[{\"x\":1},{\"x\":null}]}",
            "{\"id\":\"b\",\"items\":[{\"x\":1},{\"x\":\"no\"}]}",
            "{\"items\":[]}");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(JsonRead.from(file.toString()).withSchema(schema));

    assertEquals(schema, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(
            Row.withSchema(schema)
                .addValues(
                    "a",
                    Arrays.asList(
                        Row.withSchema(inner).addValue(1L).build(),
                        Row.withSchema(inner).addValue(null).build()))
                .build());
    String hint = " The record does not fit the schema given to JsonRead.withSchema.";
    PAssert.that(read.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "JsonRead",
                "Field 'items[1].x' holds a string (no), but the schema's type is long." + hint,
                "{\"id\":\"b\",\"items\":[{\"x\":1},{\"x\":\"no\"}]}",
                file + ":2"),
            ErrorRecords.of(
                "JsonRead",
                "Field 'id' is missing, but the schema's type is not nullable." + hint,
                "{\"items\":[]}",
                file + ":3"));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void noMatchingFileIsAClearError() {
    String glob = dir + "/nothing-*.json";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonRead.from(glob).inferSchema());
    assertEquals("No files match '" + glob + "'.", e.getMessage());
  }

  @Test
  void emptyFilesAreAClearError() throws IOException {
    Files.writeString(dir.resolve("a.json"), "");
    Files.writeString(dir.resolve("b.json"), "\n\n");
    String glob = dir + "/*.json";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonRead.from(glob).inferSchema());
    assertEquals("'" + glob + "' holds no records: every file is empty.", e.getMessage());
  }

  @Test
  void aFileWithoutAnyJsonObjectIsAClearError() throws IOException {
    Path file = write("a.csv", "id,name", "1,a");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> JsonRead.from(file.toString()).inferSchema());
    assertEquals(
        "'" + file + "' is not JSON: line 1: Unrecognized token 'id': was expecting (JSON String,"
            + " Number, Array, Object or token 'null', 'true' or 'false')",
        e.getMessage());
  }

  @Test
  void malformedLinesInTheSampleAreSkippedForInference() throws IOException {
    Path file = write("a.json", "oops", "{\"id\":1,\"name\":\"a\"}", "{\"id\":");
    assertEquals(ID_NAME, JsonRead.from(file.toString()).inferSchema());
  }

  @Test
  void theSampleSizeLimitsTheRecordsInferenceReads() throws IOException {
    Path file = write("a.json", "{\"id\":1}", "{\"id\":2,\"name\":\"late\"}");
    assertEquals(
        Schema.builder().addNullableField("id", FieldType.INT32).build(),
        JsonRead.from(file.toString()).withSampleSize(1).inferSchema());
    assertEquals(ID_NAME, JsonRead.from(file.toString()).withSampleSize(0).inferSchema());
  }
}
