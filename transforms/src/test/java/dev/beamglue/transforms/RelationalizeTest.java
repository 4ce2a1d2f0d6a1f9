package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelationalizeTest {

  static final Schema AUTHOR =
      Schema.builder().addNullableStringField("name").addNullableStringField("email").build();
  static final Schema COMMIT =
      Schema.builder()
          .addStringField("sha")
          .addNullableRowField("author", AUTHOR)
          .addNullableArrayField("files", FieldType.STRING)
          .build();
  static final Schema PAYLOAD =
      Schema.builder()
          .addNullableInt32Field("size")
          .addNullableArrayField("commits", FieldType.row(COMMIT))
          .build();
  static final Schema ACTOR = Schema.builder().addStringField("login").addInt64Field("id").build();
  static final Schema REPO = Schema.builder().addNullableStringField("full.name").build();
  static final FieldType INTS = FieldType.array(FieldType.INT32).withNullable(true);
  static final Schema EVENT =
      Schema.builder()
          .addNullableStringField("id")
          .addNullableRowField("actor", ACTOR)
          .addNullableRowField("repo", REPO)
          .addNullableRowField("payload", PAYLOAD)
          .addNullableArrayField("labels", FieldType.STRING)
          .addNullableArrayField("matrix", INTS)
          .addNullableMapField("attrs", FieldType.STRING, FieldType.STRING)
          .build();

  static final Row E1 =
      event(
          "e1",
          Row.withSchema(ACTOR).addValues("ann", 1L).build(),
          Row.withSchema(REPO).addValue("octo/hello").build(),
          Row.withSchema(PAYLOAD)
              .addValues(
                  2,
                  List.of(
                      commit("a1", Row.withSchema(AUTHOR).addValues("ann", "ann@x").build(), List.of("f1", "f2")),
                      commit("b2", null, List.of())))
              .build(),
          List.of("bug", "ui"),
          List.of(List.of(1, 2), List.of(3)),
          Map.of("k", "v"));
  static final Row E2 =
      event(
          "e2",
          null,
          Row.withSchema(REPO).addValue("octo/world").build(),
          Row.withSchema(PAYLOAD).addValues(0, List.of()).build(),
          null,
          Arrays.asList(List.of(), null),
          null);
  static final Row E3 =
      event("e3", Row.withSchema(ACTOR).addValues("bob", 2L).build(), null, null, List.of(), null, Map.of());

  static Row commit(String sha, Row author, List<String> files) {
    return Row.withSchema(COMMIT).addValues(sha, author, files).build();
  }

  static Row event(
      String id, Row actor, Row repo, Row payload, List<String> labels, List<List<Integer>> matrix,
      Map<String, String> attrs) {
    return Row.withSchema(EVENT).addValues(id, actor, repo, payload, labels, matrix, attrs).build();
  }

  static PCollection<Row> events(Pipeline pipeline, Row... rows) {
    return pipeline.apply(Create.of(Arrays.asList(rows)).withRowSchema(EVENT));
  }

  static Schema table(Object... columns) {
    Schema.Builder builder = Schema.builder();
    for (int i = 0; i < columns.length; i += 2) {
      builder.addNullableField((String) columns[i], (FieldType) columns[i + 1]);
    }
    return builder.build();
  }

  static final Schema EVENTS =
      table("id", FieldType.STRING, "actor.login", FieldType.STRING, "actor.id", FieldType.INT64,
          "repo.full.name", FieldType.STRING, "payload.size", FieldType.INT32,
          "payload.commits", FieldType.INT64, "labels", FieldType.INT64, "matrix", FieldType.INT64,
          "attrs", FieldType.map(FieldType.STRING, FieldType.STRING));
  static final Schema COMMITS =
      table("id", FieldType.INT64, "index", FieldType.INT32,
          "payload.commits.val.sha", FieldType.STRING,
          "payload.commits.val.author.name", FieldType.STRING,
          "payload.commits.val.author.email", FieldType.STRING,
          "payload.commits.val.files", FieldType.INT64);
  static final Schema FILES =
      table("id", FieldType.INT64, "index", FieldType.INT32,
          "payload.commits.val.files.val", FieldType.STRING);
  static final Schema LABELS =
      table("id", FieldType.INT64, "index", FieldType.INT32, "labels.val", FieldType.STRING);
  static final Schema MATRIX =
      table("id", FieldType.INT64, "index", FieldType.INT32, "matrix.val", FieldType.INT64);
  static final Schema MATRIX_VAL =
      table("id", FieldType.INT64, "index", FieldType.INT32, "matrix.val.val", FieldType.INT32);

  /** A non-null join key, as {@link Masked} shows it (real keys are never negative). */
  static final long K = -1L;

  static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).addValues(values).build();
  }

  @PipelineTest
  void makesGluesTablesWithSchemasAndRows() {
    Pipeline pipeline = TestPipelines.create();
    Relationalize.Tables tables = events(pipeline, E1, E2, E3).apply("Relationalize", Relationalize.root("events"));

    assertEquals(
        List.of("events", "events_payload.commits", "events_payload.commits.val.files", "events_labels",
            "events_matrix", "events_matrix.val"),
        tables.names());
    List<Schema> expectedSchemas = List.of(EVENTS, COMMITS, FILES, LABELS, MATRIX, MATRIX_VAL);
    for (int i = 0; i < expectedSchemas.size(); i++) {
      assertEquals(expectedSchemas.get(i), tables.table(tables.names().get(i)).getSchema(), tables.names().get(i));
    }
    assertEquals(tables.names(), List.copyOf(tables.all().keySet()));

    PAssert.that(masked(tables, "events", "payload.commits", "labels", "matrix"))
        .containsInAnyOrder(
            row(EVENTS, "e1", "ann", 1L, "octo/hello", 2, K, K, K, Map.of("k", "v")),
            row(EVENTS, "e2", null, null, "octo/world", 0, K, null, K, null),
            row(EVENTS, "e3", "bob", 2L, null, null, null, K, null, Map.of()));
    PAssert.that(masked(tables, "events_payload.commits", "id", "payload.commits.val.files"))
        .containsInAnyOrder(
            row(COMMITS, K, 0, "a1", "ann", "ann@x", K), row(COMMITS, K, 1, "b2", null, null, K));
    PAssert.that(masked(tables, "events_payload.commits.val.files", "id"))
        .containsInAnyOrder(row(FILES, K, 0, "f1"), row(FILES, K, 1, "f2"));
    PAssert.that(masked(tables, "events_labels", "id"))
        .containsInAnyOrder(row(LABELS, K, 0, "bug"), row(LABELS, K, 1, "ui"));
    PAssert.that(masked(tables, "events_matrix", "id", "matrix.val"))
        .containsInAnyOrder(
            row(MATRIX, K, 0, K), row(MATRIX, K, 1, K), row(MATRIX, K, 0, K), row(MATRIX, K, 1, null));
    PAssert.that(masked(tables, "events_matrix.val", "id"))
        .containsInAnyOrder(row(MATRIX_VAL, K, 0, 1), row(MATRIX_VAL, K, 1, 2), row(MATRIX_VAL, K, 0, 3));
    PAssert.that(tables.errors()).empty();
    assertEquals(ErrorRecords.SCHEMA, tables.errors().getSchema());

    // Joining every child back to its parent on the keys rebuilds the input exactly.
    PAssert.that(RelationalizeRebuild.rebuild(pipeline, tables, "events", EVENT)).containsInAnyOrder(E1, E2, E3);
    TestPipelines.runToEnd(pipeline);
  }

  /** The table's rows with each non-null key column shown as {@link #K}. */
  static PCollection<Row> masked(Relationalize.Tables tables, String table, String... keyColumns) {
    PCollection<Row> rows = tables.table(table);
    return rows.apply("Mask " + table, ParDo.of(new Masked(rows.getSchema(), keyColumns)))
        .setRowSchema(rows.getSchema());
  }

  static final class Masked extends DoFn<Row, Row> {
    private final Schema schema;
    private final Set<String> keys;

    Masked(Schema schema, String... keys) {
      this.schema = schema;
      this.keys = new HashSet<>(Arrays.asList(keys));
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      if (!row.getSchema().equals(schema)) {
        throw new AssertionError("A row of " + row.getSchema() + " in a table of " + schema);
      }
      List<Object> values = new ArrayList<>(row.getValues());
      for (String key : keys) {
        int index = schema.indexOf(key);
        Long value = row.getInt64(index);
        if (value != null && value < 0) {
          throw new AssertionError("A negative key in " + key + ": " + value);
        }
        values.set(index, value == null ? null : K);
      }
      out.output(Row.withSchema(schema).addValues(values).build());
    }
  }

  /** The labels key of E1 on every runner and rerun; a change here breaks users' stored joins. */
  static final long E1_LABELS_KEY = 5095238436505193224L;

  @PipelineTest
  void keysAreTheSameOnEveryRun(@TempDir Path dir) throws IOException {
    String first = dir.resolve("first").toString();
    Pipeline pipeline = TestPipelines.create();
    RelationalizeRebuild.keyLines(events(pipeline, E1, E2, E3).apply(Relationalize.root("events")))
        .apply(org.apache.beam.sdk.io.TextIO.write().to(first).withoutSharding());
    TestPipelines.runToEnd(pipeline);
    List<String> lines = Files.readAllLines(Path.of(first), StandardCharsets.UTF_8);
    assertEquals(3 + 2 + 2 + 2 + 4 + 3, lines.size());
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("events {\"id\":\"e1\"")
        && line.contains("\"labels\":" + E1_LABELS_KEY + ",")), String.join("\n", lines));

    Pipeline again = TestPipelines.create();
    PCollection<String> secondLines =
        RelationalizeRebuild.keyLines(events(again, E3, E2, E1).apply(Relationalize.root("events")));
    PAssert.that(secondLines).containsInAnyOrder(lines);
    TestPipelines.runToEnd(again);
  }

  @PipelineTest
  void identicalRecordsShareTheirKeysWithContentHashing() {
    Pipeline pipeline = TestPipelines.create();
    Row one = event("x", null, null, null, List.of("a"), null, null);
    Relationalize.Tables tables = events(pipeline, one, one).apply(Relationalize.root("r"));
    PAssert.that(tables.table("r"))
        .satisfies(
            rows -> {
              List<Long> keys = new ArrayList<>();
              rows.forEach(r -> keys.add(r.getInt64("labels")));
              assertEquals(2, keys.size());
              assertEquals(keys.get(0), keys.get(1));
              return null;
            });
    PAssert.that(masked(tables, "r_labels", "id"))
        .containsInAnyOrder(row(tables.table("r_labels").getSchema(), K, 0, "a"),
            row(tables.table("r_labels").getSchema(), K, 0, "a"));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void withIdFromKeysByTheIdAloneAndSendsNullIdsToErrors() {
    Pipeline pipeline = TestPipelines.create();
    Row first = event("same", null, null, null, List.of("a"), null, null);
    Row other = event("same", Row.withSchema(ACTOR).addValues("z", 9L).build(), null, null, List.of("b"), null, null);
    Row noId = event(null, null, null, null, List.of("c"), null, null);
    Relationalize.Tables tables =
        events(pipeline, first, other, noId).apply(Relationalize.root("r").withIdFrom("id"));
    PAssert.that(tables.table("r"))
        .satisfies(
            rows -> {
              Set<Long> keys = new HashSet<>();
              int count = 0;
              for (Row r : rows) {
                keys.add(r.getInt64("labels"));
                count++;
              }
              assertEquals(2, count);
              assertEquals(1, keys.size(), "one id, one key: " + keys);
              return null;
            });
    PAssert.that(tables.errors())
        .satisfies(
            errors -> {
              List<Row> all = new ArrayList<>();
              errors.forEach(all::add);
              assertEquals(1, all.size());
              assertEquals(Relationalize.STEP, ErrorRecords.step(all.get(0)));
              assertTrue(ErrorRecords.reason(all.get(0)).contains("id field is null"), ErrorRecords.reason(all.get(0)));
              assertTrue(ErrorRecords.input(all.get(0)).contains("\"c\""));
              return null;
            });
    PAssert.that(masked(tables, "r_labels", "id"))
        .containsInAnyOrder(row(tables.table("r_labels").getSchema(), K, 0, "a"),
            row(tables.table("r_labels").getSchema(), K, 0, "b"));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void refusesAChoiceAndNamesTheColumn() {
    Schema inner = Schema.builder()
        .addField("size", GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING))).build();
    Schema schema = Schema.builder().addNullableArrayField("items", FieldType.row(inner)).build();
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.empty(SchemaCoder.of(schema)));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> input.apply(Relationalize.root("r")));
    assertTrue(error.getMessage().contains("'items.val.size'"), error.getMessage());
    assertTrue(error.getMessage().contains("run ResolveChoice"), error.getMessage());
  }

  @Test
  void refusesNamesThatCollideAndUnknownTablesAndIds() {
    Schema a = Schema.builder().addNullableStringField("b").build();
    Schema schema = Schema.builder().addNullableRowField("a", a).addNullableStringField("a.b").build();
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> colliding = pipeline.apply("Colliding", Create.empty(SchemaCoder.of(schema)));
    IllegalArgumentException collision =
        assertThrows(IllegalArgumentException.class, () -> colliding.apply(Relationalize.root("r")));
    assertTrue(collision.getMessage().contains("two columns named 'a.b'"), collision.getMessage());

    PCollection<Row> input = pipeline.apply("Events", Create.empty(SchemaCoder.of(EVENT)));
    Relationalize.Tables tables = input.apply("Ok", Relationalize.root("events"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> tables.table("events_nope"));
    assertTrue(unknown.getMessage().contains("events_labels"), unknown.getMessage());
    IllegalArgumentException badId =
        assertThrows(IllegalArgumentException.class, () -> input.apply("Bad id", Relationalize.root("events").withIdFrom("actor.nope")));
    assertTrue(badId.getMessage().contains("actor.nope"), badId.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Relationalize.root(""));
  }

  @Test
  void keysAreHashesOfBytesWithAFixedValue() {
    long[] digest = RelationalizeKeys.contentDigest(E1);
    long key = RelationalizeKeys.key("events_labels".getBytes(StandardCharsets.UTF_8), digest[0], digest[1]);
    assertEquals(E1_LABELS_KEY, key);
    // A map's entries hash the same whatever order it iterates in.
    Row ordered = event("m", null, null, null, null, null, new java.util.LinkedHashMap<>(Map.of("a", "1")));
    java.util.LinkedHashMap<String, String> ab = new java.util.LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    java.util.LinkedHashMap<String, String> ba = new java.util.LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    assertEquals(
        Arrays.toString(RelationalizeKeys.contentDigest(event("m", null, null, null, null, null, ab))),
        Arrays.toString(RelationalizeKeys.contentDigest(event("m", null, null, null, null, null, ba))));
    assertTrue(!Arrays.equals(RelationalizeKeys.contentDigest(ordered),
        RelationalizeKeys.contentDigest(event("m", null, null, null, null, null, ab))));
  }
}
