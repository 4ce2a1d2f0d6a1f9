package dev.beamglue.transforms;

import static dev.beamglue.transforms.ReshapeFixtures.EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class DropFieldsTest {

  static final Schema ACTOR = Schema.builder().addStringField("login").addInt64Field("id").build();
  static final Schema AUTHOR = Schema.builder().addStringField("name").build();
  static final Schema COMMIT =
      Schema.builder()
          .addStringField("sha")
          .addNullableField("author", FieldType.row(AUTHOR))
          .build();
  static final Schema PAYLOAD =
      Schema.builder()
          .addInt32Field("size")
          .addNullableField("commits", FieldType.array(FieldType.row(COMMIT).withNullable(true)))
          .build();
  static final Schema DROPPED =
      Schema.builder()
          .addStringField("id")
          .addNullableField("actor", FieldType.row(ACTOR))
          .addRowField("payload", PAYLOAD)
          .build();

  @PipelineTest
  void dropsNestedFieldsAndFieldsOfEveryArrayElement() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> dropped =
        pipeline
            .apply(Create.of(ReshapeFixtures.events()).withRowSchema(EVENT))
            .apply(
                DropFields.of(
                    "type", "actor.url", "`repo.name`", "payload.commits[].author.email"));

    assertEquals(DROPPED, dropped.getSchema());
    Row author = Row.withSchema(AUTHOR).addValue("Ann").build();
    PAssert.that(dropped)
        .containsInAnyOrder(
            Row.withSchema(DROPPED)
                .addValues(
                    "1",
                    Row.withSchema(ACTOR).addValues("ann", 7L).build(),
                    Row.withSchema(PAYLOAD)
                        .addValues(
                            2,
                            java.util.Arrays.asList(
                                Row.withSchema(COMMIT).addValues("a1", author).build(),
                                null,
                                Row.withSchema(COMMIT).addValues("a2", null).build()))
                        .build())
                .build(),
            Row.withSchema(DROPPED)
                .addValues("2", null, Row.withSchema(PAYLOAD).addValues(0, null).build())
                .build());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void aStructOrAnArrayOfStructsLeftWithoutFieldsIsDropped() {
    assertEquals(
        List.of("id", "type", "actor", "repo.name"),
        DropFields.of("payload.size", "payload.commits").outputSchema(EVENT).getFieldNames());
    Schema payload =
        DropFields.of("payload.commits[].sha", "payload.commits[].author")
            .outputSchema(EVENT)
            .getField("payload")
            .getType()
            .getRowSchema();
    assertEquals(Schema.builder().addInt32Field("size").build(), payload);
    // A field named twice, or inside a field that is dropped, is dropped once.
    assertEquals(
        List.of("id", "type", "repo.name", "payload"),
        DropFields.of("actor", "actor.login", "actor").outputSchema(EVENT).getFieldNames());
  }

  @Test
  void unknownPathsFailNamingThePathAndTheFieldsThere() {
    assertEquals(
        "Field 'payload.commits[].nope' is not in the schema; the fields there are [sha, author].",
        assertThrows(IllegalArgumentException.class,
                () -> DropFields.of("payload.commits[].nope").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [login, id, url].",
        assertThrows(IllegalArgumentException.class,
                () -> DropFields.of("actor.name").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "Field 'actor[].login' is not in the schema: 'actor' is not an array.",
        assertThrows(IllegalArgumentException.class,
                () -> DropFields.of("actor[].login").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "Field 'repo.name' is not in the schema; the fields there are "
            + "[id, type, actor, repo.name, payload].",
        assertThrows(IllegalArgumentException.class,
                () -> DropFields.of("repo.name").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "DropFields [id, type, actor, `repo.name`, payload] would drop every field of "
            + "[id, type, actor, repo.name, payload]; keep at least one.",
        assertThrows(IllegalArgumentException.class,
                () -> DropFields.of("id", "type", "actor", "`repo.name`", "payload")
                    .outputSchema(EVENT))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> DropFields.of());
  }
}
