package dev.beamglue.transforms.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class RatioTest {

  static final Schema RETURNS =
      Schema.builder()
          .addStringField("zip")
          .addNullableInt64Field("joint")
          .addNullableDoubleField("returns")
          .build();

  static final Schema WITH_RATIO =
      Schema.builder()
          .addStringField("zip")
          .addNullableInt64Field("joint")
          .addNullableDoubleField("returns")
          .addNullableDoubleField("share")
          .build();

  static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).attachValues(Arrays.asList(values));
  }

  @PipelineTest
  void appendsTheRatioAndNullWhereItHasNoValue() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows =
        pipeline.apply(
            Create.of(
                    row(RETURNS, "a", 1L, 4.0),
                    row(RETURNS, "b", 3L, 0.0),
                    row(RETURNS, "c", null, 2.0),
                    row(RETURNS, "d", 2L, null),
                    row(RETURNS, "e", 0L, 3.0))
                .withRowSchema(RETURNS));

    PCollection<Row> ratios = rows.apply(Ratio.of("joint", "returns").as("share"));

    assertEquals(WITH_RATIO, ratios.getSchema());
    PAssert.that(ratios)
        .containsInAnyOrder(
            row(WITH_RATIO, "a", 1L, 4.0, 0.25),
            row(WITH_RATIO, "b", 3L, 0.0, null),
            row(WITH_RATIO, "c", null, 2.0, null),
            row(WITH_RATIO, "d", 2L, null, null),
            row(WITH_RATIO, "e", 0L, 3.0, 0.0));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void needsNumericColumnsAndANewName() {
    assertEquals(
        "The ratio share divides 'zip', a STRING column; it needs numbers.",
        assertThrows(
                IllegalArgumentException.class,
                () -> Ratio.of("zip", "returns").as("share").outputSchema(RETURNS))
            .getMessage());
    assertEquals(
        "The ratio column 'joint' is already a field of the rows.",
        assertThrows(
                IllegalArgumentException.class,
                () -> Ratio.of("joint", "returns").as("joint").outputSchema(RETURNS))
            .getMessage());
    assertEquals(
        "Name the ratio of 'joint' and 'returns' with .as(name).",
        assertThrows(
                IllegalArgumentException.class,
                () -> Ratio.of("joint", "returns").outputSchema(RETURNS))
            .getMessage());
  }
}
