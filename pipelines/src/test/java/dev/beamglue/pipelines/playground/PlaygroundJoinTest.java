package dev.beamglue.pipelines.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;

/** The transform stage's join on tiny rows shaped as the crawled raw tables. */
class PlaygroundJoinTest {

  /** Income as a crawled CSV: zipcode a string (a file with leading zeros), mars1 lower case. */
  static final Schema INCOME = nullable(Schema.builder()
      .addInt64Field("STATEFIPS").addStringField("STATE").addStringField("zipcode")
      .addInt64Field("agi_stub").addInt64Field("N1").addInt64Field("mars1")
      .addInt64Field("MARS2").addInt64Field("MARS4").addInt64Field("PREP").addInt64Field("N2")
      .addInt64Field("NUMDEP").addInt64Field("TOTAL_VITA").addInt64Field("VITA")
      .addInt64Field("TCE").addInt64Field("A00100").addStringField("year").build());

  static final Schema PARKS = nullable(Schema.builder()
      .addStringField("Prop_ID").addStringField("Name").addStringField("Location")
      .addStringField("Zip").addStringField("year").addStringField("month")
      .addStringField("day").build());

  static final Schema PLAYGROUNDS = nullable(Schema.builder()
      .addStringField("Prop_ID").addStringField("Playground_ID").addStringField("School_ID")
      .addStringField("Status").addStringField("Name").addStringField("Location")
      .addStringField("Accessible").addStringField("Level").addStringField("Adaptive_Swing")
      .addStringField("lat").addStringField("lon").addStringField("year")
      .addStringField("month").addStringField("day").build());

  /** The processed rows, column by column as the stage writes them. */
  static final Schema PROCESSED = nullable(Schema.builder()
      .addStringField("Playground_ID").addStringField("School_ID").addStringField("Status")
      .addStringField("Accessible").addStringField("Level").addStringField("Adaptive_Swing")
      .addStringField("lat").addStringField("lon")
      .addInt64Field("zipcode")
      .addInt64Field("size_of_adjusted_gross_income")
      .addInt64Field("num_of_returns")
      .addInt64Field("num_of_single_returns")
      .addInt64Field("num_of_joint_returns")
      .addInt64Field("num_of_head_of_household_returns")
      .addInt64Field("num_with_paid_preparers_signature")
      .addInt64Field("num_of_exemptions")
      .addInt64Field("num_of_dependents")
      .addInt64Field("num_of_volunteer_prepared_returns_Total")
      .addInt64Field(
          "num_of_volunteer_prepared_returns_Num_of_volunteer_income_tax_assistance_prepared_returns")
      .addInt64Field(
          "num_of_volunteer_prepared_returns_Num_of_tax_counseling_for_the_elderly_prepared_returns")
      .addStringField("Prop_ID").addStringField("Name").addStringField("Location")
      .build());

  private static Schema nullable(Schema schema) {
    Schema.Builder builder = Schema.builder();
    schema.getFields().forEach(f -> builder.addField(f.withNullable(true)));
    return builder.build();
  }

  /** An income row whose counts are {@code base}, base+1, ... so that renames are visible. */
  static Row income(String state, String zip, long stub, long base) {
    List<Object> values = new ArrayList<>(Arrays.asList(36L, state, zip, stub));
    for (long i = 0; i < 11; i++) {
      values.add(base + i);
    }
    values.add("2016");
    return Row.withSchema(INCOME).attachValues(values);
  }

  static Row park(String id, String name, String zip) {
    return Row.withSchema(PARKS)
        .addValues(id, name, name + " location", zip, "2019", "06", "01").build();
  }

  static Row playground(String propId, String id, String level) {
    return Row.withSchema(PLAYGROUNDS).addValues(propId, id, null, null, id + " name",
        id + " place", "Y", level, "N", "40.1", "-73.9", "2019", "06", "01").build();
  }

  /** A processed row: the playground's columns, then income (base..base+9), then the park's. */
  static Row processed(String id, String level, Long zip, Long stub, Long base, String propId,
      String parkName) {
    List<Object> values = new ArrayList<>(
        Arrays.asList(id, null, null, "Y", level, "N", "40.1", "-73.9", zip, stub));
    for (long i = 0; i < 10; i++) {
      values.add(base == null ? null : base + i);
    }
    values.add(propId);
    values.add(parkName);
    values.add(parkName == null ? null : parkName + " location");
    return Row.withSchema(PROCESSED).attachValues(values);
  }

