package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class UnboxTest {

  static final Schema RAW =
      Schema.builder().addInt64Field("id").addNullableField("raw", FieldType.STRING).build();
  static final Schema PAYLOAD =
      Schema.builder()
          .addStringField("login")
          .addNullableField("count", FieldType.INT32)
          .addNullableField("tags", FieldType.array(FieldType.STRING))
          .build();
  static final Schema UNBOXED =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("raw", FieldType.row(PAYLOAD))
          .build();

  static Row raw(long id, String text) {
    return Row.withSchema(RAW).addValues(id, text).build();
  }

  static Row error(Row input, String reason) {
    return ErrorRecords.forRow("Unbox", reason, input);
  }

  @PipelineTest
  void parsesJsonIntoAStructAndSendsWhatDoesNotFitToTheErrors() {
    Pipeline pipeline = TestPipelines.create();
    List<Row> inputs =
        List.of(
            raw(1, "{\"login\": \"ann\", \"count\": 3, \"tags\": [\"a\", \"b\"]}"),
            raw(2, null),
            raw(3, "{\"login\": \"bob\"}"),
            raw(4, "{\"login\": \"cy\", \"count\": \"x\"}"),
            raw(5, "{\"count\": 1}"),
            raw(6, "[1, 2]"),
            raw(7, "{\"login\": \"di\", \"extra\": 1}"),
            raw(8, "hello"),
            raw(9, "{\"login\": \"ed\"} {}"),
            raw(10, "  "),
            raw(11, "{\"login\": \"fay\", \"tags\": [\"a\", 2]}"));
    RowsWithErrors out =
        pipeline
            .apply(Create.of(inputs).withRowSchema(RAW))
            .apply(Unbox.json("raw", PAYLOAD));

    assertEquals(UNBOXED, out.rows().getSchema());
    assertEquals(ErrorRecords.SCHEMA, out.errors().getSchema());
    PAssert.that(out.rows())
        .containsInAnyOrder(
            Row.withSchema(UNBOXED)
                .addValues(
                    1L, Row.withSchema(PAYLOAD).addValues("ann", 3, List.of("a", "b")).build())
                .build(),
            Row.withSchema(UNBOXED).addValues(2L, null).build(),
            Row.withSchema(UNBOXED)
                .addValues(3L, Row.withSchema(PAYLOAD).addValues("bob", null, null).build())
                .build());
    PAssert.that(out.errors())
        .containsInAnyOrder(
            error(inputs.get(3),
                "Field 'raw.count' holds a string (x), but the schema's type is int."),
            error(inputs.get(4),
                "Field 'raw.login' is missing, but the schema's type is not nullable."),
            error(inputs.get(5), "Field 'raw' holds JSON but not an object: it holds array."),
            error(inputs.get(6), "Field 'raw.extra' is not in the schema."),
            error(inputs.get(7),
                "Field 'raw' is not JSON: Unrecognized token 'hello': was expecting (JSON String,"
                    + " Number, Array, Object or token 'null', 'true' or 'false')"),
            error(inputs.get(8), "Field 'raw' holds more than one JSON value."),
            error(inputs.get(9), "Field 'raw' holds no JSON, only blank text."),
            error(inputs.get(10),
                "Field 'raw.tags[1]' holds an int (2), but the schema's type is string."));
    TestPipelines.runToEnd(pipeline);
  }

  static final Schema META =
      Schema.builder()
          .addNullableField("line", FieldType.STRING)
          .addStringField("source")
          .build();
  static final Schema LINES =
      Schema.builder().addInt64Field("id").addNullableField("meta", FieldType.row(META)).build();
  static final Schema PERSON =
      Schema.builder()
          .addNullableField("name", FieldType.STRING)
          .addNullableField("city", FieldType.STRING)
          .addNullableField("zip", FieldType.STRING)
          .build();
  static final Schema META_UNBOXED =
      Schema.builder()
          .addNullableField("line", FieldType.row(PERSON))
          .addStringField("source")
          .build();
  static final Schema LINES_UNBOXED =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("meta", FieldType.row(META_UNBOXED))
          .build();

  static Row line(long id, String text) {
    return Row.withSchema(LINES)
        .addValues(id, Row.withSchema(META).addValues(text, "crm").build())
        .build();
  }

  static Row person(long id, String name, String city, String zip) {
    Row struct = Row.withSchema(PERSON).addValues(name, city, zip).build();
    return Row.withSchema(LINES_UNBOXED)
        .addValues(id, Row.withSchema(META_UNBOXED).addValues(struct, "crm").build())
        .build();
  }

  @PipelineTest
  void splitsDelimitedTextAtANestedPathMindingQuotes() {
    Pipeline pipeline = TestPipelines.create();
    List<Row> inputs =
        List.of(
            line(1, "ann;\"Amsterdam; NL\";1011"),
            line(2, "\"say \"\"hi\"\"\";x;"),
            Row.withSchema(LINES).addValues(3L, null).build(),
            line(4, null),
            line(5, "a;b"),
            line(6, "\"open;b;c"),
            line(7, "\"a\"x;b;c"),
            line(8, "a\"b;;\"\""));
    RowsWithErrors out =
        pipeline
            .apply(Create.of(inputs).withRowSchema(LINES))
            .apply(Unbox.delimited("meta.line", ";", List.of("name", "city", "zip")));

    assertEquals(LINES_UNBOXED, out.rows().getSchema());
    PAssert.that(out.rows())
        .containsInAnyOrder(
            person(1, "ann", "Amsterdam; NL", "1011"),
            person(2, "say \"hi\"", "x", ""),
            Row.withSchema(LINES_UNBOXED).addValues(3L, null).build(),
            Row.withSchema(LINES_UNBOXED)
                .addValues(4L, Row.withSchema(META_UNBOXED).addValues(null, "crm").build())
                .build(),
            person(8, "a\"b", "", ""));
    PAssert.that(out.errors())
        .containsInAnyOrder(
            error(inputs.get(4),
                "Field 'meta.line' holds 2 values separated by ';', but Unbox expects 3: "
                    + "[name, city, zip]."),
            error(inputs.get(5),
                "Field 'meta.line' has a value whose quote is not closed, at character 1."),
            error(inputs.get(6),
                "Field 'meta.line' has text after a closing quote, at character 4."));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void theFieldMustBeAStringAndTheSchemaReadableFromJson() {
    assertEquals(
        "Unbox reads field 'id' as text, but it is long.",
        assertThrows(IllegalArgumentException.class,
                () -> Unbox.json("id", PAYLOAD).outputSchema(RAW))
            .getMessage());
    assertEquals(
        "Field 'payload' is not in the schema; the fields there are [id, raw].",
        assertThrows(IllegalArgumentException.class,
                () -> Unbox.json("payload", PAYLOAD).outputSchema(RAW))
            .getMessage());
    Schema binary = Schema.builder().addByteArrayField("data").build();
    assertEquals(
        "JSON cannot fill field 'data' of type binary: give it a JSON type (string, int, long,"
            + " double, boolean, struct, array, map).",
        assertThrows(IllegalArgumentException.class, () -> Unbox.json("raw", binary))
            .getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Unbox.delimited("raw", ",", List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> Unbox.delimited("raw", "", List.of("a")));
  }
}
