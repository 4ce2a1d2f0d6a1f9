package dev.beamglue.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigDecimalCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.Row;

/**
 * What {@link FillMissingValues} learns from the data, column by column: an exact sum and count
 * for a mean, or a count per distinct value for a median or the most frequent value. Sums are
 * exact ({@link BigDecimal}), so the mean does not depend on the order in which runners add up.
 *
 * <p>{@code Row fills = new FillStats.LearnFn(columns, fillsSchema).extractOutput(stats);}
 */
final class FillStats {

  /** How a column's fill value is learned. */
  enum Method {
    MEAN,
    MEDIAN,
    MOST_FREQUENT
  }

  /** One column to learn: how, and the Beam type of its values (not nullable). */
  static final class Column implements Serializable {
    final Method method;
    final FieldType type;

    Column(Method method, FieldType type) {
      this.method = method;
      this.type = type.withNullable(false);
    }
  }

  /** What was seen of one column. */
  static final class ColumnStats {
    long count;
    long smallSum; // integers, while they fit
    BigDecimal exactSum = BigDecimal.ZERO;
    int nan;
    int positiveInfinity;
    int negativeInfinity;
    Map<Object, Long> counts = new HashMap<>();

    void add(Column column, Object value) {
      count++;
      if (column.method != Method.MEAN) {
        counts.merge(value, 1L, Long::sum);
        return;
      }
      switch (column.type.getTypeName()) {
        case BYTE:
        case INT16:
        case INT32:
        case INT64:
          long number = ((Number) value).longValue();
          try {
            smallSum = Math.addExact(smallSum, number);
          } catch (ArithmeticException overflow) {
            exactSum = exactSum.add(BigDecimal.valueOf(number));
          }
          return;
        case DECIMAL:
          exactSum = exactSum.add((BigDecimal) value);
          return;
        default:
          double real = ((Number) value).doubleValue();
          if (Double.isNaN(real)) {
            nan++;
          } else if (real == Double.POSITIVE_INFINITY) {
            positiveInfinity++;
          } else if (real == Double.NEGATIVE_INFINITY) {
            negativeInfinity++;
          } else {
            exactSum = exactSum.add(new BigDecimal(real));
          }
      }
    }

    void merge(ColumnStats other) {
      count += other.count;
      try {
        smallSum = Math.addExact(smallSum, other.smallSum);
      } catch (ArithmeticException overflow) {
        exactSum = exactSum.add(BigDecimal.valueOf(other.smallSum));
      }
      exactSum = exactSum.add(other.exactSum);
      nan += other.nan;
      positiveInfinity += other.positiveInfinity;
      negativeInfinity += other.negativeInfinity;
      other.counts.forEach((value, n) -> counts.merge(value, n, Long::sum));
    }

    /** The learned value, in the column's fill type; null when no value was seen. */
    Object result(Column column) {
      if (count == 0) {
        return null;
      }
      switch (column.method) {
        case MEAN:
          return mean(column);
        case MEDIAN:
          return median();
        default:
          return mostFrequent();
      }
    }

    private Object mean(Column column) {
      if (nan > 0 || (positiveInfinity > 0 && negativeInfinity > 0)) {
        return Double.NaN;
      } else if (positiveInfinity > 0) {
        return Double.POSITIVE_INFINITY;
      } else if (negativeInfinity > 0) {
        return Double.NEGATIVE_INFINITY;
      }
      BigDecimal mean =
          exactSum
              .add(BigDecimal.valueOf(smallSum))
              .divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
      return column.type.getTypeName() == TypeName.DECIMAL ? mean : mean.doubleValue();
    }

    /** The lower middle value: the ((count + 1) / 2)-th smallest. */
    private Object median() {
      List<Object> values = sortedValues();
      long wanted = (count + 1) / 2;
      long seen = 0;
      for (Object value : values) {
        seen += counts.get(value);
        if (seen >= wanted) {
          return value;
        }
      }
      throw new IllegalStateException("The counts add up to less than " + count + ".");
    }

    /** The value seen most often; of several, the smallest. */
    private Object mostFrequent() {
      Object best = null;
      long bestCount = 0;
      for (Object value : sortedValues()) {
        long n = counts.get(value);
        if (n > bestCount) {
          best = value;
          bestCount = n;
        }
      }
      return best;
    }

    private List<Object> sortedValues() {
      List<Object> values = new ArrayList<>(counts.keySet());
      values.sort(FillStats::compareValues);
      return values;
    }
  }

