package dev.beamglue.pipelines.playground;

import dev.beamglue.transforms.ApplyMapping;
import dev.beamglue.transforms.BundleCombine;
import dev.beamglue.transforms.DropFields;
import dev.beamglue.transforms.ExplodeValues;
import dev.beamglue.transforms.Filter;
import dev.beamglue.transforms.Join;
import dev.beamglue.transforms.RenameField;
import dev.beamglue.transforms.SelectFields;
import dev.beamglue.transforms.SplitRows;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The workshop's Glue job that prepares playgrounds for ML: New York income by zip code, joined
 * with the parks on their zip codes, left-outer-joined to every playground by property id.
 *
 * <p>{@code PlaygroundJoin.Result r = PCollectionTuple.of(PlaygroundJoin.INCOME, income)
 * .and(PlaygroundJoin.PARKS, parks).and(PlaygroundJoin.PLAYGROUNDS, playgrounds)
 * .apply(PlaygroundJoin.create());}
 *
 * <ol>
 *   <li>income: the columns it uses (STATE and those of {@link #INCOME_MAPPING}, the partition
 *       columns dropped), the rows whose STATE is NY, mapped ({@link ApplyMapping}, failures to errors) to
 *       zipcode and the renamed counts of {@link #INCOME_MAPPING}, all {@code long}; the IRS
 *       column names are matched without regard to case ({@code mars1} or {@code MARS1});
 *   <li>parks: a Zip listing several codes ({@code "11236, 11239"}) becomes one row per code
 *       ({@link ExplodeValues}); a fragment that is not five digits (a value cut short) goes to
 *       the error output; parks without a Zip keep one row;
 *   <li>income joined with parks on zipcode = Zip (a number against a string, {@link Join});
 *   <li>playgrounds without Location and Name, Prop_ID renamed Playground_Prop_ID, left outer
 *       joined with the parks-income rows on Playground_Prop_ID = Prop_ID, so that every
 *       playground is in the output (once with nulls when nothing matched);
 *   <li>Zip, Playground_Prop_ID and the partition columns dropped.
 * </ol>
 *
 * <p>{@link Result#steps()} names the collections of each step, so that a job can count them,
 * and {@link #CHECKS} says which counts must add up.
 */
public final class PlaygroundJoin extends PTransform<PCollectionTuple, PlaygroundJoin.Result> {

  public static final TupleTag<Row> INCOME = new TupleTag<>("income");
  public static final TupleTag<Row> PARKS = new TupleTag<>("parks");
  public static final TupleTag<Row> PLAYGROUNDS = new TupleTag<>("playgrounds");

  /** The IRS columns kept, and their names in the output, in the output's order. */
  public static final Map<String, String> INCOME_MAPPING = incomeMapping();

  /** The partition columns dropped from every input when present. */
  public static final List<String> PARTITION_COLUMNS = List.of("year", "month", "day");

  // Names of the steps, as counted and reconciled.
  public static final String INCOME_READ = "income rows";
  public static final String INCOME_NY = "income rows of NY";
  public static final String INCOME_OTHER = "income rows of other states";
  public static final String INCOME_MAPPED = "income rows mapped";
  public static final String INCOME_MAPPING_ERRORS = "income rows that failed the mapping";
  public static final String PARKS_READ = "parks";
  public static final String PARKS_ONE_ZIP = "parks with one zip code or none";
  public static final String PARKS_SPLIT = "parks with several zip codes, split";
  public static final String PARK_ROWS_FROM_SPLIT = "park rows from the split parks";
  public static final String ZIP_FRAGMENTS = "zip fragments that are not codes (errors)";
  public static final String PARK_ROWS = "park rows, one zip code each";
  public static final String PARKS_INCOME = "park x income rows";
  public static final String PLAYGROUNDS_READ = "playgrounds";
  public static final String PLAYGROUNDS_MATCHED = "playgrounds with a park and income";
  public static final String PLAYGROUNDS_UNMATCHED = "playgrounds without a park and income";
  public static final String PROCESSED = "processed rows";
  public static final String PROCESSED_MATCHED = "processed rows with a park and income";
  public static final String PROCESSED_UNMATCHED = "processed rows without (one per playground)";

  /** The counts that must add up: the first of each list is the sum of the others. */
  public static final List<List<String>> CHECKS = List.of(
      List.of(INCOME_READ, INCOME_NY, INCOME_OTHER),
      List.of(INCOME_NY, INCOME_MAPPED, INCOME_MAPPING_ERRORS),
      List.of(PARKS_READ, PARKS_ONE_ZIP, PARKS_SPLIT),
      List.of(PARK_ROWS, PARKS_ONE_ZIP, PARK_ROWS_FROM_SPLIT),
      List.of(PLAYGROUNDS_READ, PLAYGROUNDS_MATCHED, PLAYGROUNDS_UNMATCHED),
      List.of(PLAYGROUNDS_UNMATCHED, PROCESSED_UNMATCHED),
      List.of(PROCESSED, PROCESSED_MATCHED, PROCESSED_UNMATCHED));

  /** The number of groups the joined rows are regrouped into ({@link #rebundle}). */
  private static final int BUNDLES = 4;

  private static final String STATE = "STATE";
  private static final String NEW_YORK = "NY";
  private static final String ZIP = ParkZipCodes.FIELD;
  private static final String PROP_ID = "Prop_ID";
  private static final String PLAYGROUND_PROP_ID = "Playground_Prop_ID";

  private PlaygroundJoin() {}

  public static PlaygroundJoin create() {
    return new PlaygroundJoin();
  }

  private static Map<String, String> incomeMapping() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("zipcode", "zipcode");
    m.put("agi_stub", "size_of_adjusted_gross_income");
    m.put("N1", "num_of_returns");
    m.put("MARS1", "num_of_single_returns");
    m.put("MARS2", "num_of_joint_returns");
    m.put("MARS4", "num_of_head_of_household_returns");
    m.put("PREP", "num_with_paid_preparers_signature");
    m.put("N2", "num_of_exemptions");
    m.put("NUMDEP", "num_of_dependents");
    m.put("TOTAL_VITA", "num_of_volunteer_prepared_returns_Total");
    m.put("VITA",
        "num_of_volunteer_prepared_returns_Num_of_volunteer_income_tax_assistance_prepared_returns");
    m.put("TCE",
        "num_of_volunteer_prepared_returns_Num_of_tax_counseling_for_the_elderly_prepared_returns");
    return Collections.unmodifiableMap(m);
  }

  @Override
  public Result expand(PCollectionTuple input) {
    Map<String, PCollection<Row>> steps = new LinkedHashMap<>();
    List<PCollection<Row>> errors = new ArrayList<>();

    // Income: the columns used (of about 150), New York only, mapped.
    Schema incomeSchema = input.get(INCOME).getSchema();
    List<String> used = new ArrayList<>();
    used.add(column(incomeSchema, STATE));
    for (String name : INCOME_MAPPING.keySet()) {
      used.add(column(incomeSchema, name));
    }
    PCollection<Row> income =
        input.get(INCOME).apply("Income columns used", SelectFields.of(used));
    steps.put(INCOME_READ, income);
    SplitRows.Result states =
        income.apply("Income of NY", SplitRows.where(used.get(0), "=", NEW_YORK));
    steps.put(INCOME_NY, states.matching());
    steps.put(INCOME_OTHER, states.rest());
    List<ApplyMapping.Mapping> mappings = new ArrayList<>();
    for (Map.Entry<String, String> m : INCOME_MAPPING.entrySet()) {
      mappings.add(ApplyMapping.Mapping.of(
          column(incomeSchema, m.getKey()), "long", m.getValue(), "long"));
    }
    RowsWithErrors mapped =
        states.matching().apply("Map income", ApplyMapping.of(mappings).withErrors());
    steps.put(INCOME_MAPPED, mapped.rows());
    steps.put(INCOME_MAPPING_ERRORS, mapped.errors());
    errors.add(mapped.errors());

    // Parks: one row per zip code.
    PCollection<Row> parks = withoutPartitions(input.get(PARKS), "parks");
    steps.put(PARKS_READ, parks);
    if (!parks.getSchema().hasField(ZIP)) {
      throw new IllegalArgumentException("The parks have no column '" + ZIP + "'; they have "
          + String.join(", ", parks.getSchema().getFieldNames()) + ".");
    }
    RowsWithErrors several = parks.apply("Parks with several zip codes",
        Filter.by(row -> isList(row.getString(ZIP))));
    RowsWithErrors one = parks.apply("Parks with one zip code",
        Filter.by(row -> !isList(row.getString(ZIP))));
    errors.add(several.errors());
    errors.add(one.errors());
    steps.put(PARKS_ONE_ZIP, one.rows());
    steps.put(PARKS_SPLIT, several.rows());
    RowsWithErrors split = several.rows().apply("Split zip codes",
        ExplodeValues.of(ZIP, ParkZipCodes.DELIMITER)
            .withValuePattern(ParkZipCodes.ZIP.pattern(), "a five-digit zip code"));
    steps.put(PARK_ROWS_FROM_SPLIT, split.rows());
    steps.put(ZIP_FRAGMENTS, split.errors());
    errors.add(split.errors());
    PCollection<Row> parkRows = PCollectionList.of(one.rows()).and(split.rows())
        .apply("Park rows", Flatten.pCollections())
        .setRowSchema(parks.getSchema());
    steps.put(PARK_ROWS, parkRows);

    // Income x parks on zipcode = Zip.
    PCollection<Row> parksIncome = rebundle("income and parks", Join.frames(mapped.rows(), parkRows)
        .apply("Join income and parks", Join.inner("zipcode", ZIP)));
    steps.put(PARKS_INCOME, parksIncome);

    // Playgrounds, left outer joined.
    PCollection<Row> playgrounds = withoutPartitions(input.get(PLAYGROUNDS), "playgrounds")
        .apply("Drop playground names", DropFields.of("Location", "Name"))
        .apply("Rename Prop_ID", RenameField.of(PROP_ID, PLAYGROUND_PROP_ID));
    steps.put(PLAYGROUNDS_READ, playgrounds);
    PCollection<Row> joined = rebundle("playgrounds", Join.frames(playgrounds, parksIncome)
        .apply("Join playgrounds", Join.left(List.of(PLAYGROUND_PROP_ID), List.of(PROP_ID))));
    PCollection<Row> processed =
        joined.apply("Drop join keys", DropFields.of(ZIP, PLAYGROUND_PROP_ID));
    steps.put(PROCESSED, processed);
    RowsWithErrors processedMatched =
        processed.apply("Processed with a park", Filter.by(row -> row.getValue(PROP_ID) != null));
    RowsWithErrors processedUnmatched =
        processed.apply("Processed without a park", Filter.by(row -> row.getValue(PROP_ID) == null));
    steps.put(PROCESSED_MATCHED, processedMatched.rows());
    steps.put(PROCESSED_UNMATCHED, processedUnmatched.rows());

    // Reconciliation: each playground against the property ids the parks-income rows hold.
    PCollectionView<List<String>> parkIds = parksIncome
        .apply("Park ids", MapElements.into(TypeDescriptors.strings())
            .via((Row row) -> String.valueOf(row.getString(PROP_ID))))
        .apply("Distinct park ids", BundleCombine.globally(new DistinctFn()))
        .apply("Park ids view", View.asSingleton());
    PCollectionTuple matched = playgrounds.apply("Playgrounds with a park",
        ParDo.of(new MatchFn(parkIds)).withSideInputs(parkIds)
            .withOutputTags(MATCHED, TupleTagList.of(UNMATCHED)));
    steps.put(PLAYGROUNDS_MATCHED, matched.get(MATCHED).setRowSchema(playgrounds.getSchema()));
    steps.put(PLAYGROUNDS_UNMATCHED, matched.get(UNMATCHED).setRowSchema(playgrounds.getSchema()));

    PCollection<Row> allErrors = PCollectionList.of(errors)
        .apply("Join errors", Flatten.pCollections())
        .setRowSchema(ErrorRecords.SCHEMA);
    return new Result(processed, allErrors, steps);
  }

  /**
   * On the Direct runner, the rows regrouped into {@link #BUNDLES} groups; elsewhere the rows as
   * they are. The Direct runner hands every key of a GroupByKey to the next steps as a bundle of
   * its own and pays a fixed cost per bundle and step (it translates the step and walks the
   * pipeline for each), so the steps after a join on 1,300 keys cost 1,300 times that; regrouped,
   * they run on a few bundles. Flink and Spark bundle by partition, and there the regrouping was a
   * shuffle of every joined row: a sixth of the transform's CPU on Flink at 250 times the data.
   */
  private static PCollection<Row> rebundle(String name, PCollection<Row> rows) {
    if (!rows.getPipeline().getOptions().getRunner().getSimpleName().equals("DirectRunner")) {
      return rows;
    }
    Schema schema = rows.getSchema();
    return rows
        .apply("Key " + name, WithKeys.of((Row row) -> Math.floorMod(row.hashCode(), BUNDLES))
            .withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), rows.getCoder()))
        .apply("Group " + name, GroupByKey.create())
        .apply("Ungroup " + name, Values.create())
        .apply("Rows of " + name, Flatten.iterables())
        .setRowSchema(schema);
  }

  private static final TupleTag<Row> MATCHED = new TupleTag<Row>("matched") {};
  private static final TupleTag<Row> UNMATCHED = new TupleTag<Row>("unmatched") {};

  /** The distinct property ids, sorted; a few thousand strings at most (one per park). */
  private static final class DistinctFn
      extends Combine.CombineFn<String, java.util.TreeSet<String>, List<String>> {
    @Override
    public java.util.TreeSet<String> createAccumulator() {
      return new java.util.TreeSet<>();
    }

    @Override
    public java.util.TreeSet<String> addInput(java.util.TreeSet<String> ids, String id) {
      ids.add(id);
      return ids;
    }

    @Override
    public java.util.TreeSet<String> mergeAccumulators(
        Iterable<java.util.TreeSet<String>> accumulators) {
      java.util.TreeSet<String> all = new java.util.TreeSet<>();
      accumulators.forEach(all::addAll);
      return all;
    }

    @Override
    public List<String> extractOutput(java.util.TreeSet<String> ids) {
      return new ArrayList<>(ids);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<java.util.TreeSet<String>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<String> input) {
      return org.apache.beam.sdk.coders.SerializableCoder.of(
          new org.apache.beam.sdk.values.TypeDescriptor<java.util.TreeSet<String>>() {});
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<List<String>> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<String> input) {
      return org.apache.beam.sdk.coders.ListCoder.of(input);
    }
  }

  /** Sends each playground to MATCHED when its property id is among the parks-income rows'. */
  private static final class MatchFn extends DoFn<Row, Row> {
    private final PCollectionView<List<String>> parkIds;

    MatchFn(PCollectionView<List<String>> parkIds) {
      this.parkIds = parkIds;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      Row playground = context.element();
      String id = playground.getString(PLAYGROUND_PROP_ID);
      boolean found = id != null
          && java.util.Collections.binarySearch(context.sideInput(parkIds), id) >= 0;
      context.output(found ? MATCHED : UNMATCHED, playground);
    }
  }

  private static boolean isList(String zip) {
    return zip != null && zip.contains(ParkZipCodes.DELIMITER);
  }

  /** The input without the partition columns it has. */
  private static PCollection<Row> withoutPartitions(PCollection<Row> rows, String name) {
    List<String> present = new ArrayList<>();
    for (String column : PARTITION_COLUMNS) {
      if (rows.getSchema().hasField(column)) {
        present.add(column);
      }
    }
    return present.isEmpty()
        ? rows
        : rows.apply("Drop " + name + " partition columns", DropFields.of(present));
  }

  /** The input's name for a column, matched without regard to case; one sentence when missing. */
  static String column(Schema schema, String name) {
    for (String field : schema.getFieldNames()) {
      if (field.equalsIgnoreCase(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("The rows have no column '" + name + "' (in any case); "
        + "they have " + String.join(", ", schema.getFieldNames()) + ".");
  }

  /** The processed rows, the error records of every step, and each step's rows by name. */
  public static final class Result implements POutput {
    private final PCollection<Row> processed;
    private final PCollection<Row> errors;
    private final Map<String, PCollection<Row>> steps;

    Result(PCollection<Row> processed, PCollection<Row> errors,
        Map<String, PCollection<Row>> steps) {
      this.processed = processed;
      this.errors = errors;
      this.steps = Collections.unmodifiableMap(steps);
    }

    public PCollection<Row> processed() {
      return processed;
    }

    public PCollection<Row> errors() {
      return errors;
    }

    /** The rows of each step by the names {@link PlaygroundJoin#CHECKS} uses, in step order. */
    public Map<String, PCollection<Row>> steps() {
      return steps;
    }

    @Override
    public Pipeline getPipeline() {
      return processed.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(new TupleTag<Row>("processed"), processed, new TupleTag<Row>("errors"), errors);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