  @PipelineTest
  void splitsMultiZipParksKeepsEveryPlaygroundAndRenamesTheIncomeColumns() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> income = pipeline.apply("Income", Create.of(
            income("NY", "11236", 1, 100), income("NY", "11236", 2, 200),
            income("NY", "11239", 1, 300), income("NY", "10001", 1, 400),
            income("NJ", "07001", 1, 500), income("NY", "1123x", 1, 600))
        .withRowSchema(INCOME));
    PCollection<Row> parks = pipeline.apply("Parks", Create.of(
            park("B018", "Canarsie Park", "11236, 11239"),
            park("B166", "Dyker Beach", "11236, 1"),
            park("M001", "Chelsea Park", "10001"),
            park("Q001", "No Zip Park", null),
            park("X001", "Far Park", "99999"))
        .withRowSchema(PARKS));
    PCollection<Row> playgrounds = pipeline.apply("Playgrounds", Create.of(
            playground("B018", "B018-01", "4"), playground("B166", "B166", "3"),
            playground("M001", "M001", "2"), playground("R999", "R999", "1"),
            playground("Q001", "Q001", null), playground("X001", "X001", "4"))
        .withRowSchema(PLAYGROUNDS));

    PlaygroundJoin.Result result = PCollectionTuple.of(PlaygroundJoin.INCOME, income)
        .and(PlaygroundJoin.PARKS, parks)
        .and(PlaygroundJoin.PLAYGROUNDS, playgrounds)
        .apply(PlaygroundJoin.create());

    assertEquals(PROCESSED, result.processed().getSchema());
    PAssert.that(result.processed()).containsInAnyOrder(
        processed("B018-01", "4", 11236L, 1L, 100L, "B018", "Canarsie Park"),
        processed("B018-01", "4", 11236L, 2L, 200L, "B018", "Canarsie Park"),
        processed("B018-01", "4", 11239L, 1L, 300L, "B018", "Canarsie Park"),
        processed("B166", "3", 11236L, 1L, 100L, "B166", "Dyker Beach"),
        processed("B166", "3", 11236L, 2L, 200L, "B166", "Dyker Beach"),
        processed("M001", "2", 10001L, 1L, 400L, "M001", "Chelsea Park"),
        processed("R999", "1", null, null, null, null, null),
        processed("Q001", null, null, null, null, null, null),
        processed("X001", "4", null, null, null, null, null));
    PAssert.that(result.errors()).satisfies(errors -> {
      List<String> steps = new ArrayList<>();
      errors.forEach(e -> steps.add(ErrorRecords.step(e) + ": " + ErrorRecords.input(e)));
      steps.sort(null);
      assertEquals(2, steps.size(), steps.toString());
      assertEquals("ApplyMapping", steps.get(0).substring(0, steps.get(0).indexOf(':')));
      assertEquals("ExplodeValues: {\"Prop_ID\":\"B166\",\"Name\":\"Dyker Beach\","
          + "\"Location\":\"Dyker Beach location\",\"Zip\":\"11236, 1\"}", steps.get(1));
      return null;
    });
    Map<String, PCollection<Row>> steps = result.steps();
    assertCount(steps, PlaygroundJoin.INCOME_READ, 6);
    assertCount(steps, PlaygroundJoin.INCOME_OTHER, 1);
    assertCount(steps, PlaygroundJoin.INCOME_MAPPED, 4);
    assertCount(steps, PlaygroundJoin.INCOME_MAPPING_ERRORS, 1);
    assertCount(steps, PlaygroundJoin.PARKS_ONE_ZIP, 3);
    assertCount(steps, PlaygroundJoin.PARKS_SPLIT, 2);
    assertCount(steps, PlaygroundJoin.PARK_ROWS_FROM_SPLIT, 3);
    assertCount(steps, PlaygroundJoin.ZIP_FRAGMENTS, 1);
    assertCount(steps, PlaygroundJoin.PARKS_INCOME, 6);
    assertCount(steps, PlaygroundJoin.PLAYGROUNDS_MATCHED, 3);
    assertCount(steps, PlaygroundJoin.PLAYGROUNDS_UNMATCHED, 3);
    assertCount(steps, PlaygroundJoin.PROCESSED_UNMATCHED, 3);
    assertCount(steps, PlaygroundJoin.PROCESSED, 9);
    TestPipelines.runToEnd(pipeline);
  }

  private static void assertCount(Map<String, PCollection<Row>> steps, String step, long count) {
    PAssert.thatSingleton(step, steps.get(step).apply("Count " + step, Count.globally()))
        .isEqualTo(count);
  }
}