  /**
   * Orders values of one column: by their natural order when they have one (numbers, strings,
   * booleans, timestamps, dates), else by their canonical text.
   */
  @SuppressWarnings("unchecked")
  static int compareValues(Object a, Object b) {
    if (a instanceof Comparable && a.getClass() == b.getClass()) {
      return ((Comparable<Object>) a).compareTo(b);
    }
    if (a instanceof org.joda.time.ReadableInstant && b instanceof org.joda.time.ReadableInstant) {
      return ((org.joda.time.ReadableInstant) a).compareTo((org.joda.time.ReadableInstant) b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }

  /** Learns every column at once, from the per-bundle stats, into one row of fill values. */
  static final class LearnFn extends Combine.CombineFn<ColumnStats[], ColumnStats[], Row> {
    private final List<Column> columns;
    private final Schema fillsSchema;

    LearnFn(List<Column> columns, Schema fillsSchema) {
      this.columns = columns;
      this.fillsSchema = fillsSchema;
    }

    static ColumnStats[] empty(int size) {
      ColumnStats[] stats = new ColumnStats[size];
      for (int i = 0; i < size; i++) {
        stats[i] = new ColumnStats();
      }
      return stats;
    }

    @Override
    public ColumnStats[] createAccumulator() {
      return empty(columns.size());
    }

    @Override
    public ColumnStats[] addInput(ColumnStats[] accumulator, ColumnStats[] bundle) {
      for (int i = 0; i < accumulator.length; i++) {
        accumulator[i].merge(bundle[i]);
      }
      return accumulator;
    }

    @Override
    public ColumnStats[] mergeAccumulators(Iterable<ColumnStats[]> accumulators) {
      ColumnStats[] merged = createAccumulator();
      for (ColumnStats[] stats : accumulators) {
        addInput(merged, stats);
      }
      return merged;
    }

    @Override
    public Row extractOutput(ColumnStats[] accumulator) {
      List<Object> values = new ArrayList<>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        values.add(accumulator[i].result(columns.get(i)));
      }
      return Row.withSchema(fillsSchema).attachValues(values);
    }

    @Override
    public Coder<ColumnStats[]> getAccumulatorCoder(
        CoderRegistry registry, Coder<ColumnStats[]> inputCoder) {
      return new StatsCoder(columns);
    }

    @Override
    public Coder<Row> getDefaultOutputCoder(
        CoderRegistry registry, Coder<ColumnStats[]> inputCoder) {
      return SchemaCoder.of(fillsSchema);
    }
  }

  /** Encodes the stats of all columns; distinct values with the schema coder of their type. */
  static final class StatsCoder extends CustomCoder<ColumnStats[]> {
    private static final Coder<Long> LONG = VarLongCoder.of();
    private static final Coder<Integer> INT = VarIntCoder.of();
    private static final Coder<BigDecimal> DECIMAL = BigDecimalCoder.of();
    private final List<Column> columns;
    private transient List<Coder<Object>> valueCoders;

    StatsCoder(List<Column> columns) {
      this.columns = columns;
    }

    private List<Coder<Object>> valueCoders() {
      if (valueCoders == null) {
        List<Coder<Object>> coders = new ArrayList<>();
        for (Column column : columns) {
          coders.add(SchemaCoder.coderForFieldType(column.type));
        }
        valueCoders = Collections.unmodifiableList(coders);
      }
      return valueCoders;
    }

    @Override
    public void encode(ColumnStats[] stats, OutputStream out) throws IOException {
      for (int i = 0; i < stats.length; i++) {
        ColumnStats s = stats[i];
        LONG.encode(s.count, out);
        if (columns.get(i).method == Method.MEAN) {
          LONG.encode(s.smallSum, out);
          DECIMAL.encode(s.exactSum, out);
          INT.encode(s.nan, out);
          INT.encode(s.positiveInfinity, out);
          INT.encode(s.negativeInfinity, out);
        } else {
          Coder<Object> valueCoder = valueCoders().get(i);
          INT.encode(s.counts.size(), out);
          for (Map.Entry<Object, Long> entry : s.counts.entrySet()) {
            valueCoder.encode(entry.getKey(), out);
            LONG.encode(entry.getValue(), out);
          }
        }
      }
    }

    @Override
    public ColumnStats[] decode(InputStream in) throws IOException {
      ColumnStats[] stats = LearnFn.empty(columns.size());
      for (int i = 0; i < stats.length; i++) {
        ColumnStats s = stats[i];
        s.count = LONG.decode(in);
        if (columns.get(i).method == Method.MEAN) {
          s.smallSum = LONG.decode(in);
          s.exactSum = DECIMAL.decode(in);
          s.nan = INT.decode(in);
          s.positiveInfinity = INT.decode(in);
          s.negativeInfinity = INT.decode(in);
        } else {
          Coder<Object> valueCoder = valueCoders().get(i);
          int size = INT.decode(in);
          for (int j = 0; j < size; j++) {
            s.counts.put(valueCoder.decode(in), LONG.decode(in));
          }
        }
      }
      return stats;
    }
  }
}
