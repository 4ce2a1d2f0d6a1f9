package dev.beamglue.transforms;

import static dev.beamglue.transforms.JoinTest.frame;
import static dev.beamglue.transforms.JoinTest.rows;
import static dev.beamglue.transforms.JoinTest.v;
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

class MergeFramesTest {

  static final Schema SOURCE =
      Schema.builder().addNullableField("id", FieldType.INT32).addStringField("name")
          .addInt32Field("v").build();
  static final Schema STAGING =
      Schema.builder().addNullableField("id", FieldType.INT64).addStringField("name")
          .addNullableField("note", FieldType.STRING).build();

  @PipelineTest
  void stagingRecordsReplaceSourceRecordsOfTheirKeyAndTheRestIsKept() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> source =
        frame(pipeline, "Source", SOURCE,
            v(1, "a", 10), v(2, "b", 20), v(2, "b2", 21), v(3, "c", 30), v(null, "n", 0));
    PCollection<Row> staging =
        frame(pipeline, "Staging", STAGING,
            v(1L, "A", "upd"), v(3L, "C1", "x"), v(3L, "C2", "y"), v(4L, "D", null),
            v(null, "N", "nk"));
    PCollection<Row> merged = MergeFrames.frames(source, staging).apply(MergeFrames.on("id"));

    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addStringField("name")
            .addNullableField("v", FieldType.INT32)
            .addNullableField("note", FieldType.STRING)
            .build();
    assertEquals(expected, merged.getSchema());
    PAssert.that(merged)
        .containsInAnyOrder(
            rows(
                expected,
                v(1L, "A", null, "upd"), // replaced
                v(2L, "b", 20, null), // kept, duplicates in the source too
                v(2L, "b2", 21, null),
                v(3L, "C1", null, "x"), // both staging records with key 3 replace "c"
                v(3L, "C2", null, "y"),
                v(4L, "D", null, null), // new in staging
                v(null, "n", 0, null), // a null key replaces nothing
                v(null, "N", null, "nk")));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void aPrimaryKeyMissingFromAFrameIsNamed() {
    Pipeline pipeline = Pipeline.create();
    PCollection<Row> source = pipeline.apply("Source", Create.empty(SOURCE));
    PCollection<Row> staging = pipeline.apply("Staging", Create.empty(STAGING));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MergeFrames.frames(source, staging).apply(MergeFrames.on("id", "v")));
    assertEquals(
        "MergeFrames, staging key: Field 'v' is not in the schema; the fields there are"
            + " [id, name, note].",
        e.getMessage());
  }
}
