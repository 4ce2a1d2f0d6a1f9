package dev.beamglue.transforms;

import static dev.beamglue.transforms.FilterTest.PERSON;
import static dev.beamglue.transforms.FilterTest.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class MapRowsTest {

  static final Schema LABEL =
      Schema.builder().addStringField("name").addBooleanField("adult").build();
  /** Equal to LABEL, but another instance, as a user function may build its own. */
  static final Schema LABEL_COPY =
      Schema.builder().addStringField("name").addBooleanField("adult").build();
  static final Schema OTHER =
      Schema.builder()
          .addStringField("name")
          .addStringField("adult")
          .addInt32Field("extra")
          .build();

  static Row label(String name, boolean adult) {
    return Row.withSchema(LABEL).addValues(name, adult).build();
  }

  static Row map(Row row) throws Exception {
    String name = row.getString("name");
    switch (name) {
      case "bob":
        throw new IllegalArgumentException("no bob here");
      case "cy":
        return null;
      case "boom":
        return Row.withSchema(OTHER).addValues(name, "yes", 1).build();
      case "quiet":
        return Row.withSchema(LABEL).attachValues(Arrays.asList(name, null));
      case "dan":
        return Row.withSchema(LABEL_COPY).addValues(name, true).build();
      default:
        return Row.withSchema(LABEL).addValues(name, row.getInt32("age") >= 18).build();
    }
  }

  @PipelineTest
  void mapsRowsAndSendsFailuresWithTheirReasonToErrors() {
    Pipeline pipeline = TestPipelines.create();

    RowsWithErrors labels = FilterTest.people(pipeline).apply(MapRows.via(MapRowsTest::map, LABEL));

    assertEquals(LABEL, labels.rows().getSchema());
    PAssert.that(labels.rows()).containsInAnyOrder(label("ann", true), label("dan", true));
    PAssert.that(labels.errors())
        .containsInAnyOrder(
            ErrorRecords.of("MapRows", "no bob here", "{\"name\":\"bob\",\"age\":12}", null),
            ErrorRecords.of(
                "MapRows",
                "The function returned null instead of a row.",
                "{\"name\":\"cy\",\"age\":null}",
                null),
            ErrorRecords.of(
                "MapRows",
                "The function returned a row of another schema: unexpected [extra]; "
                    + "'adult' is non-nullable string, not non-nullable boolean.",
                "{\"name\":\"boom\",\"age\":50}",
                null),
            ErrorRecords.of(
                "MapRows",
                "The function returned a row with null in the non-nullable field 'adult'.",
                "{\"name\":\"quiet\",\"age\":60}",
                null));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void namesTheFieldsThatDiffer() {
    Schema inner = Schema.builder().addStringField("a").build();
    Schema innerOther = Schema.builder().addInt64Field("a").addStringField("b").build();
    Schema expected =
        Schema.builder().addInt32Field("id").addRowField("s", inner).addStringField("x").build();
    Schema actual =
        Schema.builder()
            .addNullableInt32Field("id")
            .addRowField("s", innerOther)
            .addStringField("y")
            .build();
    assertEquals(
        "missing [x]; unexpected [y]; 'id' is nullable int, not non-nullable int; in 's': "
            + "unexpected [b]; 'a' is non-nullable long, not non-nullable string",
        UserFunctions.differences(actual, expected));
    Schema reordered = Schema.builder().addStringField("x").addInt32Field("id").build();
    assertEquals(
        "the fields are in the order [x, id], not [id, x]",
        UserFunctions.differences(
            reordered, Schema.builder().addInt32Field("id").addStringField("x").build()));
  }

  @Test
  void needsAFunctionAndASchema() {
    assertThrows(IllegalArgumentException.class, () -> MapRows.via(null, PERSON));
    assertThrows(IllegalArgumentException.class, () -> MapRows.via(row -> row, null));
    assertEquals(person("x", 1).getSchema(), MapRows.via(row -> row, PERSON).getOutputSchema());
  }
}
