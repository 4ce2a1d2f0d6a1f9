package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class FillMissingValuesTest {

  static final Schema ADDRESS =
      Schema.builder().addNullableStringField("zip").addNullableStringField("street").build();
  static final Schema PERSON =
      Schema.builder()
          .addInt32Field("id")
          .addNullableInt32Field("age")
          .addNullableDoubleField("score")
          .addNullableDecimalField("price")
          .addNullableStringField("city")
          .addNullableBooleanField("ok")
          .addNullableInt64Field("none")
          .addNullableRowField("address", ADDRESS)
          .build();

  static Row address(String zip) {
    return Row.withSchema(ADDRESS).addValues(zip, "main st").build();
  }

  static Row person(
      int id, Integer age, Double score, String price, String city, Boolean ok, Row address) {
    return Row.withSchema(PERSON)
        .addValues(
            id, age, score, price == null ? null : new BigDecimal(price), city, ok, null, address)
        .build();
  }

  static final List<Row> PEOPLE =
      List.of(
          person(1, 10, 1.5, "1.10", "b", true, address("10001")),
          person(2, 20, null, null, "a", null, address(null)),
          person(3, null, 2.5, "2.20", null, false, null),
          person(4, 40, null, null, "a", null, address("10002")),
          person(5, 30, 2.0, "3.30", null, null, address("10002")));

  static Row values(Schema schema, Object... values) {
    return Row.withSchema(schema).attachValues(Arrays.asList(values));
  }

  @PipelineTest
  void meanForNumbersMostFrequentForTheRestAllNullStaysNull() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.of(PEOPLE).withRowSchema(PERSON));

    PCollection<Row> filled =
        input.apply(FillMissingValues.of("age", "score", "price", "city", "ok", "none"));

    Schema expected =
        Schema.builder()
            .addInt32Field("id")
            .addNullableInt32Field("age")
            .addNullableDoubleField("age_filled")
            .addNullableDoubleField("score")
            .addNullableDoubleField("score_filled")
            .addNullableDecimalField("price")
            .addNullableDecimalField("price_filled")
            .addNullableStringField("city")
            .addNullableStringField("city_filled")
            .addNullableBooleanField("ok")
            .addNullableBooleanField("ok_filled")
            .addNullableInt64Field("none")
            .addNullableDoubleField("none_filled")
            .addNullableRowField("address", ADDRESS)
            .build();
    assertEquals(expected, filled.getSchema());
    // age: (10 + 20 + 40 + 30) / 4 = 25; score: 6 / 3 = 2; price: 6.60 / 3 = 2.20;
    // city: a twice; ok: true once and false once, the smaller wins; none: no value at all.
    BigDecimal meanPrice = new BigDecimal("2.20");
    PAssert.that(filled)
        .containsInAnyOrder(
            values(expected, 1, 10, 10.0, 1.5, 1.5, new BigDecimal("1.10"), new BigDecimal("1.10"),
                "b", "b", true, true, null, null, address("10001")),
            values(expected, 2, 20, 20.0, null, 2.0, null, meanPrice, "a", "a", null, false,
                null, null, address(null)),
            values(expected, 3, null, 25.0, 2.5, 2.5, new BigDecimal("2.20"),
                new BigDecimal("2.20"), null, "a", false, false, null, null, null),
            values(expected, 4, 40, 40.0, null, 2.0, null, meanPrice, "a", "a", null, false,
                null, null, address("10002")),
            values(expected, 5, 30, 30.0, 2.0, 2.0, new BigDecimal("3.30"),
                new BigDecimal("3.30"), null, "a", null, false, null, null, address("10002")));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void medianKeepsTheTypeAndNestedColumnsAreFilledInTheirStruct() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.of(PEOPLE).withRowSchema(PERSON));

    PCollection<Row> filled =
        input.apply(FillMissingValues.of("age", "score", "address.zip").withMedian());

    Schema filledAddress =
        Schema.builder()
            .addNullableStringField("zip")
            .addNullableStringField("zip_filled")
            .addNullableStringField("street")
            .build();
    Schema expected =
        Schema.builder()
            .addInt32Field("id")
            .addNullableInt32Field("age")
            .addNullableInt32Field("age_filled")
            .addNullableDoubleField("score")
            .addNullableDoubleField("score_filled")
            .addNullableDecimalField("price")
            .addNullableStringField("city")
            .addNullableBooleanField("ok")
            .addNullableInt64Field("none")
            .addNullableRowField("address", filledAddress)
            .build();
    assertEquals(expected, filled.getSchema());
    // age: 10 20 30 40, the lower middle is 20; score: 1.5 2.0 2.5, the middle is 2.0;
    // address.zip: 10002 twice; the record without an address keeps it null.
    PAssert.that(filled)
        .containsInAnyOrder(
            values(expected, 1, 10, 10, 1.5, 1.5, new BigDecimal("1.10"), "b", true, null,
                values(filledAddress, "10001", "10001", "main st")),
            values(expected, 2, 20, 20, null, 2.0, null, "a", null, null,
                values(filledAddress, null, "10002", "main st")),
            values(expected, 3, null, 20, 2.5, 2.5, new BigDecimal("2.20"), null, false, null,
                null),
            values(expected, 4, 40, 40, null, 2.0, null, "a", null, null,
                values(filledAddress, "10002", "10002", "main st")),
            values(expected, 5, 30, 30, 2.0, 2.0, new BigDecimal("3.30"), null, null, null,
                values(filledAddress, "10002", "10002", "main st")));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void mostFrequentNumbersAndEmptyInput() {
    Pipeline pipeline = TestPipelines.create();
    Schema schema = Schema.builder().addNullableInt64Field("n").build();
    PCollection<Row> numbers =
        pipeline.apply(
            "numbers",
            Create.of(
                    values(schema, 7L), values(schema, 3L), values(schema, 7L),
                    values(schema, 3L), values(schema, 9L), values(schema, (Object) null))
                .withRowSchema(schema));
    PCollection<Row> empty = pipeline.apply("empty", Create.empty(PERSON).withRowSchema(PERSON));

    PCollection<Row> mode =
        numbers.apply("mode", FillMissingValues.of("n").withMostFrequent());
    PCollection<Row> none = empty.apply("none", FillMissingValues.of("age", "city"));

    Schema modeSchema =
        Schema.builder().addNullableInt64Field("n").addNullableInt64Field("n_filled").build();
    assertEquals(modeSchema, mode.getSchema());
    // 3 and 7 twice each: the smaller, 3.
    PAssert.that(mode)
        .containsInAnyOrder(
            values(modeSchema, 7L, 7L), values(modeSchema, 3L, 3L), values(modeSchema, 7L, 7L),
            values(modeSchema, 3L, 3L), values(modeSchema, 9L, 9L),
            values(modeSchema, null, 3L));
    assertEquals(
        List.of("id", "age", "age_filled", "score", "price", "city", "city_filled", "ok",
            "none", "address"),
        none.getSchema().getFieldNames());
    PAssert.that(none).empty();
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void rejectsColumnsItCannotFill() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.empty(PERSON).withRowSchema(PERSON));
    IllegalArgumentException struct =
        assertThrows(
            IllegalArgumentException.class,
            () -> input.apply("struct", FillMissingValues.of("address")));
    assertEquals(
        "FillMissingValues cannot fill 'address': it is a struct; only numbers, strings, "
            + "booleans, timestamps and dates can be filled.",
        struct.getMessage());
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> input.apply("missing", FillMissingValues.of("address.city")));
    assertEquals(
        "Field 'address.city' is not in the schema; the fields there are [zip, street].",
        missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FillMissingValues.of("age", "age"));

    Schema clash =
        Schema.builder().addNullableStringField("a").addNullableStringField("a_filled").build();
    PCollection<Row> clashing =
        pipeline.apply("clash", Create.empty(clash).withRowSchema(clash));
    IllegalArgumentException exists =
        assertThrows(
            IllegalArgumentException.class, () -> clashing.apply(FillMissingValues.of("a")));
    assertEquals(
        "FillMissingValues cannot add 'a_filled' next to 'a': the input already has a field of "
            + "that name.",
        exists.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            pipeline
                .apply("arrays", Create.empty(schemaWith(FieldType.array(FieldType.STRING))))
                .apply(FillMissingValues.of("v")));
  }

  private static Schema schemaWith(FieldType type) {
    return Schema.builder().addNullableField("v", type).build();
  }
}
