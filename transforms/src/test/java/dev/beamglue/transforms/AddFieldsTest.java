package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class AddFieldsTest {

  static final Schema PARK = Schema.builder().addStringField("id").build();
  static final Schema DATED =
      Schema.builder()
          .addStringField("id")
          .addNullableStringField("year")
          .addNullableStringField("month")
          .build();

  @PipelineTest
  void appendsTheConstantsInOrder() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> dated =
        pipeline
            .apply(Create.of(Row.withSchema(PARK).addValue("B001").build(),
                    Row.withSchema(PARK).addValue("B002").build())
                .withRowSchema(PARK))
            .apply(AddFields.constant("year", "2016").and("month", "04"));
    assertEquals(DATED, dated.getSchema());
    PAssert.that(dated)
        .containsInAnyOrder(
            Row.withSchema(DATED).addValues("B001", "2016", "04").build(),
            Row.withSchema(DATED).addValues("B002", "2016", "04").build());
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void refusesAFieldTheRowsHave() {
    IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
        () -> AddFields.constant("id", "x").outputSchema(PARK));
    assertEquals("AddFields cannot add 'id': the rows already have a field of that name.",
        taken.getMessage());
  }
}
