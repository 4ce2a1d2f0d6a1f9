package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class JoinTest {

  static final Schema PEOPLE =
      Schema.builder().addStringField("name").addNullableField("zip", FieldType.INT64).build();
  static final Schema PLACES =
      Schema.builder().addNullableField("zip", FieldType.INT64).addStringField("city").build();

  static PCollection<Row> frame(Pipeline pipeline, String name, Schema schema, Object[]... rows) {
    List<Row> built = new ArrayList<>();
    for (Object[] values : rows) {
      built.add(Row.withSchema(schema).addValues(values).build());
    }
    return pipeline.apply(name, Create.of(built).withRowSchema(schema));
  }

  static Object[] v(Object... values) {
    return values;
  }

  static List<Row> rows(Schema schema, Object[]... rows) {
    List<Row> built = new ArrayList<>();
    for (Object[] values : rows) {
      built.add(Row.withSchema(schema).addValues(values).build());
    }
    return built;
  }

  static Schema joined(boolean leftNullable, boolean rightNullable) {
    Schema.Builder out = Schema.builder();
    out.addField(Schema.Field.of("name", FieldType.STRING).withNullable(leftNullable));
    out.addNullableField("zip", FieldType.INT64);
    out.addNullableField("zip_right", FieldType.INT64);
    out.addField(Schema.Field.of("city", FieldType.STRING).withNullable(rightNullable));
    return out.build();
  }

  @PipelineTest
  void innerLeftRightAndFullOuterWithNullKeysAndManyToMany() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> people =
        frame(pipeline, "People", PEOPLE,
            v("ann", 1L), v("bob", 1L), v("cy", 2L), v("dee", null), v("eve", 9L));
    PCollection<Row> places =
        frame(pipeline, "Places", PLACES,
            v(1L, "A"), v(1L, "A2"), v(2L, "B"), v(null, "N"), v(7L, "G"));
    List<String> zip = List.of("zip");
    PCollection<Row> inner = Join.frames(people, places).apply("Inner", Join.inner(zip, zip));
    PCollection<Row> left = Join.frames(people, places).apply("Left", Join.left(zip, zip));
    PCollection<Row> right = Join.frames(people, places).apply("Right", Join.right(zip, zip));
    PCollection<Row> full = Join.frames(people, places).apply("Full", Join.fullOuter(zip, zip));

    assertEquals(joined(false, false), inner.getSchema());
    assertEquals(joined(false, true), left.getSchema());
    assertEquals(joined(true, false), right.getSchema());
    assertEquals(joined(true, true), full.getSchema());

    Object[][] matches = {
      v("ann", 1L, 1L, "A"), v("ann", 1L, 1L, "A2"), v("bob", 1L, 1L, "A"),
      v("bob", 1L, 1L, "A2"), v("cy", 2L, 2L, "B")
    };
    Object[][] leftOnly = {v("dee", null, null, null), v("eve", 9L, null, null)};
    Object[][] rightOnly = {v(null, null, null, "N"), v(null, null, 7L, "G")};
    PAssert.that("inner", inner).containsInAnyOrder(rows(joined(false, false), matches));
    PAssert.that("left", left)
        .containsInAnyOrder(rows(joined(false, true), concat(matches, leftOnly)));
    PAssert.that("right", right)
        .containsInAnyOrder(rows(joined(true, false), concat(matches, rightOnly)));
    PAssert.that("full", full)
        .containsInAnyOrder(rows(joined(true, true), concat(matches, leftOnly, rightOnly)));
    TestPipelines.runToEnd(pipeline);
  }

  static Object[][] concat(Object[][]... parts) {
    List<Object[]> all = new ArrayList<>();
    for (Object[][] part : parts) {
      all.addAll(Arrays.asList(part));
    }
    return all.toArray(new Object[0][]);
  }

  @PipelineTest
  void keysOfDifferentTypesAreCoercedWithoutLoss() {
    Pipeline pipeline = TestPipelines.create();
    // A numeric zip against a string zip: the integer's decimal text, nothing else.
    Schema numericZips = Schema.builder().addInt32Field("zip").addStringField("who").build();
    Schema textZips = Schema.builder().addStringField("code").addStringField("town").build();
    PCollection<Row> zips =
        Join.frames(
                frame(pipeline, "NumericZips", numericZips, v(11236, "ann"), v(7, "bob"),
                    v(10001, "cy")),
                frame(pipeline, "TextZips", textZips, v("11236", "Brooklyn"),
                    v("011236", "padded"), v("10001 ", "spaced"), v("7", "seven")))
            .apply("Zips", Join.inner("zip", "code"));
    Schema zipsOut =
        Schema.builder().addInt32Field("zip").addStringField("who").addStringField("code")
            .addStringField("town").build();
    assertEquals(zipsOut, zips.getSchema());
    PAssert.that("zips", zips)
        .containsInAnyOrder(
            rows(zipsOut, v(11236, "ann", "11236", "Brooklyn"), v(7, "bob", "7", "seven")));

    // int with long, on two keys, one of them nested.
    Schema address = Schema.builder().addInt16Field("unit").build();
    Schema ints =
        Schema.builder().addInt32Field("id").addNullableField("address", FieldType.row(address))
            .build();
    Schema longs = Schema.builder().addInt64Field("key").addByteField("unit").build();
    Row unit3 = Row.withSchema(address).addValue((short) 3).build();
    Row unit4 = Row.withSchema(address).addValue((short) 4).build();
    PCollection<Row> nested =
        Join.frames(
                frame(pipeline, "Ints", ints, v(1, unit3), v(2, unit4), v(3, null)),
                frame(pipeline, "Longs", longs, v(1L, (byte) 3), v(2L, (byte) 3),
                    v(3L, (byte) 3)))
            .apply("Nested", Join.inner(List.of("id", "address.unit"), List.of("key", "unit")));
    Schema nestedOut =
        Schema.builder().addInt32Field("id").addNullableField("address", FieldType.row(address))
            .addInt64Field("key").addByteField("unit").build();
    assertEquals(nestedOut, nested.getSchema());
    PAssert.that("nested", nested)
        .containsInAnyOrder(rows(nestedOut, v(1, unit3, 1L, (byte) 3)));

    // Integers, doubles and decimals as exact numbers; a date with a timestamp at midnight UTC.
    Schema a =
        Schema.builder().addDoubleField("x").addField("day", FieldType.logicalType(SqlTypes.DATE))
            .build();
    Schema b = Schema.builder().addDecimalField("y").addDateTimeField("at").build();
    LocalDate may1 = LocalDate.of(2024, 5, 1);
    Instant midnight = Instant.parse("2024-05-01T00:00:00Z");
    Instant noon = Instant.parse("2024-05-01T12:00:00Z");
    PCollection<Row> numbers =
        Join.frames(
                frame(pipeline, "Doubles", a, v(0.1, may1), v(3.0, may1), v(0.5, may1)),
                frame(pipeline, "Decimals", b, v(new BigDecimal("0.10"), midnight),
                    v(new BigDecimal("3"), noon), v(new BigDecimal("0.50"), midnight)))
            .apply("Numbers", Join.inner(List.of("x", "day"), List.of("y", "at")));
    Schema numbersOut =
        Schema.builder().addDoubleField("x").addField("day", FieldType.logicalType(SqlTypes.DATE))
            .addDecimalField("y").addDateTimeField("at").build();
    assertEquals(numbersOut, numbers.getSchema());
    PAssert.that("numbers", numbers)
        .containsInAnyOrder(
            rows(numbersOut, v(0.1, may1, new BigDecimal("0.10"), midnight),
                v(0.5, may1, new BigDecimal("0.50"), midnight)));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void keysThatCannotBeComparedFailWhenThePipelineIsBuilt() {
    Pipeline pipeline = Pipeline.create();
    Schema flags = Schema.builder().addBooleanField("flag").build();
    Schema days = Schema.builder().addField("day", FieldType.logicalType(SqlTypes.DATE)).build();
    PCollection<Row> left = pipeline.apply("Flags", Create.empty(flags));
    PCollection<Row> right = pipeline.apply("Days", Create.empty(days));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Join.frames(left, right).apply(Join.inner("flag", "day")));
    assertEquals(
        "Join cannot match left key 'flag' (boolean) with right key 'day' (date): no common type"
            + " holds both without losing values; cast one of them first, with ApplyMapping or"
            + " ResolveChoice.",
        e.getMessage());

    Schema structs =
        Schema.builder().addRowField("zip", Schema.builder().addStringField("code").build())
            .build();
    Schema strings = Schema.builder().addStringField("zip").build();
    PCollection<Row> s = pipeline.apply("Structs", Create.empty(structs));
    PCollection<Row> t = pipeline.apply("Strings", Create.empty(strings));
    e = assertThrows(
        IllegalArgumentException.class, () -> Join.frames(s, t).apply(Join.left(
            List.of("zip"), List.of("zip"))));
    assertEquals(
        "Join cannot match left key 'zip' (struct) with right key 'zip' (string): no common type"
            + " holds both without losing values; cast one of them first, with ApplyMapping or"
            + " ResolveChoice.",
        e.getMessage());

    e = assertThrows(
        IllegalArgumentException.class, () -> Join.frames(s, t).apply(Join.inner("zip.city",
            "zip")));
    assertEquals(
        "Join, left key: Field 'zip.city' is not in the schema; the fields there are [code].",
        e.getMessage());
  }

  @Test
  void keyListsMustPairUp() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Join.inner(List.of("a", "b"), List.of("a")));
    assertEquals(
        "Join needs key lists of the same, non-zero length; it has [a, b] and [a].",
        e.getMessage());
  }

  @Test
  void collidingRightNamesTakeASuffixThenANumber() {
    Schema left =
        Schema.builder().addInt64Field("id").addStringField("id_right").addStringField("name")
            .build();
    Schema right =
        Schema.builder().addInt64Field("id").addStringField("id_right").addStringField("name")
            .addStringField("name_right2").addStringField("x").build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addStringField("id_right")
            .addStringField("name")
            .addNullableField("id_right2", FieldType.INT64)
            .addNullableField("id_right_right", FieldType.STRING)
            .addNullableField("name_right", FieldType.STRING)
            .addNullableField("name_right2", FieldType.STRING)
            .addNullableField("x", FieldType.STRING)
            .build();
    assertEquals(expected, Join.outputSchema(left, right, Join.Kind.LEFT_OUTER));
  }
}
