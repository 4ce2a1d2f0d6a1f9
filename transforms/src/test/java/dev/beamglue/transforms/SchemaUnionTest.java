package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.junit.jupiter.api.Test;

class SchemaUnionTest {

  static FieldType unify(FieldType a, FieldType b) {
    return SchemaUnion.unify(
            List.of(
                Schema.builder().addField("f", a).build(), Schema.builder().addField("f", b).build()))
        .getField("f")
        .getType();
  }

  @Test
  void typesWidenWithoutLossOrBecomeAChoice() {
    assertEquals(FieldType.INT64, unify(FieldType.INT32, FieldType.INT64));
    assertEquals(FieldType.INT32, unify(FieldType.INT32, FieldType.BYTE));
    assertEquals(FieldType.FLOAT, unify(FieldType.INT16, FieldType.FLOAT));
    assertEquals(FieldType.DOUBLE, unify(FieldType.INT32, FieldType.FLOAT));
    assertEquals(FieldType.DOUBLE, unify(FieldType.INT64, FieldType.DOUBLE));
    assertEquals(FieldType.DECIMAL, unify(FieldType.INT64, FieldType.DECIMAL));
    assertEquals(
        GlueTypes.parse("decimal(11,3)"),
        unify(GlueTypes.parse("decimal(10,2)"), GlueTypes.parse("decimal(5,3)")));
    assertEquals(
        GlueTypes.parse("decimal(12,2)"),
        unify(FieldType.INT32, GlueTypes.parse("decimal(5,2)")));
    assertEquals(
        FieldType.DATETIME, unify(FieldType.logicalType(SqlTypes.DATE), FieldType.DATETIME));
    assertEquals(FieldType.INT64.withNullable(true),
        unify(FieldType.INT32.withNullable(true), FieldType.INT64));
    assertEquals(
        GlueTypes.choiceOf(List.of(FieldType.STRING, FieldType.INT32)),
        unify(FieldType.STRING, FieldType.INT32));
    assertEquals(
        GlueTypes.choiceOf(List.of(FieldType.DOUBLE, FieldType.DECIMAL)),
        unify(FieldType.DOUBLE, FieldType.DECIMAL));
    assertEquals(
        GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING, FieldType.INT64)),
        unify(GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING)), FieldType.INT64));
  }

  @Test
  void structsAndArraysUnifyInside() {
    Schema a = Schema.builder().addInt32Field("x").build();
    Schema b = Schema.builder().addInt64Field("x").addStringField("y").build();
    Schema both =
        Schema.builder().addInt64Field("x").addNullableField("y", FieldType.STRING).build();
    assertEquals(FieldType.row(both), unify(FieldType.row(a), FieldType.row(b)));
    assertEquals(
        FieldType.array(FieldType.row(both)),
        unify(FieldType.array(FieldType.row(a)), FieldType.array(FieldType.row(b))));
  }

  @Test
  void aChoiceThatCannotBeBuiltIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                unify(
                    GlueTypes.choiceOf(List.of(GlueTypes.parse("decimal(5,2)"), FieldType.STRING)),
                    FieldType.DECIMAL));
    assertEquals(
        "Field 'f' has the types choice<decimal,string> and decimal, which neither widen to one"
            + " type nor make a choice: A choice cannot hold two types named decimal. Cast them to"
            + " one type first, with ApplyMapping.",
        e.getMessage());
  }
}
