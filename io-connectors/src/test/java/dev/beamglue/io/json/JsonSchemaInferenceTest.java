package dev.beamglue.io.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;

class JsonSchemaInferenceTest {

  private static Schema infer(String... records) {
    return JsonSchemaInference.infer(List.of(records));
  }

  private static FieldType nullable(FieldType type) {
    return type.withNullable(true);
  }

  @Test
  void scalarsAreNullableAndNumbersGetTheSmallestType() {
    Schema schema =
        infer("{\"i\":1,\"big\":3000000000,\"d\":1.5,\"e\":1e3,\"b\":true,\"s\":\"2020-01-01\"}");
    Schema expected =
        Schema.builder()
            .addNullableField("i", FieldType.INT32)
            .addNullableField("big", FieldType.INT64)
            .addNullableField("d", FieldType.DOUBLE)
            .addNullableField("e", FieldType.DOUBLE)
            .addNullableField("b", FieldType.BOOLEAN)
            .addNullableField("s", FieldType.STRING)
            .build();
    assertEquals(expected, schema);
  }

  @Test
  void numbersWidenIntToLongToDouble() {
    Schema schema =
        infer("{\"a\":1,\"b\":1,\"c\":5000000000}", "{\"a\":5000000000,\"b\":2.5,\"c\":7}");
    assertEquals(FieldType.INT64.withNullable(true), schema.getField("a").getType());
    assertEquals(FieldType.DOUBLE.withNullable(true), schema.getField("b").getType());
    assertEquals(FieldType.INT64.withNullable(true), schema.getField("c").getType());
  }

  @Test
  void disagreeingTypesBecomeAChoiceSortedByTypeName() {
    Schema schema = infer("{\"v\":\"x\"}", "{\"v\":1}", "{\"v\":5000000000}", "{\"v\":true}");
    FieldType v = schema.getField("v").getType();
    assertEquals(
        GlueTypes.choiceOf(List.of(FieldType.BOOLEAN, FieldType.INT64, FieldType.STRING)), v);
    assertEquals("choice<boolean,long,string>", GlueTypes.describe(v));
  }

  @Test
  void theSameRecordsInAnotherOrderGiveTheSameChoice() {
    assertEquals(infer("{\"v\":1}", "{\"v\":\"x\"}"), infer("{\"v\":\"x\"}", "{\"v\":1}"));
  }

  @Test
  void aStructAgainstAScalarIsAChoiceWithAStructCase() {
    Schema schema = infer("{\"p\":{\"x\":1}}", "{\"p\":\"flat\"}");
    Schema struct = Schema.builder().addNullableField("x", FieldType.INT32).build();
    assertEquals(
        GlueTypes.choiceOf(List.of(FieldType.STRING, FieldType.row(struct))),
        schema.getField("p").getType());
    assertEquals("choice<string,struct>", GlueTypes.describe(schema.getField("p").getType()));
  }

  @Test
  void structsMergeFieldWiseInFirstSeenOrder() {
    Schema schema =
        infer(
            "{\"id\":1,\"actor\":{\"login\":\"a\",\"n\":{\"x\":1}}}",
            "{\"actor\":{\"id\":7,\"n\":{\"y\":true,\"x\":2.5}},\"extra\":null,\"id\":2}");
    Schema n =
        Schema.builder()
            .addNullableField("x", FieldType.DOUBLE)
            .addNullableField("y", FieldType.BOOLEAN)
            .build();
    Schema actor =
        Schema.builder()
            .addNullableField("login", FieldType.STRING)
            .addNullableField("n", nullable(FieldType.row(n)))
            .addNullableField("id", FieldType.INT32)
            .build();
    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.INT32)
            .addNullableField("actor", nullable(FieldType.row(actor)))
            .addNullableField("extra", FieldType.STRING)
            .build();
    assertEquals(expected, schema);
  }

  @Test
  void arraysTakeTheMergedElementTypeAndEmptyArraysAreStrings() {
    Schema schema =
        infer(
            "{\"nums\":[1,2],\"empty\":[],\"nulls\":[null],\"objs\":[{\"a\":1}],\"mixed\":[1,\"x\"]}",
            "{\"nums\":[2.5],\"empty\":[],\"objs\":[{\"b\":\"s\"},{\"a\":2}]}");
    assertEquals(
        nullable(FieldType.array(nullable(FieldType.DOUBLE))), schema.getField("nums").getType());
    assertEquals(
        nullable(FieldType.array(nullable(FieldType.STRING))), schema.getField("empty").getType());
    assertEquals(
        nullable(FieldType.array(nullable(FieldType.STRING))), schema.getField("nulls").getType());
    Schema element =
        Schema.builder()
            .addNullableField("a", FieldType.INT32)
            .addNullableField("b", FieldType.STRING)
            .build();
    assertEquals(
        nullable(FieldType.array(nullable(FieldType.row(element)))),
        schema.getField("objs").getType());
    assertEquals(
        nullable(FieldType.array(GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING)))),
        schema.getField("mixed").getType());
  }

  @Test
  void aFieldNullInEveryRecordIsAString() {
    Schema schema = infer("{\"n\":null,\"a\":1}", "{\"n\":null}");
    assertEquals(FieldType.STRING.withNullable(true), schema.getField("n").getType());
  }

  @Test
  void nullsAndAbsenceDoNotDisturbTheTypeSeenElsewhere() {
    Schema schema = infer("{\"a\":null}", "{\"b\":\"x\"}", "{\"a\":3,\"b\":null}");
    Schema expected =
        Schema.builder()
            .addNullableField("a", FieldType.INT32)
            .addNullableField("b", FieldType.STRING)
            .build();
    assertEquals(expected, schema);
  }

  @Test
  void aChoiceStillWidensItsNumberCase() {
    Schema schema = infer("{\"v\":1}", "{\"v\":\"x\"}", "{\"v\":2.5}");
    assertEquals(
        GlueTypes.choiceOf(List.of(FieldType.DOUBLE, FieldType.STRING)),
        schema.getField("v").getType());
  }

  @Test
  void aRecordThatIsNotAnObjectIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> infer("[1,2]"));
    assertEquals("Not a JSON object: [1,2]", e.getMessage());
  }
}
