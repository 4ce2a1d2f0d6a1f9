package dev.beamglue.transforms;

import static dev.beamglue.transforms.JoinTest.frame;
import static dev.beamglue.transforms.JoinTest.rows;
import static dev.beamglue.transforms.JoinTest.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.schema.GlueTypes;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

class UnionFramesTest {

  @PipelineTest
  void framesWithMissingFieldsWiderTypesAChoiceAndNestedStructsUniteInOneSchema() {
    Pipeline pipeline = TestPipelines.create();
    Schema metaA = Schema.builder().addInt32Field("a").build();
    Schema metaC = Schema.builder().addInt64Field("a").addStringField("b").build();
    Schema a =
        Schema.builder().addInt32Field("id").addStringField("name").addInt32Field("score")
            .addRowField("meta", metaA).addField("day", FieldType.logicalType(SqlTypes.DATE))
            .build();
    Schema b =
        Schema.builder().addInt64Field("id").addNullableField("name", FieldType.STRING)
            .addNullableField("extra", FieldType.BOOLEAN).addDateTimeField("day").build();
    Schema c =
        Schema.builder().addInt32Field("id").addStringField("score").addRowField("meta", metaC)
            .build();
    PCollection<Row> union =
        UnionFrames.frames(
                frame(pipeline, "A", a,
                    v(1, "ann", 5, Row.withSchema(metaA).addValue(1).build(),
                        LocalDate.of(2024, 5, 1))),
                frame(pipeline, "B", b,
                    v(2L, null, true, Instant.parse("2024-05-02T10:00:00Z"))),
                frame(pipeline, "C", c,
                    v(3, "7", Row.withSchema(metaC).addValues(9L, "x").build())))
            .apply("Union", UnionFrames.create());

    FieldType score = GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING));
    OneOfType scores = score.getLogicalType(OneOfType.class);
    Schema meta =
        Schema.builder().addInt64Field("a").addNullableField("b", FieldType.STRING).build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("name", FieldType.STRING)
            .addField("score", score)
            .addNullableField("meta", FieldType.row(meta))
            .addNullableField("day", FieldType.DATETIME)
            .addNullableField("extra", FieldType.BOOLEAN)
            .build();
    assertEquals(expected, union.getSchema());
    PAssert.that(union)
        .containsInAnyOrder(
            rows(
                expected,
                v(1L, "ann", scores.createValue("int", 5),
                    Row.withSchema(meta).addValues(1L, null).build(),
                    Instant.parse("2024-05-01T00:00:00Z"), null),
                v(2L, null, null, null, Instant.parse("2024-05-02T10:00:00Z"), true),
                v(3L, null, scores.createValue("string", "7"),
                    Row.withSchema(meta).addValues(9L, "x").build(), null, null)));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void framesDifferingOnlyInNullabilityFlattenOnEveryRunner() {
    Pipeline pipeline = TestPipelines.create();
    Schema required = Schema.builder().addInt64Field("id").build();
    Schema optional = Schema.builder().addNullableField("id", FieldType.INT64).build();
    PCollection<Row> union =
        UnionFrames.frames(
                frame(pipeline, "Required", required, v(1L), v(2L)),
                frame(pipeline, "Optional", optional, v(2L), v((Object) null)))
            .apply("Union", UnionFrames.create());
    assertEquals(optional, union.getSchema());
    PAssert.that(union).containsInAnyOrder(rows(optional, v(1L), v(2L), v(2L), v((Object) null)));
    TestPipelines.runToEnd(pipeline);
  }
}
