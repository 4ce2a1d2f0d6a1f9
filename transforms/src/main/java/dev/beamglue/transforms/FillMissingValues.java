package dev.beamglue.transforms;

import dev.beamglue.transforms.FillStats.Column;
import dev.beamglue.transforms.FillStats.ColumnStats;
import dev.beamglue.transforms.FillStats.Method;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's FillMissingValues: for each column named, adds {@code <column>_filled} right after it,
 * holding the column's value where it has one and a value learned from the data where it is null.
 * The original column is kept.
 *
 * <p>{@code rows.apply(FillMissingValues.of("age", "city").withMedian())}
 *
 * <p>What is learned, from the non-null values of all records:
 *
 * <ul>
 *   <li>numbers (byte, short, int, long, float, double, decimal): the mean by default; {@code
 *       _filled} is then a double (a decimal for a decimal column), present values converted. The
 *       sum is exact, so the mean is the same on every runner. NaN or infinite values make the
 *       mean NaN or infinite. {@link #withMedian()} takes the exact median instead, the lower of
 *       the two middle values for an even count (as Spark ML's Imputer picks a value of the
 *       data), and {@code _filled} keeps the column's type. {@link #withMostFrequent()} treats
 *       numbers as categories.
 *   <li>everything else (strings, booleans, timestamps, dates and other logical types): the most
 *       frequent value, of several equally frequent ones the smallest (strings by their UTF-16
 *       order, false before true); {@code _filled} keeps the column's type.
 * </ul>
 *
 * <p>A median or most frequent value needs a count per distinct value, gathered on one worker:
 * fine for categories and for numbers with up to some millions of distinct values. Structs,
 * arrays, maps, bytes and choices cannot be filled. A column that is null in every record (or an
 * empty input) learns nothing: its {@code _filled} stays null. Every {@code _filled} column is
 * nullable. Paths may name fields inside structs ({@code address.zip}); {@code zip_filled} is then
 * added inside the struct, and a record whose struct is null keeps it null. The input must be
 * globally windowed (bounded), as for any global Combine.
 */
public final class FillMissingValues extends PTransform<PCollection<Row>, PCollection<Row>> {

  /** The suffix of the added columns. */
  public static final String SUFFIX = "_filled";

  private static final Set<TypeName> NUMBERS =
      EnumSet.of(
          TypeName.BYTE,
          TypeName.INT16,
          TypeName.INT32,
          TypeName.INT64,
          TypeName.FLOAT,
          TypeName.DOUBLE,
          TypeName.DECIMAL);

  private static final Set<TypeName> NOT_FILLABLE =
      EnumSet.of(TypeName.ROW, TypeName.ARRAY, TypeName.ITERABLE, TypeName.MAP, TypeName.BYTES);

  private final List<FieldPath> columns;
  private final Method numbers;

  private FillMissingValues(List<FieldPath> columns, Method numbers) {
    this.columns = Collections.unmodifiableList(columns);
    this.numbers = numbers;
  }

  /** Fills the columns at {@code paths}: mean for numbers, most frequent value for the rest. */
  public static FillMissingValues of(String... paths) {
    if (paths.length == 0) {
      throw new IllegalArgumentException("FillMissingValues.of needs at least one column.");
    }
    LinkedHashSet<FieldPath> parsed = new LinkedHashSet<>();
    for (String path : paths) {
      if (!parsed.add(FieldPath.parse(path))) {
        throw new IllegalArgumentException(
            "FillMissingValues.of names the column '" + path + "' twice.");
      }
    }
    return new FillMissingValues(new ArrayList<>(parsed), Method.MEAN);
  }

  /** Numbers are filled with their mean (the default). */
  public FillMissingValues withMean() {
    return new FillMissingValues(columns, Method.MEAN);
  }

  /** Numbers are filled with their median, a value of the column. */
  public FillMissingValues withMedian() {
    return new FillMissingValues(columns, Method.MEDIAN);
  }

  /** Numbers are filled with their most frequent value, like categories. */
  public FillMissingValues withMostFrequent() {
    return new FillMissingValues(columns, Method.MOST_FREQUENT);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    List<Column> learned = new ArrayList<>();
    List<int[]> indices = new ArrayList<>();
    Schema.Builder fills = Schema.builder();
    for (int i = 0; i < columns.size(); i++) {
      FieldPath path = columns.get(i);
      FieldType type = path.resolveType(schema); // throws naming the path and the fields there
      Column column = new Column(methodFor(path, type), type);
      learned.add(column);
      indices.add(path.indicesIn(schema));
      fills.addNullableField("f" + i, filledType(column));
    }
    Schema fillsSchema = fills.build();
    Level plan = Level.of(schema, columns, learned, new ArrayList<>(), allSlots(columns.size()));

    PCollectionView<Row> learnedValues =
        input
            .apply("Stats per bundle", ParDo.of(new StatsPerBundleFn(learned, indices)))
            .setCoder(new FillStats.StatsCoder(learned))
            .apply("Learn", Combine.globally(new FillStats.LearnFn(learned, fillsSchema)))
            .setRowSchema(fillsSchema)
            .apply("As side input", View.asSingleton());
    return input
        .apply("Fill", ParDo.of(new FillFn(plan, learnedValues)).withSideInputs(learnedValues))
        .setRowSchema(plan.output);
  }

  private Method methodFor(FieldPath path, FieldType type) {
    TypeName name = type.getTypeName();
    TypeName stored =
        name == TypeName.LOGICAL_TYPE ? type.getLogicalType().getBaseType().getTypeName() : name;
    if (NOT_FILLABLE.contains(stored)) {
      throw new IllegalArgumentException(
          "FillMissingValues cannot fill '" + path + "': it is a " + GlueTypes.describe(type)
              + "; only numbers, strings, booleans, timestamps and dates can be filled.");
    }
    return NUMBERS.contains(name) ? numbers : Method.MOST_FREQUENT;
  }

  private static FieldType filledType(Column column) {
    if (column.method == Method.MEAN && column.type.getTypeName() != TypeName.DECIMAL) {
      return FieldType.DOUBLE;
    }
    return column.type;
  }

  private static List<Integer> allSlots(int count) {
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      slots.add(i);
    }
    return slots;
  }

  /**
   * How the output rows of one struct level are made: each output field copies an input field,
   * fills one (input position and learned value's slot), or rebuilds a struct with a nested plan.
   */
  static final class Level implements Serializable {
    final Schema output;
    final int[] source;
    final int[] slot; // -1 unless the field is a _filled one
    final boolean[] toDouble;
    final Level[] nested;

    private Level(Schema output, int[] source, int[] slot, boolean[] toDouble, Level[] nested) {
      this.output = output;
      this.source = source;
      this.slot = slot;
      this.toDouble = toDouble;
      this.nested = nested;
    }

    /** The plan for {@code schema}, where {@code paths} are relative to it. */
    static Level of(
        Schema schema,
        List<FieldPath> paths,
        List<Column> learned,
        List<String> prefix,
        List<Integer> slots) {
      Schema.Builder output = Schema.builder().setOptions(schema.getOptions());
      List<int[]> fields = new ArrayList<>(); // {source, slot, toDouble}
      List<Level> nested = new ArrayList<>();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Field field = schema.getField(i);
        List<FieldPath> below = new ArrayList<>();
        List<Integer> belowSlots = new ArrayList<>();
        int leafSlot = -1;
        for (int c = 0; c < paths.size(); c++) {
          List<String> segments = paths.get(c).segments();
          if (!segments.get(prefix.size()).equals(field.getName())) {
            continue;
          }
          if (segments.size() == prefix.size() + 1) {
            leafSlot = slots.get(c);
          } else {
            below.add(paths.get(c));
            belowSlots.add(slots.get(c));
          }
        }
        if (!below.isEmpty()) {
          List<String> longer = new ArrayList<>(prefix);
          longer.add(field.getName());
          Level inner = Level.of(field.getType().getRowSchema(), below, learned, longer, belowSlots);
          output.addField(
              field.withType(
                  FieldType.row(inner.output).withNullable(field.getType().getNullable())));
          fields.add(new int[] {i, -1, 0});
          nested.add(inner);
          continue;
        }
        output.addField(field);
        fields.add(new int[] {i, -1, 0});
        nested.add(null);
        if (leafSlot >= 0) {
          String name = field.getName() + SUFFIX;
          if (schema.hasField(name)) {
            throw new IllegalArgumentException(
                "FillMissingValues cannot add '" + name + "' next to '" + field.getName()
                    + "': the input already has a field of that name.");
          }
          Column column = learned.get(leafSlot);
          FieldType type = filledType(column);
          output.addNullableField(name, type);
          boolean toDouble = type.getTypeName() == TypeName.DOUBLE
              && column.type.getTypeName() != TypeName.DOUBLE;
          fields.add(new int[] {i, leafSlot, toDouble ? 1 : 0});
          nested.add(null);
        }
      }
      int count = fields.size();
      int[] source = new int[count];
      int[] slot = new int[count];
      boolean[] toDouble = new boolean[count];
      for (int j = 0; j < count; j++) {
        source[j] = fields.get(j)[0];
        slot[j] = fields.get(j)[1];
        toDouble[j] = fields.get(j)[2] == 1;
      }
      return new Level(output.build(), source, slot, toDouble, nested.toArray(new Level[0]));
    }

    Row apply(Row row, Row fills) {
      List<Object> values = new ArrayList<>(source.length);
      for (int j = 0; j < source.length; j++) {
        Object value = row.getValue(source[j]);
        if (slot[j] >= 0) {
          if (value == null) {
            value = fills.getValue(slot[j]);
          } else if (toDouble[j]) {
            value = ((Number) value).doubleValue();
          }
        } else if (nested[j] != null && value != null) {
          value = nested[j].apply((Row) value, fills);
        }
        values.add(value);
      }
      return Row.withSchema(output).attachValues(values);
    }
  }

  /** Adds each row's non-null values to the stats of its bundle; one output per bundle. */
  static final class StatsPerBundleFn extends DoFn<Row, ColumnStats[]> {
    private final List<Column> columns;
    private final List<int[]> indices;
    private transient ColumnStats[] stats;
    private transient boolean seen;

    StatsPerBundleFn(List<Column> columns, List<int[]> indices) {
      this.columns = columns;
      this.indices = indices;
    }

    @StartBundle
    public void startBundle() {
      stats = FillStats.LearnFn.empty(columns.size());
      seen = false;
    }

    @ProcessElement
    public void process(@Element Row row) {
      seen = true;
      for (int i = 0; i < stats.length; i++) {
        Object value = FieldPath.valueAt(row, indices.get(i));
        if (value != null) {
          stats[i].add(columns.get(i), value);
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      if (seen) {
        context.output(stats, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }
  }

  private static final class FillFn extends DoFn<Row, Row> {
    private final Level plan;
    private final PCollectionView<Row> learnedValues;

    FillFn(Level plan, PCollectionView<Row> learnedValues) {
      this.plan = plan;
      this.learnedValues = learnedValues;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      context.output(plan.apply(context.element(), context.sideInput(learnedValues)));
    }
  }
}
