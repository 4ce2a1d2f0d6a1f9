package dev.beamglue.transforms.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class OneHotTest {

  static final Schema PLACES =
      Schema.builder()
          .addStringField("id")
          .addNullableStringField("Borough")
          .addInt32Field("n")
          .build();

  static Row place(String id, String borough, int n) {
    return Row.withSchema(PLACES).attachValues(Arrays.asList(id, borough, n));
  }

  static PCollection<Row> places(Pipeline pipeline) {
    return pipeline.apply(
        Create.of(place("a", "B", 1), place("b", "X", 2), place("c", "Z", 3), place("d", null, 4))
            .withRowSchema(PLACES));
  }

  static Row row(Schema schema, Object... values) {
    return Row.withSchema(schema).attachValues(Arrays.asList(values));
  }

  @PipelineTest
  void replacesTheColumnByOneColumnPerCategoryAndSendsOtherValuesToErrors() {
    Pipeline pipeline = TestPipelines.create();

    RowsWithErrors encoded = places(pipeline).apply(OneHot.of("Borough", List.of("B", "M", "X")));

    Schema expected =
        Schema.builder()
            .addStringField("id")
            .addInt32Field("Borough_B")
            .addInt32Field("Borough_M")
            .addInt32Field("Borough_X")
            .addInt32Field("n")
            .build();
    assertEquals(expected, encoded.rows().getSchema());
    PAssert.that(encoded.rows())
        .containsInAnyOrder(row(expected, "a", 1, 0, 0, 1), row(expected, "b", 0, 0, 1, 2));
    PAssert.that(encoded.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "OneHot",
                "The value 'Z' of 'Borough' is not one of the categories [B, M, X].",
                "{\"id\":\"c\",\"Borough\":\"Z\",\"n\":3}",
                null),
            ErrorRecords.of(
                "OneHot",
                "The value of 'Borough' is null, not one of the categories [B, M, X].",
                "{\"id\":\"d\",\"Borough\":null,\"n\":4}",
                null));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void keepsTheColumnAndCountsOtherValuesInTheirOwnColumn() {
    Pipeline pipeline = TestPipelines.create();

    RowsWithErrors encoded =
        places(pipeline).apply(OneHot.of("Borough", List.of("X", "B")).withColumnKept().withOther());

    Schema expected =
        Schema.builder()
            .addStringField("id")
            .addNullableStringField("Borough")
            .addInt32Field("Borough_X")
            .addInt32Field("Borough_B")
            .addInt32Field("Borough_other")
            .addInt32Field("n")
            .build();
    assertEquals(expected, encoded.rows().getSchema());
    PAssert.that(encoded.rows())
        .containsInAnyOrder(
            row(expected, "a", "B", 0, 1, 0, 1),
            row(expected, "b", "X", 1, 0, 0, 2),
            row(expected, "c", "Z", 0, 0, 1, 3),
            row(expected, "d", null, 0, 0, 1, 4));
    PAssert.that(encoded.errors()).empty();
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void saysWhatIsWrongWithTheColumnOrTheCategories() {
    assertEquals(
        "OneHot encodes 'Zone', which is not a field of the rows: [id, Borough, n].",
        assertThrows(
                IllegalArgumentException.class,
                () -> OneHot.of("Zone", List.of("a")).outputSchema(PLACES))
            .getMessage());
    assertEquals(
        "OneHot encodes string columns; 'n' is INT32.",
        assertThrows(
                IllegalArgumentException.class, () -> OneHot.of("n", List.of("1")).outputSchema(PLACES))
            .getMessage());
    Schema clash = Schema.builder().addStringField("Borough").addInt32Field("Borough_B").build();
    assertEquals(
        "OneHot on 'Borough' would add the column 'Borough_B', which the rows already have.",
        assertThrows(
                IllegalArgumentException.class,
                () -> OneHot.of("Borough", List.of("B")).outputSchema(clash))
            .getMessage());
    assertEquals(
        "The categories of OneHot on 'Borough' must be distinct and not null: [B, B].",
        assertThrows(IllegalArgumentException.class, () -> OneHot.of("Borough", List.of("B", "B")))
            .getMessage());
    assertEquals(
        List.of("Borough_B", "Borough_M", "Borough_other"),
        OneHot.of("Borough", List.of("B", "M")).withOther().columnNames());
  }
}
