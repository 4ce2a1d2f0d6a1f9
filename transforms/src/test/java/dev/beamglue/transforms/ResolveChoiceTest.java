package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.GlueTypes;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class ResolveChoiceTest {

  static final FieldType INT_OR_STRING = GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING));
  static final OneOfType IOS = INT_OR_STRING.getLogicalType(OneOfType.class);
  static final FieldType DOUBLE_OR_STRING =
      GlueTypes.choiceOf(List.of(FieldType.DOUBLE, FieldType.STRING));
  static final OneOfType DOS = DOUBLE_OR_STRING.getLogicalType(OneOfType.class);
  static final Schema META = Schema.builder().addField("score", DOUBLE_OR_STRING).addStringField("tag").build();
  static final Schema ITEM = Schema.builder().addField("price", INT_OR_STRING).build();
  static final Schema RECORD =
      Schema.builder()
          .addInt64Field("id")
          .addField("size", INT_OR_STRING)
          .addRowField("meta", META)
          .addArrayField("items", FieldType.row(ITEM))
          .build();

  static Row record(long id, String sizeCase, Object size, String scoreCase, Object score, Row... items) {
    return Row.withSchema(RECORD)
        .addValues(
            id,
            size == null ? null : IOS.createValue(sizeCase, size),
            Row.withSchema(META).addValues(score == null ? null : DOS.createValue(scoreCase, score), "t").build(),
            Arrays.asList(items))
        .build();
  }

  static Row item(String priceCase, Object price) {
    return Row.withSchema(ITEM).addValue(IOS.createValue(priceCase, price)).build();
  }

  static PCollection<Row> input(Pipeline pipeline, Row... rows) {
    return pipeline.apply(Create.of(Arrays.asList(rows)).withRowSchema(RECORD));
  }

  @PipelineTest
  void thePipelineMappingThenMakeStructForAll() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> resolved =
        pipeline
            .apply(
                Create.of(
                        ApplyMappingTest.event("1", "ann", 3, "int", "2015-01-01T15:00:00Z"),
                        ApplyMappingTest.event("2", "bob", "4", "string", "2015-01-01T15:00:00Z"),
                        ApplyMappingTest.event("3", "cy", null, null, "2015-01-01T15:00:00Z"))
                    .withRowSchema(ApplyMappingTest.EVENT))
            .apply("Map", ApplyMapping.parse(ApplyMappingTest.PIPELINE_SPEC))
            .apply("Resolve", ResolveChoice.forAll("make_struct"));

    Schema count =
        Schema.builder().addNullableField("int", FieldType.INT32).addNullableField("string", FieldType.STRING).build();
    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addNullableField("type", FieldType.STRING)
            .addNullableField("actor", FieldType.STRING)
            .addNullableField("repo", FieldType.STRING)
            .addNullableField("commit_count", FieldType.row(count))
            .addNullableField("created_at", FieldType.DATETIME)
            .build();
    assertEquals(expected, resolved.getSchema());
    Object at = ApplyMappingTest.utc("2015-01-01T15:00:00Z");
    PAssert.that(resolved)
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1L, "PushEvent", "ann", "octo/hello",
                Row.withSchema(count).addValues(3, null).build(), at).build(),
            Row.withSchema(expected).addValues(2L, "PushEvent", "bob", "octo/hello",
                Row.withSchema(count).addValues(null, "4").build(), at).build(),
            Row.withSchema(expected).addValues(3L, "PushEvent", "cy", "octo/hello", null, at).build());
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void castResolvesTopLevelNestedAndArrayChoicesAndCountsFailures() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> resolved =
        input(
                pipeline,
                record(1, "int", 5, "string", "2.5", item("string", "7")),
                record(2, "string", "big", "double", 0.5, item("int", 8), item("string", "n/a")))
            .apply(
                "Resolve",
                ResolveChoice.of("size", "cast:long")
                    .and("meta.score", "cast:decimal(3,1)")
                    .and("items[].price", "cast:int"));

    Schema meta =
        Schema.builder().addNullableField("score", GlueTypes.parse("decimal(3,1)")).addStringField("tag").build();
    Schema item = Schema.builder().addNullableField("price", FieldType.INT32).build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("size", FieldType.INT64)
            .addRowField("meta", meta)
            .addArrayField("items", FieldType.row(item))
            .build();
    assertEquals(expected, resolved.getSchema());
    PAssert.that(resolved)
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1L, 5L,
                Row.withSchema(meta).addValues(new java.math.BigDecimal("2.5"), "t").build(),
                List.of(Row.withSchema(item).addValue(7).build())).build(),
            Row.withSchema(expected).addValues(2L, null,
                Row.withSchema(meta).addValues(new java.math.BigDecimal("0.5"), "t").build(),
                List.of(Row.withSchema(item).addValue(8).build(), Row.withSchema(item).addValue(null).build())).build());
    PipelineResult result = TestPipelines.runToEnd(pipeline);
    assertEquals(2, Counters.attempted(result, "Resolve.castFailures"));
  }

  @PipelineTest
  void projectKeepsOneCaseAndCountsTheOthers() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> resolved =
        input(pipeline, record(1, "int", 5, "double", 1.5), record(2, "string", "x", "string", "y"))
            .apply("Project", ResolveChoice.of("size", "project:int").and("meta.score", "project:string"));

    Schema meta =
        Schema.builder().addNullableField("score", FieldType.STRING).addStringField("tag").build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("size", FieldType.INT32)
            .addRowField("meta", meta)
            .addArrayField("items", FieldType.row(ITEM))
            .build();
    assertEquals(expected, resolved.getSchema());
    PAssert.that(resolved)
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1L, 5, Row.withSchema(meta).addValues(null, "t").build(), List.of()).build(),
            Row.withSchema(expected).addValues(2L, null, Row.withSchema(meta).addValues("y", "t").build(), List.of()).build());
    PipelineResult result = TestPipelines.runToEnd(pipeline);
    assertEquals(2, Counters.attempted(result, "Project.projectedAway"));
  }

  @PipelineTest
  void makeColsReplacesTheChoiceInPlaceWithOneColumnPerCase() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> resolved =
        input(pipeline, record(1, "int", 5, "double", 1.5), record(2, "string", "x", null, null))
            .apply(ResolveChoice.of("size", "make_cols").and("meta.score", "make_cols"));

    Schema meta =
        Schema.builder()
            .addNullableField("score_double", FieldType.DOUBLE)
            .addNullableField("score_string", FieldType.STRING)
            .addStringField("tag")
            .build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("size_int", FieldType.INT32)
            .addNullableField("size_string", FieldType.STRING)
            .addRowField("meta", meta)
            .addArrayField("items", FieldType.row(ITEM))
            .build();
    assertEquals(expected, resolved.getSchema());
    PAssert.that(resolved)
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1L, 5, null, Row.withSchema(meta).addValues(1.5, null, "t").build(), List.of()).build(),
            Row.withSchema(expected).addValues(2L, null, "x", Row.withSchema(meta).addValues(null, null, "t").build(), List.of()).build());
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void makeStructForAllReachesNestedAndArrayChoices() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> resolved =
        input(pipeline, record(1, "int", 5, "string", "hi", item("string", "7")))
            .apply(ResolveChoice.forAll("make_struct"));

    Schema intOrString =
        Schema.builder().addNullableField("int", FieldType.INT32).addNullableField("string", FieldType.STRING).build();
    Schema doubleOrString =
        Schema.builder().addNullableField("double", FieldType.DOUBLE).addNullableField("string", FieldType.STRING).build();
    Schema meta =
        Schema.builder().addNullableField("score", FieldType.row(doubleOrString)).addStringField("tag").build();
    Schema item = Schema.builder().addNullableField("price", FieldType.row(intOrString)).build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("size", FieldType.row(intOrString))
            .addRowField("meta", meta)
            .addArrayField("items", FieldType.row(item))
            .build();
    assertEquals(expected, resolved.getSchema());
    PAssert.that(resolved)
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1L,
                Row.withSchema(intOrString).addValues(5, null).build(),
                Row.withSchema(meta).addValues(Row.withSchema(doubleOrString).addValues(null, "hi").build(), "t").build(),
                List.of(Row.withSchema(item).addValue(Row.withSchema(intOrString).addValues(null, "7").build()).build())).build());
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void castWithErrorsSendsTheRecordToTheErrorOutput() {
    Pipeline pipeline = TestPipelines.create();
    Row bad = record(2, "string", "big", "double", 0.5);
    RowsWithErrors result =
        input(pipeline, record(1, "int", 5, "double", 1.5), bad)
            .apply("Strict", ResolveChoice.forAll("cast:double").withErrors());

    Schema meta = Schema.builder().addNullableField("score", FieldType.DOUBLE).addStringField("tag").build();
    Schema item = Schema.builder().addNullableField("price", FieldType.DOUBLE).build();
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("size", FieldType.DOUBLE)
            .addRowField("meta", meta)
            .addArrayField("items", FieldType.row(item))
            .build();
    assertEquals(expected, result.rows().getSchema());
    PAssert.that(result.rows())
        .containsInAnyOrder(
            Row.withSchema(expected).addValues(1L, 5.0, Row.withSchema(meta).addValues(1.5, "t").build(), List.of()).build());
    PAssert.that(result.errors())
        .containsInAnyOrder(
            ErrorRecords.forRow(
                "ResolveChoice",
                "Cannot cast 'big' from string to double at field 'size': it is not a number.",
                bad));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void constructionErrorsNameTheFieldOrListTheActions() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ResolveChoice.forAll("flatten"));
    assertEquals(
        "Unknown ResolveChoice action 'flatten'; the actions are cast:TYPE, project:TYPE, make_cols "
            + "and make_struct.",
        unknown.getMessage());
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows = input(pipeline, record(1, "int", 5, "double", 1.5));
    IllegalArgumentException notChoice =
        assertThrows(IllegalArgumentException.class, () -> rows.apply(ResolveChoice.of("meta.tag", "cast:int")));
    assertEquals(
        "Field 'meta.tag' is string, not a choice; ResolveChoice resolves only choice fields.",
        notChoice.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> rows.apply(ResolveChoice.of("meta.nope", "make_cols")));
    assertEquals("Field 'meta.nope' is not in the schema; the fields there are [score, tag].", missing.getMessage());
    IllegalArgumentException project =
        assertThrows(IllegalArgumentException.class, () -> rows.apply(ResolveChoice.of("size", "project:long")));
    assertEquals(
        "ResolveChoice cannot project:long field 'size': it is choice<int,string>; project to one of "
            + "its types, or cast.",
        project.getMessage());
    Schema tagged = Schema.builder().addArrayField("tags", INT_OR_STRING).build();
    PCollection<Row> tags =
        pipeline.apply(
            Create.of(Row.withSchema(tagged).addValue(List.of(IOS.createValue("int", 1))).build())
                .withRowSchema(tagged));
    IllegalArgumentException arrayCols =
        assertThrows(IllegalArgumentException.class, () -> tags.apply(ResolveChoice.forAll("make_cols")));
    assertEquals(
        "ResolveChoice cannot make_cols for 'tags[]', the elements of an array; use make_struct, "
            + "cast or project there.",
        arrayCols.getMessage());
  }
}
