package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.ApplyMapping.Mapping;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
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
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class ApplyMappingTest {

  static final FieldType SIZE = GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING));
  static final OneOfType SIZE_CASES = SIZE.getLogicalType(OneOfType.class);
  static final Schema ACTOR = Schema.builder().addStringField("login").addInt64Field("id").build();
  static final Schema REPO = Schema.builder().addStringField("name").build();
  static final Schema PAYLOAD = Schema.builder().addField("size", SIZE).build();
  /** Events shaped like the GitHub archive, with a choice where the data disagrees. */
  static final Schema EVENT =
      Schema.builder()
          .addStringField("id")
          .addStringField("type")
          .addRowField("actor", ACTOR)
          .addRowField("repo", REPO)
          .addRowField("payload", PAYLOAD)
          .addStringField("created_at")
          .addStringField("public")
          .build();

  static Row event(String id, String login, Object size, String sizeCase, String createdAt) {
    return Row.withSchema(EVENT)
        .addValues(
            id,
            "PushEvent",
            Row.withSchema(ACTOR).addValues(login, 7L).build(),
            Row.withSchema(REPO).addValue("octo/hello").build(),
            Row.withSchema(PAYLOAD)
                .addValue(size == null ? null : SIZE_CASES.createValue(sizeCase, size))
                .build(),
            createdAt,
            "true")
        .build();
  }

  static Instant utc(String iso) {
    return new Instant(java.time.Instant.parse(iso).toEpochMilli());
  }

  static final String PIPELINE_SPEC =
      "id:string->id:long, type:string->type:string, actor.login:string->actor:string, "
          + "repo.name:string->repo:string, payload.size:choice->commit_count:choice, "
          + "created_at:string->created_at:timestamp";

  static final Schema MAPPED =
      Schema.builder()
          .addNullableField("id", FieldType.INT64)
          .addNullableField("type", FieldType.STRING)
          .addNullableField("actor", FieldType.STRING)
          .addNullableField("repo", FieldType.STRING)
          .addNullableField("commit_count", SIZE)
          .addNullableField("created_at", FieldType.DATETIME)
          .build();

  @PipelineTest
  void mapsTheGithubEventsAsThePipelineDoesAndCountsFailedCasts() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> mapped =
        pipeline
            .apply(
                Create.of(
                        event("1", "ann", 3, "int", "2015-01-01T15:00:00Z"),
                        event("2", "bob", "4", "string", "2015-01-01 16:30:00"),
                        event("x3", "cy", null, null, "yesterday"))
                    .withRowSchema(EVENT))
            .apply("Map events", ApplyMapping.parse(PIPELINE_SPEC));

    assertEquals(MAPPED, mapped.getSchema());
    PAssert.that(mapped)
        .containsInAnyOrder(
            Row.withSchema(MAPPED)
                .addValues(1L, "PushEvent", "ann", "octo/hello", SIZE_CASES.createValue("int", 3),
                    utc("2015-01-01T15:00:00Z"))
                .build(),
            Row.withSchema(MAPPED)
                .addValues(2L, "PushEvent", "bob", "octo/hello", SIZE_CASES.createValue("string", "4"),
                    utc("2015-01-01T16:30:00Z"))
                .build(),
            Row.withSchema(MAPPED)
                .addValues(null, "PushEvent", "cy", "octo/hello", null, null)
                .build());
    PipelineResult result = TestPipelines.runToEnd(pipeline);
    assertEquals(2, Counters.attempted(result, "Map events.castFailures"));
  }

  @PipelineTest
  void nestedTargetsBuildOneStructPerPrefixInFirstSeenOrder() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> mapped =
        pipeline
            .apply(Create.of(event("5", "ann", 3, "int", "2015-01-01")).withRowSchema(EVENT))
            .apply(
                ApplyMapping.of(
                    Mapping.of("actor.login", "string", "user.name", "string"),
                    Mapping.of("type", "string", "kind", "string"),
                    Mapping.of("actor.id", "long", "user.id", "int"),
                    Mapping.of("actor", "struct", "user.raw.actor", "struct"),
                    Mapping.of("public", "string", "user.raw.public", "boolean"),
                    Mapping.of("payload.size", "int", "size", "decimal(4,1)"),
                    Mapping.of("created_at", "string", "day", "date")));

    Schema raw =
        Schema.builder()
            .addNullableField("actor", FieldType.row(ACTOR))
            .addNullableField("public", FieldType.BOOLEAN)
            .build();
    Schema user =
        Schema.builder()
            .addNullableField("name", FieldType.STRING)
            .addNullableField("id", FieldType.INT32)
            .addNullableField("raw", FieldType.row(raw))
            .build();
    Schema expected =
        Schema.builder()
            .addNullableField("user", FieldType.row(user))
            .addNullableField("kind", FieldType.STRING)
            .addNullableField("size", GlueTypes.parse("decimal(4,1)"))
            .addNullableField("day", GlueTypes.parse("date"))
            .build();
    assertEquals(expected, mapped.getSchema());
    Row actor = Row.withSchema(ACTOR).addValues("ann", 7L).build();
    PAssert.that(mapped)
        .containsInAnyOrder(
            Row.withSchema(expected)
                .addValues(
                    Row.withSchema(user)
                        .addValues("ann", 7, Row.withSchema(raw).addValues(actor, true).build())
                        .build(),
                    "PushEvent",
                    new BigDecimal("3.0"),
                    LocalDate.of(2015, 1, 1))
                .build());
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void backtickedNamesMayHoldDots() {
    Schema geo =
        Schema.builder()
            .addStringField("geo.lat")
            .addRowField("place", Schema.builder().addStringField("zip.code").build())
            .build();
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> mapped =
        pipeline
            .apply(
                Create.of(
                        Row.withSchema(geo)
                            .addValues(
                                "40.5",
                                Row.withSchema(geo.getField("place").getType().getRowSchema())
                                    .addValue("10001")
                                    .build())
                            .build())
                    .withRowSchema(geo))
            .apply(
                ApplyMapping.parse(
                    "`geo.lat`:string->location.lat:double, place.`zip.code`:string->`zip.code`:int"));

    Schema location = Schema.builder().addNullableField("lat", FieldType.DOUBLE).build();
    Schema expected =
        Schema.builder()
            .addNullableField("location", FieldType.row(location))
            .addNullableField("zip.code", FieldType.INT32)
            .build();
    assertEquals(expected, mapped.getSchema());
    PAssert.that(mapped)
        .containsInAnyOrder(
            Row.withSchema(expected)
                .addValues(Row.withSchema(location).addValue(40.5).build(), 10001)
                .build());
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void withErrorsSendsRecordsWithAFailedCastToTheErrorOutput() {
    Pipeline pipeline = TestPipelines.create();
    Row bad = event("x9", "dee", "many", "string", "2015-01-01T00:00:00Z");
    RowsWithErrors result =
        pipeline
            .apply(
                Create.of(event("9", "eve", 1, "int", "2015-01-01T00:00:00Z"), bad)
                    .withRowSchema(EVENT))
            .apply(
                "Map strictly",
                ApplyMapping.of(
                        Mapping.of("id", "string", "id", "long"),
                        Mapping.of("payload.size", "choice", "size", "int"))
                    .withErrors());

    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addNullableField("size", FieldType.INT32)
            .build();
    assertEquals(expected, result.rows().getSchema());
    assertEquals(ErrorRecords.SCHEMA, result.errors().getSchema());
    PAssert.that(result.rows())
        .containsInAnyOrder(Row.withSchema(expected).addValues(9L, 1).build());
    PAssert.that(result.errors())
        .containsInAnyOrder(
            ErrorRecords.forRow(
                "ApplyMapping",
                "Cannot cast 'x9' from string to long at field 'id': it is not a number. "
                    + "Cannot cast 'many' from string to int at field 'payload.size': it is not a "
                    + "number.",
                bad));
    PipelineResult run = TestPipelines.runToEnd(pipeline);
    assertEquals(2, Counters.attempted(run, "Map strictly.castFailures"));
  }

  @Test
  void aMissingSourcePathFailsWhenAppliedAndNamesTheFieldsThere() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> events =
        pipeline.apply(Create.of(event("1", "a", 1, "int", "2015-01-01")).withRowSchema(EVENT));
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> events.apply(ApplyMapping.parse("actor.name:string->name:string")));
    assertEquals(
        "Field 'actor.name' is not in the schema; the fields there are [login, id].",
        error.getMessage());
  }

  @Test
  void twoMappingsToOneTargetAreRejected() {
    IllegalArgumentException same =
        assertThrows(
            IllegalArgumentException.class,
            () -> ApplyMapping.parse("id:string->key:string, type:string->key:string"));
    assertEquals(
        "Mappings 'id:string->key:string' and 'type:string->key:string' both write target 'key'; "
            + "give each mapping its own target.",
        same.getMessage());
    IllegalArgumentException inside =
        assertThrows(
            IllegalArgumentException.class,
            () -> ApplyMapping.parse("id:string->a.b:string, type:string->a:string"));
    assertEquals(
        "Mappings 'id:string->a.b:string' and 'type:string->a:string' both write target 'a'; "
            + "give each mapping its own target.",
        inside.getMessage());
  }

  @Test
  void parseReadsPathsTypesDecimalsAndBackticks() {
    List<Mapping> mappings =
        ApplyMapping.parse(
                " price:string->cost:decimal(10, 2) ,`a.b:c`:int->x.`y.z`:Long,items:array->items:array")
            .getMappings();
    assertEquals(3, mappings.size());
    assertEquals("price:string->cost:decimal(10, 2)", mappings.get(0).toString());
    assertEquals(List.of("a.b:c"), mappings.get(1).getSourcePath().segments());
    assertEquals(FieldPath.parse("x.`y.z`"), mappings.get(1).getTargetPath());
    assertEquals("long", mappings.get(1).getTargetType());
    assertEquals("array", mappings.get(2).getSourceType());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ApplyMapping.parse("a:string->b:text"));
    assertEquals(
        "Mapping 'a:string->b:text': Unknown type 'text'; the types are " + GlueTypes.KNOWN_NAMES + ".",
        unknown.getMessage());
    IllegalArgumentException malformed =
        assertThrows(IllegalArgumentException.class, () -> ApplyMapping.parse("a:string=>b:int"));
    assertEquals(
        "Mapping 'a:string=>b:int' is not of the form source:type->target:type.",
        malformed.getMessage());
  }
}
