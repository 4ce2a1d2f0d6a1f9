package dev.beamglue.transforms.ml;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Drops the rows that hold null, or a given value, in any of the named top-level fields, and
 * counts what it dropped in the Beam counter {@code beamglue:<name>} ({@value #DEFAULT_COUNTER}
 * unless {@link #countedAs} names another), so that a dropped row is never lost unnoticed. The
 * rows kept are unchanged.
 *
 * <p>{@code rows.apply(DropRows.holding("**", "Accessible", "Adaptive_Swing").countedAs("stars"))}
 *
 * <p>{@link #withNullIn} with no field names looks at every field (pandas' {@code dropna()}).
 * {@link #holding} compares the field's Java value with {@link Object#equals}: a string {@code
 * "**"} matches only string fields holding exactly that.
 */
public final class DropRows extends PTransform<PCollection<Row>, PCollection<Row>> {

  /** The counter name when none is given. */
  public static final String DEFAULT_COUNTER = "DropRows.dropped";

  /** The namespace of the counter. */
  public static final String NAMESPACE = "beamglue";

  private final Object value; // null: drop nulls
  private final List<String> fields;
  private final String counter;

  private DropRows(Object value, List<String> fields, String counter) {
    this.value = value;
    this.fields = fields;
    this.counter = counter;
  }

  /** Drops the rows with null in any of {@code fields} (in any field when none are named). */
  public static DropRows withNullIn(String... fields) {
    return new DropRows(null, List.of(fields), DEFAULT_COUNTER);
  }

  /** Drops the rows with null in any of {@code fields}; all fields when the list is empty. */
  public static DropRows withNullIn(List<String> fields) {
    return new DropRows(null, List.copyOf(fields), DEFAULT_COUNTER);
  }

  /** Drops the rows that hold {@code value} in any of {@code fields}. */
  public static DropRows holding(Object value, String... fields) {
    if (value == null) {
      throw new IllegalArgumentException("DropRows.holding needs a value; use withNullIn for null.");
    }
    if (fields.length == 0) {
      throw new IllegalArgumentException("DropRows.holding needs at least one field to look at.");
    }
    return new DropRows(value, List.of(fields), DEFAULT_COUNTER);
  }

  /** Counts the dropped rows in the counter {@code beamglue:<name>}. */
  public DropRows countedAs(String name) {
    return new DropRows(value, fields, Objects.requireNonNull(name, "counter name"));
  }

  public String getCounterName() {
    return counter;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    int[] positions;
    if (fields.isEmpty()) {
      positions = new int[schema.getFieldCount()];
      Arrays.setAll(positions, i -> i);
    } else {
      positions = new int[fields.size()];
      for (int i = 0; i < positions.length; i++) {
        if (!schema.hasField(fields.get(i))) {
          throw new IllegalArgumentException(
              "DropRows looks at '" + fields.get(i) + "', which is not a field of the rows: "
                  + schema.getFieldNames() + ".");
        }
        positions[i] = schema.indexOf(fields.get(i));
      }
    }
    return input
        .apply(
            value == null ? "Drop rows with nulls" : "Drop rows holding " + value,
            ParDo.of(new DropFn(value, positions, counter)))
        .setRowSchema(schema);
  }

  private static final class DropFn extends DoFn<Row, Row> {
    private final Object value;
    private final int[] positions;
    private final Counter dropped;
    private transient long inBundle;

    DropFn(Object value, int[] positions, String counterName) {
      this.value = value;
      this.positions = positions;
      this.dropped = Metrics.counter(NAMESPACE, counterName);
    }

    @StartBundle
    public void startBundle() {
      inBundle = 0;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      for (int position : positions) {
        Object held = row.getValue(position);
        if (value == null ? held == null : value.equals(held)) {
          inBundle++;
          return;
        }
      }
      out.output(row);
    }

    @FinishBundle
    public void finishBundle() {
      if (inBundle > 0) {
        dropped.inc(inBundle);
      }
    }
  }
}
