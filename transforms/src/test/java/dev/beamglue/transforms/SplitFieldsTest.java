package dev.beamglue.transforms;

import static dev.beamglue.transforms.ReshapeFixtures.EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class SplitFieldsTest {

  static final Schema LOGIN = Schema.builder().addStringField("login").build();
  static final Schema ACTOR_REST =
      Schema.builder().addInt64Field("id").addNullableField("url", FieldType.STRING).build();
  static final Schema SELECTED =
      Schema.builder()
          .addStringField("id")
          .addNullableField("actor", FieldType.row(LOGIN))
          .addRowField("payload", ReshapeFixtures.PAYLOAD)
          .build();
  static final Schema REST =
      Schema.builder()
          .addStringField("type")
          .addNullableField("actor", FieldType.row(ACTOR_REST))
          .addStringField("repo.name")
          .build();

  @PipelineTest
  void splitsTheNamedFieldsFromTheRestANestedPathInBoth() {
    Pipeline pipeline = TestPipelines.create();
    SplitFields.Result split =
        pipeline
            .apply(Create.of(ReshapeFixtures.events()).withRowSchema(EVENT))
            .apply(SplitFields.of("id", "actor.login", "payload"));

    assertEquals(SELECTED, split.selected().getSchema());
    assertEquals(REST, split.rest().getSchema());
    Row first = ReshapeFixtures.events().get(0);
    Row second = ReshapeFixtures.events().get(1);
    PAssert.that(split.selected())
        .containsInAnyOrder(
            Row.withSchema(SELECTED)
                .addValues("1", Row.withSchema(LOGIN).addValue("ann").build(),
                    first.getRow("payload"))
                .build(),
            Row.withSchema(SELECTED).addValues("2", null, second.getRow("payload")).build());
    PAssert.that(split.rest())
        .containsInAnyOrder(
            Row.withSchema(REST)
                .addValues("PushEvent", Row.withSchema(ACTOR_REST).addValues(7L, "u/ann").build(),
                    "octo/1")
                .build(),
            Row.withSchema(REST).addValues("PushEvent", null, "octo/2").build());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void namingEveryFieldOrAnUnknownOneFails() {
    Pipeline pipeline = Pipeline.create();
    org.apache.beam.sdk.values.PCollection<Row> rows =
        pipeline.apply(Create.of(ReshapeFixtures.events()).withRowSchema(EVENT));
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [login, id, url].",
        assertThrows(IllegalArgumentException.class,
                () -> rows.apply("Unknown", SplitFields.of("id", "actor.name")))
            .getMessage());
    assertEquals(
        "SplitFields [id, type, actor, `repo.name`, payload] names every field of "
            + "[id, type, actor, repo.name, payload], which would leave the rest without any.",
        assertThrows(IllegalArgumentException.class,
                () -> rows.apply("All", SplitFields.of("id", "type", "actor", "`repo.name`",
                    "payload")))
            .getMessage());
  }
}
