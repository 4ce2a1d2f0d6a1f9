package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class ExplodeValuesTest {

  static final Schema PARK =
      Schema.builder().addStringField("id").addNullableStringField("zip").build();

  static Row park(String id, String zip) {
    return Row.withSchema(PARK).addValues(id, zip).build();
  }

  @PipelineTest
  void oneRowPerValueNullPassesAndBadValuesGoToErrors() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> parks =
        pipeline.apply(
            Create.of(
                    park("B001", "11222"),
                    park("B018", "11236, 11239"),
                    park("B166", "11208,, 11209, 1"),
                    park("X001", null),
                    park("X002", " "))
                .withRowSchema(PARK));

    RowsWithErrors split =
        parks.apply(ExplodeValues.of("zip", ",").withValuePattern("\\d{5}", "a five-digit code"));

    assertEquals(PARK, split.rows().getSchema());
    assertEquals(ErrorRecords.SCHEMA, split.errors().getSchema());
    PAssert.that(split.rows())
        .containsInAnyOrder(
            park("B001", "11222"),
            park("B018", "11236"),
            park("B018", "11239"),
            park("B166", "11208"),
            park("B166", "11209"),
            park("X001", null),
            park("X002", " "));
    PAssert.that(split.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "ExplodeValues",
                "The zip value '1' (value 4 of 4 in '11208,, 11209, 1') is not a five-digit code.",
                "{\"id\":\"B166\",\"zip\":\"11208,, 11209, 1\"}",
                null));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void refusesAMissingOrNonStringField() {
    Pipeline pipeline = Pipeline.create();
    Schema numbers = Schema.builder().addInt64Field("n").build();
    PCollection<Row> rows =
        pipeline.apply(Create.of(Row.withSchema(numbers).addValue(1L).build())
            .withRowSchema(numbers));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> rows.apply(ExplodeValues.of("zip", ",")));
    assertEquals("ExplodeValues cannot split field 'zip': the rows have only [n].",
        missing.getMessage());
    IllegalArgumentException typed =
        assertThrows(IllegalArgumentException.class, () -> rows.apply(ExplodeValues.of("n", ",")));
    assertEquals("ExplodeValues splits string fields, and 'n' is INT64.", typed.getMessage());
  }
}
