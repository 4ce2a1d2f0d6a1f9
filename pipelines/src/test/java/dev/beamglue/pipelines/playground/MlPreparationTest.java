package dev.beamglue.pipelines.playground;

import static dev.beamglue.transforms.ml.ProcessedRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.ml.XgboostCsv;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.ml.ProcessedRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlPreparationTest {

  @TempDir Path dir;

  /** 21 processed rows: 12 usable, 3 holding '**', 4 with a missing value, 2 errors. */
  static List<Row> processed() {
    return List.of(
        row("B001", "Y", "N", "4", 1L, 100L, 50L, 30L, 20L),
        row("M002", "N", "N", "2", 2L, 200L, 100L, 60L, 40L),
        row("Q003", "Y", "Y", "4", 3L, 400L, 100L, 200L, 100L),
        row("R004", "N", "Y", "1", 4L, 80L, 40L, 20L, 20L),
        row("X005", "Y", "N", "3", 5L, 1000L, 500L, 300L, 200L),
        row(null, "N", "N", "4", 6L, 500L, 250L, 125L, 125L),
        row("B007", "Y", "N", null, 1L, 300L, 150L, 90L, 60L),
        row("B008", "**", "N", "4", 1L, 100L, 50L, 30L, 20L),
        row("M009", "N", "**", "2", 1L, 100L, 50L, 30L, 20L),
        row("Q010", "**", "**", "4", 1L, 100L, 50L, 30L, 20L),
        row("R011", "Y", "N", "4", null, null, null, null, null), // no park matched
        row("X012", "N", "N", "2", 1L, 0L, 0L, 0L, 0L), // no returns: ratios missing
        row("B013", null, "N", "4", 1L, 100L, 50L, 30L, 20L),
        row("M014", "Y", null, "4", 1L, 100L, 50L, 30L, 20L),
        row("Z015", "Y", "N", "4", 1L, 100L, 50L, 30L, 20L), // no such borough
        row("Q016", "U", "N", "4", 1L, 100L, 50L, 30L, 20L), // neither Y, N nor **
        row("Q017", "Y", "Y", "4", 6L, 600L, 300L, 200L, 100L),
        row("X018", "N", "N", "1", 2L, 250L, 125L, 100L, 25L),
        row("M019", "Y", "Y", "4", 5L, 800L, 200L, 400L, 200L),
        row("B020", "N", "Y", "2", 3L, 160L, 80L, 40L, 40L),
        row("", "N", "N", "3", 1L, 120L, 60L, 30L, 30L));
  }

  static final List<String> FEATURES =
      List.of(
          "Borough_B",
          "Borough_M",
          "Borough_Q",
          "Borough_R",
          "Borough_X",
          "Borough_N",
          "Accessible",
          "Adaptive_Swing",
          "size_of_adjusted_gross_income",
          "num_of_returns",
          "num_of_single_returns",
          "num_of_joint_returns",
          "num_of_head_of_household_returns",
          "num_with_paid_preparers_signature",
          "num_of_exemptions",
          "num_of_dependents",
          ProcessedRows.VITA_TOTAL,
          ProcessedRows.VITA,
          ProcessedRows.TCE,
          "normalized_num_of_joint_returns",
          "normalized_num_of_head_of_household_returns",
          "normalized_num_of_single_returns");

  /** The label and features of the 12 usable rows, in the feature order above. */
  static final String B001 = "1,1,0,0,0,0,0,1,0,1,100,50,30,20,50,200,25.0,3,2,1,0.3,0.2,0.5";
  static final String M002 = "0,0,1,0,0,0,0,0,0,2,200,100,60,40,100,400,50.0,3,2,1,0.3,0.2,0.5";
  static final String Q003 =
      "1,0,0,1,0,0,0,1,1,3,400,100,200,100,200,800,100.0,3,2,1,0.5,0.25,0.25";
  static final String R004 = "0,0,0,0,1,0,0,0,1,4,80,40,20,20,40,160,20.0,3,2,1,0.25,0.25,0.5";
  static final String X005 =
      "0,0,0,0,0,1,0,1,0,5,1000,500,300,200,500,2000,250.0,3,2,1,0.3,0.2,0.5";
  static final String NO_ID =
      "1,0,0,0,0,0,1,0,0,6,500,250,125,125,250,1000,125.0,3,2,1,0.25,0.25,0.5";
  static final String B007 = "0,1,0,0,0,0,0,1,0,1,300,150,90,60,150,600,75.0,3,2,1,0.3,0.2,0.5";
  static final String Q017 =
      "1,0,0,1,0,0,0,1,1,6,600,300,200,100,300,1200,150.0,3,2,1,0.3333333333333333,"
          + "0.16666666666666666,0.5";
  static final String X018 = "0,0,0,0,0,1,0,0,0,2,250,125,100,25,125,500,62.5,3,2,1,0.4,0.1,0.5";
  static final String M019 =
      "1,0,1,0,0,0,0,1,1,5,800,200,400,200,400,1600,200.0,3,2,1,0.5,0.25,0.25";
  static final String B020 = "0,1,0,0,0,0,0,0,1,3,160,80,40,40,80,320,40.0,3,2,1,0.25,0.25,0.5";
  static final String EMPTY_ID =
      "0,0,0,0,0,0,1,0,0,1,120,60,30,30,60,240,30.0,3,2,1,0.25,0.25,0.5";

  /**
   * The files of seed 42: which rows train and which validate, and the order of the lines (a hash
   * order that depends only on the lines), are the same on every runner and every run.
   */
  static final String TRAIN_CSV =
      String.join("\n", B020, R004, Q017, X005, B007, Q003, B001, X018, EMPTY_ID) + "\n";

  static final String VALIDATION_CSV = String.join("\n", M002, NO_ID, M019) + "\n";

  String file(String name) throws IOException {
    return Files.readString(dir.resolve("ml").resolve(name));
  }

  @PipelineTest
  void preparesTheWorkshopsTrainingAndValidationFiles() throws IOException {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows =
        pipeline.apply(Create.of(processed()).withRowSchema(ProcessedRows.SCHEMA));

    MlPreparation preparation = MlPreparation.create();
    MlPreparation.Prepared prepared = rows.apply(preparation);
    XgboostCsv.Written written = prepared.writeTo(dir.resolve("ml").toString());

    assertEquals(FEATURES, preparation.features());
    Schema features = prepared.train().getSchema();
    assertEquals(23, features.getFieldCount());
    assertEquals(FieldType.INT32, features.getField("label").getType());
    assertEquals(FieldType.INT32, features.getField("Borough_N").getType());
    assertEquals(FieldType.INT32.withNullable(true), features.getField("Accessible").getType());
    assertEquals(
        FieldType.DOUBLE.withNullable(true),
        features.getField("normalized_num_of_single_returns").getType());
    assertEquals(features, prepared.validation().getSchema());
    PAssert.that(
            prepared
                .errors()
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(e -> ErrorRecords.step(e) + ": " + ErrorRecords.reason(e))))
        .containsInAnyOrder(
            "MapRows: The column 'Accessible' holds 'U', not Y, N or **.",
            "OneHot: The value 'Z' of 'Borough' is not one of the categories "
                + "[B, M, Q, R, X, N].");
    PAssert.that(written.errors()).empty();
    PipelineResult result = TestPipelines.runToEnd(pipeline);

    try (Stream<Path> files = Files.list(dir.resolve("ml"))) {
      assertEquals(
          List.of("features.json", "train.csv", "validation.csv"),
          files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
    }
    assertEquals(TRAIN_CSV, file("train.csv"));
    assertEquals(VALIDATION_CSV, file("validation.csv"));
    assertEquals(
        "{\"label\":\"label\",\"features\":["
            + FEATURES.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(","))
            + "],\"columns\":[\"label\","
            + FEATURES.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(","))
            + "]}\n",
        file("features.json"));
    MlPreparationCounts counts = MlPreparationCounts.of(result);
    assertEquals(new MlPreparationCounts(21, 3, 4, 2, 9, 3), counts);
    assertTrue(counts.reconciles());
  }

  @Test
  void takesTheSeedAndTheFractionFromTheCommandLine() {
    MlPreparationOptions options =
        PipelineOptionsFactory.fromArgs("--seed=7", "--trainFraction=0.75")
            .as(MlPreparationOptions.class);
    assertEquals(7, MlPreparation.fromOptions(options).getSeed());
    assertEquals(
        42, MlPreparation.fromOptions(PipelineOptionsFactory.as(MlPreparationOptions.class)).getSeed());
    options.setTrainFraction(1.5);
    assertEquals(
        "--trainFraction must be between 0 and 1, not 1.5.",
        assertThrows(IllegalArgumentException.class, () -> MlPreparation.fromOptions(options))
            .getMessage());
  }

  @Test
  void namesAColumnTheProcessedRowsLack() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows =
        pipeline.apply(Create.of(processed()).withRowSchema(ProcessedRows.SCHEMA));
    assertEquals(
        "The ML preparation reads the column 'level', which the processed rows lack: "
            + ProcessedRows.SCHEMA.getFieldNames() + ".",
        assertThrows(
                IllegalArgumentException.class,
                () -> rows.apply(MlPreparation.create().withColumns(MlColumns.WORKSHOP.withLevel("level"))))
            .getMessage());
  }
}
