package dev.beamglue.transforms;

import static dev.beamglue.transforms.ReshapeFixtures.EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class RenameFieldTest {

  static final Schema ACTOR =
      Schema.builder()
          .addStringField("user")
          .addInt64Field("id")
          .addNullableField("url", FieldType.STRING)
          .build();
  static final Schema COMMIT =
      Schema.builder()
          .addStringField("hash")
          .addNullableField("author", FieldType.row(ReshapeFixtures.AUTHOR))
          .build();
  static final Schema PAYLOAD =
      Schema.builder()
          .addInt32Field("size")
          .addNullableField("commits", FieldType.array(FieldType.row(COMMIT).withNullable(true)))
          .build();
  static final Schema RENAMED =
      Schema.builder()
          .addStringField("id")
          .addStringField("type")
          .addNullableField("actor", FieldType.row(ACTOR))
          .addStringField("repo_name")
          .addRowField("payload", PAYLOAD)
          .build();

  @PipelineTest
  void renamesNestedFieldsDottedNamesAndFieldsOfArrayElementsInPlace() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> renamed =
        pipeline
            .apply(Create.of(ReshapeFixtures.events()).withRowSchema(EVENT))
            .apply("Login", RenameField.of("actor.login", "user"))
            .apply("Repo", RenameField.of("`repo.name`", "repo_name"))
            .apply("Sha", RenameField.of("payload.commits[].sha", "payload.commits[].hash"));

    assertEquals(RENAMED, renamed.getSchema());
    Row author = ReshapeFixtures.commit("a1", "Ann", "ann@x").getRow("author");
    PAssert.that(renamed)
        .containsInAnyOrder(
            Row.withSchema(RENAMED)
                .addValues(
                    "1",
                    "PushEvent",
                    Row.withSchema(ACTOR).addValues("ann", 7L, "u/ann").build(),
                    "octo/1",
                    Row.withSchema(PAYLOAD)
                        .addValues(
                            2,
                            Arrays.asList(
                                Row.withSchema(COMMIT).addValues("a1", author).build(),
                                null,
                                Row.withSchema(COMMIT).addValues("a2", null).build()))
                        .build())
                .build(),
            Row.withSchema(RENAMED)
                .addValues("2", "PushEvent", null, "octo/2",
                    Row.withSchema(PAYLOAD).addValues(0, null).build())
                .build());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void theNewNameIsPlainOrTheFullPathAtTheSameLevel() {
    assertEquals(
        RenameField.of("actor.login", "user").outputSchema(EVENT),
        RenameField.of("actor.login", "actor.user").outputSchema(EVENT));
    assertEquals(
        "user.name",
        RenameField.of("actor.login", "`user.name`")
            .outputSchema(EVENT)
            .getField("actor")
            .getType()
            .getRowSchema()
            .getField(0)
            .getName());
    assertEquals(EVENT, RenameField.of("actor.login", "login").outputSchema(EVENT));
    assertEquals(
        "RenameField keeps 'actor.login' at its level, but 'repo.user' is elsewhere; give a plain"
            + " name, with backticks if it holds dots.",
        assertThrows(IllegalArgumentException.class,
                () -> RenameField.of("actor.login", "repo.user"))
            .getMessage());
  }

  @Test
  void aCollisionOrAnUnknownPathFails() {
    assertEquals(
        "RenameField cannot rename 'actor.login' to 'id': 'actor' already has a field of that"
            + " name; drop or rename that one first.",
        assertThrows(IllegalArgumentException.class,
                () -> RenameField.of("actor.login", "id").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "RenameField cannot rename 'type' to 'repo.name': the record already has a field of that"
            + " name; drop or rename that one first.",
        assertThrows(IllegalArgumentException.class,
                () -> RenameField.of("type", "`repo.name`").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [login, id, url].",
        assertThrows(IllegalArgumentException.class,
                () -> RenameField.of("actor.name", "x").outputSchema(EVENT))
            .getMessage());
  }
}
