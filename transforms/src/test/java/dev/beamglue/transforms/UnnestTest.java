package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class UnnestTest {

  static final Schema NAME =
      Schema.builder().addStringField("first").addNullableField("last", FieldType.STRING).build();
  static final Schema ACTOR =
      Schema.builder()
          .addStringField("login")
          .addInt64Field("id")
          .addRowField("full.name", NAME)
          .build();
  static final Schema REF = Schema.builder().addNullableField("ref", FieldType.STRING).build();
  static final Schema PAYLOAD =
      Schema.builder()
          .addInt32Field("size")
          .addRowField("head", REF)
          .addArrayField("commits", FieldType.row(REF))
          .addMapField("labels", FieldType.STRING, FieldType.INT32)
          .build();
  static final Schema EMPTY = Schema.builder().build();
  static final Schema EVENT =
      Schema.builder()
          .addStringField("id")
          .addNullableField("actor", FieldType.row(ACTOR))
          .addRowField("payload", PAYLOAD)
          .addRowField("nothing", EMPTY)
          .addStringField("repo.name")
          .build();
  static final Schema UNNESTED =
      Schema.builder()
          .addStringField("id")
          .addNullableField("actor.login", FieldType.STRING)
          .addNullableField("actor.id", FieldType.INT64)
          .addNullableField("actor.full.name.first", FieldType.STRING)
          .addNullableField("actor.full.name.last", FieldType.STRING)
          .addInt32Field("payload.size")
          .addNullableField("payload.head.ref", FieldType.STRING)
          .addArrayField("payload.commits", FieldType.row(REF))
          .addMapField("payload.labels", FieldType.STRING, FieldType.INT32)
          .addStringField("repo.name")
          .build();

  static Row event(String id, Row actor) {
    Row ref = Row.withSchema(REF).addValue("main").build();
    Row payload =
        Row.withSchema(PAYLOAD)
            .addValues(3, ref, List.of(ref), Map.of("bug", 1))
            .build();
    return Row.withSchema(EVENT)
        .addValues(id, actor, payload, Row.withSchema(EMPTY).build(), "octo/" + id)
        .build();
  }

  @PipelineTest
  void flattensStructsAtAnyDepthAndLeavesArraysAndMaps() {
    Pipeline pipeline = TestPipelines.create();
    Row actor =
        Row.withSchema(ACTOR)
            .addValues("ann", 7L, Row.withSchema(NAME).addValues("Ann", null).build())
            .build();
    PCollection<Row> unnested =
        pipeline
            .apply(Create.of(event("1", actor), event("2", null)).withRowSchema(EVENT))
            .apply(Unnest.create());

    assertEquals(UNNESTED, unnested.getSchema());
    Row ref = Row.withSchema(REF).addValue("main").build();
    PAssert.that(unnested)
        .containsInAnyOrder(
            Row.withSchema(UNNESTED)
                .addValues("1", "ann", 7L, "Ann", null, 3, "main", List.of(ref),
                    Map.of("bug", 1), "octo/1")
                .build(),
            Row.withSchema(UNNESTED)
                .addValues("2", null, null, null, null, 3, "main", List.of(ref),
                    Map.of("bug", 1), "octo/2")
                .build());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void twoColumnsWithOneNameFail() {
    Schema clash =
        Schema.builder()
            .addRowField("actor", Schema.builder().addStringField("login").build())
            .addStringField("actor.login")
            .build();
    assertEquals(
        "Unnest would name two columns 'actor.login': the fields 'actor.login' and "
            + "'`actor.login`'; rename one first.",
        assertThrows(IllegalArgumentException.class, () -> Unnest.outputSchema(clash))
            .getMessage());
  }
}
