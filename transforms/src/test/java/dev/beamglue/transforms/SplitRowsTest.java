package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class SplitRowsTest {

  static final Schema INNER = Schema.builder().addInt32Field("v").build();
  static final Schema SCHEMA =
      Schema.builder()
          .addInt32Field("id")
          .addNullableField("n", FieldType.INT64)
          .addNullableField("price", FieldType.DECIMAL)
          .addNullableField("name", FieldType.STRING)
          .addNullableField("ok", FieldType.BOOLEAN)
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .addNullableField("at", FieldType.DATETIME)
          .addNullableField("score", FieldType.DOUBLE)
          .addNullableField("inner", FieldType.row(INNER))
          .build();

  static Row row(int id, Long n, String price, String name, Boolean ok, String day, String at,
      Double score, Integer v) {
    return Row.withSchema(SCHEMA)
        .addValues(id, n, price == null ? null : new BigDecimal(price), name, ok,
            day == null ? null : LocalDate.parse(day),
            at == null ? null : new Instant(java.time.Instant.parse(at).toEpochMilli()),
            score, v == null ? null : Row.withSchema(INNER).addValue(v).build())
        .build();
  }

  static final List<Row> ROWS =
      List.of(
          row(1, 1L, "5.00", "ann", true, "2024-01-15", "2024-01-01T10:00:00Z", 0.5, 7),
          row(2, 2L, "9.99", "bob", false, "2024-02-01", "2024-01-01T12:00:00Z", -0.0, 8),
          row(3, 3L, "10.5", "cy", true, "2024-03-01", "2024-01-02T00:00:00Z", 2.0, null),
          row(4, null, null, null, null, null, null, null, null));

  /** Asserts the ids of the matching rows, and that the rest holds every other id. */
  static void expect(PCollection<Row> input, String name, SplitRows split, Integer... matching) {
    SplitRows.Result result = input.apply(name, split);
    assertEquals(SCHEMA, result.matching().getSchema());
    assertEquals(SCHEMA, result.rest().getSchema());
    List<Integer> expected = List.of(matching);
    List<Integer> others = new ArrayList<>(List.of(1, 2, 3, 4));
    others.removeAll(expected);
    PAssert.that(name + " matching", result.matching()).satisfies(new Ids(name, expected));
    PAssert.that(name + " rest", result.rest()).satisfies(new Ids(name, others));
  }

  static final class Ids implements SerializableFunction<Iterable<Row>, Void> {
    private final String name;
    private final List<Integer> expected;

    Ids(String name, List<Integer> expected) {
      this.name = name;
      this.expected = new ArrayList<>(expected);
    }

    @Override
    public Void apply(Iterable<Row> rows) {
      List<Integer> ids = new ArrayList<>();
      for (Row row : rows) {
        ids.add(row.getInt32("id"));
      }
      assertEquals(new TreeSet<>(expected), new TreeSet<>(ids), name);
      assertEquals(expected.size(), ids.size(), name);
      return null;
    }
  }

  @PipelineTest
  void everyOperatorOnEveryComparableTypeWithNullsNeverMatching() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows = pipeline.apply(Create.of(ROWS).withRowSchema(SCHEMA));
    expect(rows, "n = '2'", SplitRows.where("n", "=", "2"), 2);
    expect(rows, "n != 2", SplitRows.where("n", "!=", 2), 1, 3);
    expect(rows, "n < 2", SplitRows.where("n", "<", 2L), 1);
    expect(rows, "n <= 2.0", SplitRows.where("n", "<=", 2.0), 1, 2);
    expect(rows, "n > 1", SplitRows.where("n", ">", (short) 1), 2, 3);
    expect(rows, "n >= '2'", SplitRows.where("n", ">=", " 2 "), 2, 3);
    expect(rows, "price >= 9.990", SplitRows.where("price", ">=", "9.990"), 2, 3);
    expect(rows, "price = 5", SplitRows.where("price", "=", 5), 1);
    expect(rows, "name < bob", SplitRows.where("name", "<", "bob"), 1);
    expect(rows, "name != cy", SplitRows.where("name", "!=", "cy"), 1, 2);
    expect(rows, "ok = true", SplitRows.where("ok", "=", true), 1, 3);
    expect(rows, "ok != '1'", SplitRows.where("ok", "!=", "1"), 2);
    expect(rows, "day >= Feb", SplitRows.where("day", ">=", "2024-02-01"), 2, 3);
    expect(rows, "day < Feb", SplitRows.where("day", "<", LocalDate.of(2024, 2, 1)), 1);
    expect(rows, "at > noon", SplitRows.where("at", ">", "2024-01-01 12:00:00"), 3);
    expect(rows, "at <= noon",
        SplitRows.where("at", "<=", java.time.Instant.parse("2024-01-01T12:00:00Z")), 1, 2);
    expect(rows, "score = 0", SplitRows.where("score", "=", 0), 2);
    expect(rows, "score > 0.5", SplitRows.where("score", ">", "0.5"), 3);
    expect(rows, "inner.v = 7", SplitRows.where("inner.v", "=", 7), 1);
    expect(rows, "inner.v != 7", SplitRows.where("inner.v", "!=", 7), 2);
    expect(rows, "and",
        SplitRows.where("n", ">=", 1).and("name", "!=", "bob").and("ok", "=", true), 1, 3);
    TestPipelines.runToEnd(pipeline);
  }

  static String failure(SplitRows split) {
    Pipeline pipeline = Pipeline.create();
    PCollection<Row> rows = pipeline.apply(Create.of(ROWS).withRowSchema(SCHEMA));
    return assertThrows(IllegalArgumentException.class, () -> rows.apply(split)).getMessage();
  }

  @Test
  void constantsThatDoNotConvertAndTypesThatDoNotCompareFailWhenApplied() {
    assertEquals(
        "SplitRows cannot compare field 'n' = 'abc': Cannot cast 'abc' from string to long: it is"
            + " not a number.",
        failure(SplitRows.where("n", "=", "abc")));
    assertEquals(
        "SplitRows cannot compare field 'n' < 1.5: the field is long, which cannot hold it"
            + " exactly.",
        failure(SplitRows.where("n", "<", 1.5)));
    assertEquals(
        "SplitRows cannot compare field 'day' = 'soon': Cannot cast 'soon' from string to date:"
            + " dates are written yyyy-MM-dd.",
        failure(SplitRows.where("day", "=", "soon")));
    assertEquals(
        "SplitRows cannot compare boolean field 'ok' with <; booleans take only = and !=.",
        failure(SplitRows.where("ok", "<", true)));
    assertEquals(
        "SplitRows cannot compare field 'inner': it is struct; only numbers, strings, booleans,"
            + " dates, timestamps and decimals compare.",
        failure(SplitRows.where("inner", "=", "x")));
    assertEquals(
        "Field 'nope' is not in the schema; the fields there are "
            + "[id, n, price, name, ok, day, at, score, inner].",
        failure(SplitRows.where("nope", "=", 1)));
  }

  @Test
  void badOperatorsNullsAndUnknownConstantsFailAtOnce() {
    assertEquals(
        "SplitRows has no operator '=='; use =, !=, <, <=, > or >=.",
        assertThrows(IllegalArgumentException.class, () -> SplitRows.where("n", "==", 1))
            .getMessage());
    assertEquals(
        "SplitRows cannot compare 'n' = null: null matches no condition; give a value.",
        assertThrows(IllegalArgumentException.class, () -> SplitRows.where("n", "=", null))
            .getMessage());
    assertEquals(
        "SplitRows cannot compare 'n' = x: a StringBuilder is not a constant it knows; give a"
            + " string, number, boolean, BigDecimal, LocalDate or Instant.",
        assertThrows(IllegalArgumentException.class,
                () -> SplitRows.where("id", ">", 0).and("n", "=", new StringBuilder("x")))
            .getMessage());
  }
}
