package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class DropNullFieldsTest {

  private static final Schema PAYLOAD =
      Schema.builder()
          .addNullableField("description", FieldType.STRING)
          .addNullableField("size", FieldType.INT32)
          .build();
  private static final Schema ACTOR =
      Schema.builder()
          .addNullableField("login", FieldType.STRING)
          .addNullableField("url", FieldType.STRING)
          .build();
  private static final Schema META =
      Schema.builder()
          .addNullableField("a", FieldType.STRING)
          .addNullableField("inner", FieldType.row(ACTOR))
          .build();
  private static final Schema EVENT =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("org", FieldType.STRING)
          .addNullableField("payload", FieldType.row(PAYLOAD))
          .addNullableField("actor", FieldType.row(ACTOR))
          .addRowField("meta", META)
          .addNullableField("tags", FieldType.array(FieldType.STRING))
          .addNullableField("labels", FieldType.map(FieldType.STRING, FieldType.STRING))
          .addNullableField("user.name", FieldType.STRING)
          .build();

  private static Row event(long id, Row payload, List<String> tags) {
    return Row.withSchema(EVENT)
        .addValues(
            id,
            null,
            payload,
            null,
            Row.withSchema(META).addValues(null, null).build(),
            tags,
            null,
            null)
        .build();
  }

  private static Row payload(String description, Integer size) {
    return Row.withSchema(PAYLOAD).addValues(description, size).build();
  }

  @PipelineTest
  void listsFieldsNullInEveryRecordNestedIncluded() {
    Pipeline pipeline = TestPipelines.create();
    List<Row> events =
        List.of(
            event(1, payload(null, 3), Collections.emptyList()),
            event(2, null, null),
            event(3, payload(null, null), null));
    PCollection<Row> input = pipeline.apply(Create.of(events).withRowSchema(EVENT));

    DropNullFields.Result result = input.apply(DropNullFields.create());

    assertEquals(EVENT, result.rows().getSchema());
    PAssert.that(result.rows()).containsInAnyOrder(events);
    // tags is kept: an empty array is not null. meta is listed alone: all its fields are dropped.
    PAssert.that(result.nullFields())
        .containsInAnyOrder(
            List.of("`user.name`", "actor", "labels", "meta", "org", "payload.description"));
    TestPipelines.runToEnd(pipeline);
  }

  /** Prunes each row with the paths of the side input, as a sink does; emits its string form. */
  private static final class PruneWith extends DoFn<Row, String> {
    private final PCollectionView<List<String>> view;

    PruneWith(PCollectionView<List<String>> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Schema schema = DropNullFields.prune(EVENT, c.sideInput(view));
      c.output(DropNullFields.prune(c.element(), schema).toString());
    }
  }

  @PipelineTest
  void sideInputPrunesRowsAndEmptyInputDropsNothing() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input =
        pipeline.apply(
            "events",
            Create.of(event(1, payload("d", null), List.of("x"))).withRowSchema(EVENT));
    PCollectionView<List<String>> view = input.apply(DropNullFields.create()).nullFieldsView();
    PCollection<String> pruned =
        input.apply(
            ParDo.of(new PruneWith(view))
                .withSideInputs(view));
    Schema expected =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField(
                "payload",
                FieldType.row(Schema.builder().addNullableField("description", FieldType.STRING).build()))
            .addNullableField("tags", FieldType.array(FieldType.STRING))
            .build();
    PAssert.that(pruned)
        .containsInAnyOrder(
            Row.withSchema(expected)
                .addValues(
                    1L,
                    Row.withSchema(expected.getField("payload").getType().getRowSchema())
                        .addValue("d")
                        .build(),
                    List.of("x"))
                .build()
                .toString());

    PCollection<Row> empty = pipeline.apply("empty", Create.empty(EVENT));
    PAssert.that(empty.apply("drop on empty", DropNullFields.create()).nullFields())
        .containsInAnyOrder(Collections.<String>emptyList());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void pruneRemovesNestedPathsAndEmptiedStructs() {
    Schema pruned =
        DropNullFields.prune(EVENT, List.of("org", "payload.size", "meta.a", "meta.inner", "`user.name`"));

    assertEquals(
        List.of("id", "payload", "actor", "tags", "labels"), pruned.getFieldNames());
    assertEquals(List.of("description"), pruned.getField("payload").getType().getRowSchema().getFieldNames());
    assertTrue(pruned.getField("payload").getType().getNullable());

    Row row = event(7, payload("text", 4), List.of("a"));
    Row prunedRow = DropNullFields.prune(row, pruned);
    assertEquals(pruned, prunedRow.getSchema());
    assertEquals(7L, prunedRow.getInt64("id"));
    assertEquals("text", prunedRow.getRow("payload").getString("description"));
    assertEquals(List.of("a"), prunedRow.getArray("tags"));
    assertSame(row, DropNullFields.prune(row, EVENT));
    assertSame(EVENT, DropNullFields.prune(EVENT, List.of()));
  }

  @Test
  void pruneNamesAnUnknownPath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DropNullFields.prune(EVENT, List.of("payload.nope")));
    assertTrue(e.getMessage().contains("payload.nope"), e.getMessage());
  }
}
