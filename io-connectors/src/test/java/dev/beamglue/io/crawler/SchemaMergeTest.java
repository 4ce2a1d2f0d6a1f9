package dev.beamglue.io.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;

class SchemaMergeTest {

  private static Schema schema(Object... namesAndTypes) {
    Schema.Builder b = Schema.builder();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      b.addField((String) namesAndTypes[i], (FieldType) namesAndTypes[i + 1]);
    }
    return b.build();
  }

  private static FieldType n(FieldType t) {
    return t.withNullable(true);
  }

  @Test
  void widensNumbersAddsColumnsAndMakesEverythingNullable() {
    Schema a = schema("id", FieldType.INT32, "name", FieldType.STRING);
    Schema b = schema("id", FieldType.INT64, "score", FieldType.DOUBLE);
    SchemaMerge.Result r = SchemaMerge.merge(a, b);
    assertEquals(schema("id", n(FieldType.INT64), "name", n(FieldType.STRING),
        "score", n(FieldType.DOUBLE)), r.schema());
    assertEquals(0, r.conflicts());
    assertEquals(1, r.common());
    assertTrue(SchemaMerge.compatible(a, b, false), "1 of 2 columns in common is half");
  }

  @Test
  void conflictingTypesBecomeAChoiceAndAreIncompatible() {
    Schema a = schema("id", FieldType.INT32, "tags", FieldType.array(FieldType.STRING));
    Schema b = schema("id", FieldType.STRING, "tags", FieldType.array(FieldType.INT64));
    SchemaMerge.Result r = SchemaMerge.merge(a, b);
    assertEquals(2, r.conflicts());
    assertEquals("choice<int,string>", GlueTypes.describe(r.schema().getField("id").getType()));
    assertEquals("choice<long,string>", GlueTypes.describe(
        r.schema().getField("tags").getType().getCollectionElementType()));
    assertFalse(SchemaMerge.compatible(a, b, true));
    Schema c = schema("id", FieldType.DOUBLE);
    assertEquals("choice<double,string>",
        GlueTypes.describe(SchemaMerge.merge(r.schema(), c).schema().getField("id").getType()),
        "a number merged into a choice widens its number case");
  }

  @Test
  void structsMergeFieldByField() {
    Schema inner1 = schema("x", FieldType.INT32);
    Schema inner2 = schema("y", FieldType.BOOLEAN);
    Schema merged = SchemaMerge.merge(schema("p", FieldType.row(inner1)),
        schema("p", FieldType.row(inner2))).schema();
    assertEquals(schema("p", n(FieldType.row(schema("x", n(FieldType.INT32),
        "y", n(FieldType.BOOLEAN))))), merged);
  }

  @Test
  void unrelatedColumnsAreIncompatibleUnlessAnyOverlapWillDo() {
    Schema people = schema("name", FieldType.STRING, "age", FieldType.INT32);
    Schema orders = schema("order_id", FieldType.INT64, "amount", FieldType.DOUBLE);
    assertFalse(SchemaMerge.compatible(people, orders, false));
    assertTrue(SchemaMerge.compatible(people, orders, true));
    Schema three = schema("a", FieldType.STRING, "b", FieldType.STRING, "c", FieldType.STRING);
    Schema oneOfThree = schema("a", FieldType.STRING, "x", FieldType.STRING, "y", FieldType.STRING);
    assertFalse(SchemaMerge.compatible(three, oneOfThree, false), "1 of 3 is less than half");
    assertEquals(List.of("a", "b", "c", "x", "y"),
        SchemaMerge.merge(three, oneOfThree).schema().getFieldNames());
  }
}
