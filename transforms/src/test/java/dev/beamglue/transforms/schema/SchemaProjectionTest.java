package dev.beamglue.transforms.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.jupiter.api.Test;

class SchemaProjectionTest {

  private static final Schema ACTOR =
      Schema.builder().addNullableInt64Field("id").addNullableStringField("login").build();
  private static final Schema EVENT =
      Schema.builder()
          .addNullableStringField("id")
          .addNullableRowField("actor", ACTOR)
          .addNullableStringField("a.b")
          .addNullableArrayField("tags", Schema.FieldType.STRING)
          .addNullableStringField("type")
          .build();

  @Test
  void keepsNamedFieldsWholeAndStructsWithOnlyTheirNamedChildrenInSchemaOrder() {
    Schema kept = SchemaProjection.keep(EVENT, List.of("type", "actor.login", "`a.b`", "tags"));
    Schema expected =
        Schema.builder()
            .addNullableRowField("actor", Schema.builder().addNullableStringField("login").build())
            .addNullableStringField("a.b")
            .addNullableArrayField("tags", Schema.FieldType.STRING)
            .addNullableStringField("type")
            .build();
    assertEquals(expected, kept);
  }

  @Test
  void aStructNamedWholeKeepsAllItsFields() {
    assertEquals(
        Schema.builder().addNullableRowField("actor", ACTOR).build(),
        SchemaProjection.keep(EVENT, List.of("actor.login", "actor")));
  }

  @Test
  void aPathNotInTheSchemaIsNamed() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> SchemaProjection.keep(EVENT, List.of("actor.name")));
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [id, login].",
        missing.getMessage());
  }
}
