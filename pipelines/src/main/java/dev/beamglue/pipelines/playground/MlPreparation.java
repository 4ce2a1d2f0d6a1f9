package dev.beamglue.pipelines.playground;

import dev.beamglue.io.ml.XgboostCsv;
import dev.beamglue.transforms.MapRows;
import dev.beamglue.transforms.SelectFields;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.ml.CountRows;
import dev.beamglue.transforms.ml.DeterministicSplit;
import dev.beamglue.transforms.ml.DropRows;
import dev.beamglue.transforms.ml.OneHot;
import dev.beamglue.transforms.ml.Ratio;
import dev.beamglue.transforms.ml.TrainValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * Stage 5 of the playground-accessibility workshop, what its notebook did in pandas: from the
 * processed table (playgrounds left-joined with parks and New York income) to XGBoost's training
 * and validation sets.
 *
 * <p>{@code processed.apply(MlPreparation.create().withSeed(42)).writeTo("out/ml");}
 *
 * <ol>
 *   <li>drop the rows holding {@code **} in Accessible or Adaptive_Swing (counted {@value
 *       #DROPPED_UNKNOWN});
 *   <li>Accessible and Adaptive_Swing from Y/N to 1/0 (another value is an error record); Borough
 *       is the first character of Playground_ID, {@code N} when it is null or empty; {@value
 *       #LABEL} is 1 when Level is {@code 4}, else 0 ({@link Derivations});
 *   <li>normalized_num_of_joint_returns, normalized_num_of_head_of_household_returns and
 *       normalized_num_of_single_returns: each count divided by num_of_returns ({@link Ratio}: a
 *       null or zero num_of_returns makes the ratio missing);
 *   <li>one-hot Borough over {@link #BOROUGHS} (another first character is an error record);
 *   <li>keep the label and the features ({@link #features()}); drop the rows with a missing value
 *       (counted {@value #DROPPED_MISSING});
 *   <li>split 80/20 by a hash of the row and the seed ({@link DeterministicSplit}), identical on
 *       every runner (counted {@value #TRAIN} and {@value #VALIDATION}).
 * </ol>
 *
 * <p>The default features, the ones the workshop's notebook kept: the six one-hot boroughs
 * (Borough_B, _M, _Q, _R, _X, _N), Accessible, Adaptive_Swing, the income columns
 * (size_of_adjusted_gross_income, num_of_returns, the single, joint and head-of-household
 * counts, num_with_paid_preparers_signature, num_of_exemptions, num_of_dependents and the three
 * volunteer-prepared counts) and the three normalized ratios. Left out: ids, names, locations,
 * lat/lon strings, Status, School_ID, zipcode and Level (the label's source).
 *
 * <p>Counters (namespace {@value #NAMESPACE}; read them with {@link MlPreparationCounts#of}):
 * {@value #ROWS_IN} = {@value #DROPPED_UNKNOWN} + {@value #DROPPED_MISSING} + {@value #ERRORS} +
 * {@value #TRAIN} + {@value #VALIDATION}.
 */
public final class MlPreparation extends PTransform<PCollection<Row>, MlPreparation.Prepared> {

  public static final String NAMESPACE = DropRows.NAMESPACE;
  public static final String ROWS_IN = "MlPreparation.rowsIn";
  public static final String DROPPED_UNKNOWN = "MlPreparation.droppedUnknown";
  public static final String DROPPED_MISSING = "MlPreparation.droppedMissing";
  public static final String ERRORS = "MlPreparation.errors";
  public static final String TRAIN = "MlPreparation.train";
  public static final String VALIDATION = "MlPreparation.validation";

  /** The label column of the output. */
  public static final String LABEL = Derivations.LABEL;

  /** The borough codes, as Playground_ID starts, and N for a playground without an id. */
  public static final List<String> BOROUGHS = List.of("B", "M", "Q", "R", "X", "N");

  /** The income columns, beside the four that {@link MlColumns} names, kept as features. */
  public static final List<String> OTHER_INCOME_COLUMNS =
      List.of(
          "size_of_adjusted_gross_income",
          "num_with_paid_preparers_signature",
          "num_of_exemptions",
          "num_of_dependents",
          "num_of_volunteer_prepared_returns_Total",
          "num_of_volunteer_prepared_returns_Num_of_volunteer_income_tax_assistance_prepared_returns",
          "num_of_volunteer_prepared_returns_Num_of_tax_counseling_for_the_elderly_prepared_returns");

  public static final long DEFAULT_SEED = 42;
  public static final double DEFAULT_TRAIN_FRACTION = 0.8;

  private final MlColumns columns;
  private final long seed;
  private final double trainFraction;
  private final List<String> features; // null: the default for the columns

  private MlPreparation(MlColumns columns, long seed, double trainFraction, List<String> features) {
    this.columns = columns;
    this.seed = seed;
    this.trainFraction = trainFraction;
    this.features = features;
  }

  /** The workshop's preparation: its column names, seed 42, 80% for training. */
  public static MlPreparation create() {
    return new MlPreparation(MlColumns.WORKSHOP, DEFAULT_SEED, DEFAULT_TRAIN_FRACTION, null);
  }

  /**
   * The workshop's preparation with the seed and training share of {@code --seed} and {@code
   * --trainFraction}; throws {@link IllegalArgumentException} naming a fraction outside 0 to 1.
   */
  public static MlPreparation fromOptions(MlPreparationOptions options) {
    double fraction = options.getTrainFraction();
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "--trainFraction must be between 0 and 1, not " + fraction + ".");
    }
    return create().withSeed(options.getSeed()).withTrainFraction(fraction);
  }

  public MlPreparation withSeed(long seed) {
    return new MlPreparation(columns, seed, trainFraction, features);
  }

  public MlPreparation withTrainFraction(double trainFraction) {
    DeterministicSplit.of(trainFraction, seed); // checks the range
    return new MlPreparation(columns, seed, trainFraction, features);
  }

  public MlPreparation withColumns(MlColumns columns) {
    return new MlPreparation(columns, seed, trainFraction, features);
  }

  /** The feature columns, in the order they are written after the label. */
  public MlPreparation withFeatures(List<String> features) {
    return new MlPreparation(columns, seed, trainFraction, List.copyOf(features));
  }

  /** The name of the ratio column of a count column: {@code normalized_<count>}. */
  public static String normalized(String count) {
    return "normalized_" + count;
  }

  /** The features written after the label, in order. */
  public List<String> features() {
    if (features != null) {
      return features;
    }
    List<String> all = new ArrayList<>();
    for (String borough : BOROUGHS) {
      all.add(Derivations.BOROUGH + "_" + borough);
    }
    all.add(columns.accessible());
    all.add(columns.adaptiveSwing());
    all.add(OTHER_INCOME_COLUMNS.get(0));
    all.add(columns.returns());
    all.add(columns.singleReturns());
    all.add(columns.jointReturns());
    all.add(columns.headOfHouseholdReturns());
    all.addAll(OTHER_INCOME_COLUMNS.subList(1, OTHER_INCOME_COLUMNS.size()));
    all.add(normalized(columns.jointReturns()));
    all.add(normalized(columns.headOfHouseholdReturns()));
    all.add(normalized(columns.singleReturns()));
    return all;
  }

  public long getSeed() {
    return seed;
  }

  @Override
  public Prepared expand(PCollection<Row> processed) {
    Schema input = processed.getSchema();
    PCollection<Row> known =
        processed
            .apply("Count rows in", CountRows.as(ROWS_IN))
            .apply(
                "Drop unknown (**)",
                DropRows.holding("**", columns.accessible(), columns.adaptiveSwing())
                    .countedAs(DROPPED_UNKNOWN));
    Derivations derivations = Derivations.of(columns, input);
    RowsWithErrors rows =
        known.apply("Derive borough, flags and label", MapRows.via(derivations, derivations.schema()));
    for (String count :
        List.of(columns.jointReturns(), columns.headOfHouseholdReturns(), columns.singleReturns())) {
      rows =
          rows.thenRows(
              "Ratio " + normalized(count),
              Ratio.of(count, columns.returns()).as(normalized(count)));
    }
    List<String> kept = new ArrayList<>();
    kept.add(LABEL);
    kept.addAll(features());
    rows =
        rows.then("One-hot " + Derivations.BOROUGH, OneHot.of(Derivations.BOROUGH, BOROUGHS))
            .thenRows("Keep label and features", SelectFields.of(kept))
            .thenRows("Drop missing values", DropRows.withNullIn().countedAs(DROPPED_MISSING));
    TrainValidation split = rows.rows().apply("Split", DeterministicSplit.of(trainFraction, seed));
    split =
        TrainValidation.of(
            split.train().apply("Count train", CountRows.as(TRAIN)),
            split.validation().apply("Count validation", CountRows.as(VALIDATION)));
    PCollection<Row> errors =
        rows.errors().apply("Count errors", CountRows.as(ERRORS)).setRowSchema(ErrorRecords.SCHEMA);
    return new Prepared(processed.getPipeline(), split, errors, features());
  }

  /**
   * What the preparation produced: the two sets (label first, then {@link #features()}), the error
   * records, and the write to XGBoost's CSV layout.
   */
  public static final class Prepared implements POutput {
    private final Pipeline pipeline;
    private final TrainValidation split;
    private final PCollection<Row> errors;
    private final List<String> features;

    Prepared(Pipeline pipeline, TrainValidation split, PCollection<Row> errors, List<String> features) {
      this.pipeline = pipeline;
      this.split = split;
      this.errors = errors;
      this.features = features;
    }

    public TrainValidation split() {
      return split;
    }

    public PCollection<Row> train() {
      return split.train();
    }

    public PCollection<Row> validation() {
      return split.validation();
    }

    /** {@link ErrorRecords} of rows with a flag not Y/N/** or a Playground_ID of no borough. */
    public PCollection<Row> errors() {
      return errors;
    }

    public List<String> features() {
      return features;
    }

    /** The write of train.csv, validation.csv and features.json into {@code folder}. */
    public XgboostCsv.Write xgboostCsv(String folder) {
      return XgboostCsv.write().to(folder).withLabel(LABEL).withFeatures(features);
    }

    /** Writes train.csv, validation.csv and features.json into {@code folder}. */
    public XgboostCsv.Written writeTo(String folder) {
      return split.apply("Write XGBoost CSV", xgboostCsv(folder));
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return ImmutableMap.of(
          TrainValidation.TRAIN, split.train(),
          TrainValidation.VALIDATION, split.validation(),
          ERROR_TAG, errors);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }

  private static final TupleTag<Row> ERROR_TAG = new TupleTag<Row>("errors") {};
}
