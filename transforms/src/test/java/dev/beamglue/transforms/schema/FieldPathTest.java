package dev.beamglue.transforms.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class FieldPathTest {

  private static final Schema ACTOR = Schema.builder().addNullableStringField("login").build();
  private static final Schema EVENT =
      Schema.builder()
          .addNullableRowField("actor", ACTOR)
          .addNullableStringField("user.name")
          .build();

  @Test
  void splitsOnDotsAndKeepsBacktickedNamesWhole() {
    assertEquals(List.of("actor", "login"), FieldPath.parse("actor.login").segments());
    assertEquals(List.of("user.name"), FieldPath.parse("`user.name`").segments());
    assertEquals(List.of("a", "b.c", "d"), FieldPath.parse("a.`b.c`.d").segments());
    assertEquals("a.`b.c`.d", FieldPath.parse("a.`b.c`.d").toString());
  }

  @Test
  void rejectsMalformedPathsWithTheirText() {
    IllegalArgumentException unclosed =
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("a.`b"));
    assertTrue(unclosed.getMessage().contains("'a.`b'"));
    assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("a..b"));
  }

  @Test
  void resolvesTypesAndValuesInNestedRows() {
    assertEquals(FieldType.STRING.withNullable(true), FieldPath.parse("actor.login").resolveType(EVENT));
    Row row =
        Row.withSchema(EVENT)
            .addValues(Row.withSchema(ACTOR).addValue("octocat").build(), "dotted")
            .build();
    assertEquals("octocat", FieldPath.parse("actor.login").valueIn(row));
    assertEquals("dotted", FieldPath.parse("`user.name`").valueIn(row));
    Row noActor = Row.withSchema(EVENT).addValues(null, null).build();
    assertNull(FieldPath.parse("actor.login").valueIn(noActor));
  }

  @Test
  void namesTheMissingFieldAndTheFieldsThere() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class, () -> FieldPath.parse("actor.name").resolveType(EVENT));
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [login].",
        missing.getMessage());
  }
}
