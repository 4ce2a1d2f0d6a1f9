package dev.beamglue.transforms.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class DropRowsTest {

  static final Schema SWINGS =
      Schema.builder()
          .addStringField("id")
          .addNullableStringField("Accessible")
          .addNullableStringField("Adaptive_Swing")
          .addNullableInt64Field("n")
          .build();

  static Row swing(String id, String accessible, String swing, Long n) {
    return Row.withSchema(SWINGS).attachValues(Arrays.asList(id, accessible, swing, n));
  }

  /** The attempted value of {@code beamglue:<name>}, summed over steps. */
  static long counter(PipelineResult result, String name) {
    long total = 0;
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(DropRows.NAMESPACE, name))
                    .build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  @PipelineTest
  void dropsRowsHoldingAValueOrNullsAndCountsThem() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows =
        pipeline
            .apply(
                Create.of(
                        swing("a", "Y", "N", 1L),
                        swing("b", "**", "N", 2L),
                        swing("c", "N", "**", 3L),
                        swing("d", "N", null, 4L),
                        swing("e", "Y", "Y", null),
                        swing("f", "N", "N", 6L))
                    .withRowSchema(SWINGS))
            .apply(CountRows.as("DropRowsTest.in"));

    PCollection<Row> known =
        rows.apply(
            "Known",
            DropRows.holding("**", "Accessible", "Adaptive_Swing").countedAs("DropRowsTest.stars"));
    PCollection<Row> complete =
        known.apply("Complete", DropRows.withNullIn().countedAs("DropRowsTest.nulls"));
    PCollection<Row> swingKnown =
        rows.apply("Swing known", DropRows.withNullIn("Adaptive_Swing"));

    assertEquals(SWINGS, known.getSchema());
    assertEquals(SWINGS, complete.getSchema());
    PAssert.that(known)
        .containsInAnyOrder(
            swing("a", "Y", "N", 1L),
            swing("d", "N", null, 4L),
            swing("e", "Y", "Y", null),
            swing("f", "N", "N", 6L));
    PAssert.that(complete).containsInAnyOrder(swing("a", "Y", "N", 1L), swing("f", "N", "N", 6L));
    PAssert.that(swingKnown)
        .containsInAnyOrder(
            swing("a", "Y", "N", 1L),
            swing("b", "**", "N", 2L),
            swing("c", "N", "**", 3L),
            swing("e", "Y", "Y", null),
            swing("f", "N", "N", 6L));
    PipelineResult result = TestPipelines.runToEnd(pipeline);
    assertEquals(6, counter(result, "DropRowsTest.in"));
    assertEquals(2, counter(result, "DropRowsTest.stars"));
    assertEquals(2, counter(result, "DropRowsTest.nulls"));
    assertEquals(1, counter(result, DropRows.DEFAULT_COUNTER));
  }

  @Test
  void namesAMissingField() {
    assertEquals(
        "DropRows looks at 'Level', which is not a field of the rows: "
            + "[id, Accessible, Adaptive_Swing, n].",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TestPipelines.create()
                        .apply(Create.of(swing("a", "Y", "N", 1L)).withRowSchema(SWINGS))
                        .apply(DropRows.holding("**", "Level")))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> DropRows.holding(null, "Level"));
    assertThrows(IllegalArgumentException.class, () -> DropRows.holding("**"));
  }
}
