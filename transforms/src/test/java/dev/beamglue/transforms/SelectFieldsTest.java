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
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class SelectFieldsTest {

  static final Schema LOGIN = Schema.builder().addStringField("login").build();
  static final Schema SIZE = Schema.builder().addInt32Field("size").build();
  static final Schema SELECTED =
      Schema.builder()
          .addStringField("id")
          .addNullableField("actor", FieldType.row(LOGIN))
          .addStringField("repo.name")
          .addRowField("payload", SIZE)
          .build();

  @PipelineTest
  void keepsTheNamedFieldsWithTheirParentsInSchemaOrder() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> selected =
        pipeline
            .apply(Create.of(ReshapeFixtures.events()).withRowSchema(EVENT))
            .apply(SelectFields.of("payload.size", "`repo.name`", "actor.login", "id"));

    assertEquals(SELECTED, selected.getSchema());
    PAssert.that(selected)
        .containsInAnyOrder(
            Row.withSchema(SELECTED)
                .addValues("1", Row.withSchema(LOGIN).addValue("ann").build(), "octo/1",
                    Row.withSchema(SIZE).addValue(2).build())
                .build(),
            Row.withSchema(SELECTED)
                .addValues("2", null, "octo/2", Row.withSchema(SIZE).addValue(0).build())
                .build());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void aWholeStructWinsOverItsChildrenAndUnknownPathsFail() {
    assertEquals(
        Schema.builder().addNullableField("actor", FieldType.row(ReshapeFixtures.ACTOR)).build(),
        SelectFields.of("actor.login", "actor").outputSchema(EVENT));
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [login, id, url].",
        assertThrows(IllegalArgumentException.class,
                () -> SelectFields.of("actor.name").outputSchema(EVENT))
            .getMessage());
    assertEquals(
        "Field 'id.x' is not in the schema: 'id' is not a struct.",
        assertThrows(IllegalArgumentException.class,
                () -> SelectFields.of("id.x").outputSchema(EVENT))
            .getMessage());
  }
}
