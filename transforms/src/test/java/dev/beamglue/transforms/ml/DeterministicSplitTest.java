package dev.beamglue.transforms.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class DeterministicSplitTest {

  static final Schema ITEMS =
      Schema.builder().addStringField("id").addNullableInt64Field("n").build();

  static List<Row> items(int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          Row.withSchema(ITEMS)
              .attachValues(Arrays.asList(String.format("p%02d", i), i % 7 == 0 ? null : (long) i)));
    }
    return rows;
  }

  static PCollection<String> ids(PCollection<Row> rows, String name) {
    return rows.apply(
        name, MapElements.into(TypeDescriptors.strings()).via(row -> row.getString("id")));
  }

  /** Fixed for seed 42 and fraction 0.8: the same on every runner and every run. */
  static final List<String> VALIDATION_SEED_42 =
      List.of("p04", "p15", "p19", "p20", "p21", "p23", "p29", "p38");

  /** Fixed for seed 7 and fraction 0.5, hashing the id only. */
  static final List<String> VALIDATION_BY_ID_SEED_7 =
      List.of(
          "p00", "p02", "p04", "p05", "p07", "p10", "p15", "p18", "p19", "p23", "p24", "p25", "p28",
          "p29", "p30", "p32", "p34", "p35", "p37", "p38");

  @PipelineTest
  void splitsTheSameRowsTheSameWayOnEveryRunner() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows = pipeline.apply(Create.of(items(40)).withRowSchema(ITEMS));

    TrainValidation split = rows.apply(DeterministicSplit.of(0.8, 42));
    TrainValidation byId = rows.apply("By id", DeterministicSplit.of(0.5, 7).byFields("id"));

    assertEquals(ITEMS, split.train().getSchema());
    assertEquals(ITEMS, split.validation().getSchema());
    List<String> train = new ArrayList<>();
    List<String> trainById = new ArrayList<>();
    for (Row row : items(40)) {
      String id = row.getString("id");
      if (!VALIDATION_SEED_42.contains(id)) {
        train.add(id);
      }
      if (!VALIDATION_BY_ID_SEED_7.contains(id)) {
        trainById.add(id);
      }
    }
    PAssert.that(ids(split.train(), "Train ids")).containsInAnyOrder(train);
    PAssert.that(ids(split.validation(), "Validation ids")).containsInAnyOrder(VALIDATION_SEED_42);
    PAssert.that(ids(byId.train(), "Train ids by id")).containsInAnyOrder(trainById);
    PAssert.that(ids(byId.validation(), "Validation ids by id"))
        .containsInAnyOrder(VALIDATION_BY_ID_SEED_7);
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void sendsAboutTheFractionToTraining() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows = pipeline.apply(Create.of(items(10_000)).withRowSchema(ITEMS));

    TrainValidation split = rows.apply(DeterministicSplit.of(0.8, 42));

    PCollection<Long> train = split.train().apply("Count train", Count.globally());
    PCollection<Long> validation = split.validation().apply("Count validation", Count.globally());
    PAssert.thatSingleton(train)
        .satisfies(
            n -> {
              assertTrue(n > 7_850 && n < 8_150, "train rows: " + n);
              return null;
            });
    PAssert.thatSingleton(validation)
        .satisfies(
            n -> {
              assertTrue(n > 1_850 && n < 2_150, "validation rows: " + n);
              return null;
            });
    PAssert.that(
            PCollectionList.of(train).and(validation)
                .apply(Flatten.pCollections())
                .apply(Sum.longsGlobally()))
        .containsInAnyOrder(10_000L);
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void positionIsAFixedFunctionOfSeedAndText() {
    // pinned: a change of hash or encoding would reshuffle every split users have made
    assertEquals(0.1371446420218011, DeterministicSplit.position(42, "[\"p00\",null]"));
    assertTrue(
        DeterministicSplit.position(42, "[\"p00\",null]")
            != DeterministicSplit.position(43, "[\"p00\",null]"));
    assertThrows(IllegalArgumentException.class, () -> DeterministicSplit.of(1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> DeterministicSplit.of(Double.NaN, 1));
    assertEquals(
        "DeterministicSplit.byFields names 'key', which is not a field of the rows: [id, n].",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    TestPipelines.create()
                        .apply(Create.of(items(1)).withRowSchema(ITEMS))
                        .apply(DeterministicSplit.of(0.5, 1).byFields("key")))
            .getMessage());
  }
}
