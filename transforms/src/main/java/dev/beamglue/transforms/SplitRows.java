package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.CastFailure;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import dev.beamglue.transforms.schema.ValueCasts;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Glue's SplitRows: splits the records in two, those that match every condition and the rest; a
 * condition compares a field with a constant using {@code =}, {@code !=}, {@code <}, {@code <=},
 * {@code >} or {@code >=}.
 *
 * <p>{@code SplitRows.Result split = rows.apply(SplitRows.where("age", ">=", 18).and("country",
 * "=", "NL")); split.matching(); split.rest();}
 *
 * <p>The constant is converted to the field's type when the transform is applied, with {@link
 * ValueCasts} ({@code "18"} compares with an int field as 18); a constant that cannot be
 * converted, or that an integer or decimal field cannot hold exactly ({@code 1.5} for an int),
 * fails then, naming the field. Numbers, strings (in Java's {@link String#compareTo} order),
 * dates, timestamps and decimals take every operator; booleans only {@code =} and {@code !=};
 * other types (structs, arrays, maps, bytes, choices) cannot be compared. Floats and doubles
 * compare as {@link Double#compare} does, except that 0.0 equals -0.0: NaN equals NaN and is
 * greater than every other number. A null value (or a null struct on the way to it) matches no
 * condition, {@code !=} included, as in SQL: such records go to the rest. Both outputs have the
 * input schema and the records unchanged.
 */
public final class SplitRows extends PTransform<PCollection<Row>, SplitRows.Result> {

  private final List<Condition> conditions;

  private SplitRows(List<Condition> conditions) {
    this.conditions = Collections.unmodifiableList(conditions);
  }

  /** Records whose field at {@code path} compares with {@code value} by {@code op}. */
  public static SplitRows where(String path, String op, Object value) {
    return new SplitRows(List.of()).and(path, op, value);
  }

  /** These records, of which the field at {@code path} must also compare with {@code value}. */
  public SplitRows and(String path, String op, Object value) {
    List<Condition> more = new ArrayList<>(conditions);
    more.add(new Condition(FieldPath.parse(path.trim()), Op.parse(op), value));
    return new SplitRows(more);
  }

  @Override
  public Result expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    List<Compiled> compiled = new ArrayList<>();
    for (Condition condition : conditions) {
      compiled.add(condition.compile(schema));
    }
    PCollectionTuple outputs =
        input.apply(
            "Split",
            ParDo.of(new SplitFn(compiled))
                .withOutputTags(Result.MATCHING, TupleTagList.of(Result.REST)));
    return new Result(
        outputs.get(Result.MATCHING).setRowSchema(schema),
        outputs.get(Result.REST).setRowSchema(schema));
  }

  /** The comparison operators. */
  enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    static Op parse(String text) {
      for (Op op : values()) {
        if (op.symbol.equals(text == null ? null : text.trim())) {
          return op;
        }
      }
      throw new IllegalArgumentException(
          "SplitRows has no operator '" + text + "'; use =, !=, <, <=, > or >=.");
    }

    boolean holds(int comparison) {
      switch (this) {
        case EQ:
          return comparison == 0;
        case NE:
          return comparison != 0;
        case LT:
          return comparison < 0;
        case LE:
          return comparison <= 0;
        case GT:
          return comparison > 0;
        default:
          return comparison >= 0;
      }
    }
  }

  private static final class Condition {
    final FieldPath path;
    final Op op;
    final Object value;
    final FieldType valueType;

    Condition(FieldPath path, Op op, Object value) {
      this.path = path;
      this.op = op;
      if (value == null) {
        throw new IllegalArgumentException(
            "SplitRows cannot compare '" + path + "' " + op.symbol + " null: null matches no"
                + " condition; give a value.");
      }
      if (value instanceof java.time.Instant) {
        value = new Instant(((java.time.Instant) value).toEpochMilli());
      } else if (value instanceof ReadableInstant) {
        value = new Instant(((ReadableInstant) value).getMillis());
      } else if (value instanceof BigInteger) {
        value = new BigDecimal((BigInteger) value);
      }
      this.value = value;
      this.valueType = typeOf(value, path, op);
    }

    private static FieldType typeOf(Object value, FieldPath path, Op op) {
      if (value instanceof String) {
        return FieldType.STRING;
      } else if (value instanceof Integer) {
        return FieldType.INT32;
      } else if (value instanceof Long) {
        return FieldType.INT64;
      } else if (value instanceof Short) {
        return FieldType.INT16;
      } else if (value instanceof Byte) {
        return FieldType.BYTE;
      } else if (value instanceof Double) {
        return FieldType.DOUBLE;
      } else if (value instanceof Float) {
        return FieldType.FLOAT;
      } else if (value instanceof BigDecimal) {
        return FieldType.DECIMAL;
      } else if (value instanceof Boolean) {
        return FieldType.BOOLEAN;
      } else if (value instanceof LocalDate) {
        return FieldType.logicalType(SqlTypes.DATE);
      } else if (value instanceof Instant) {
        return FieldType.DATETIME;
      }
      throw new IllegalArgumentException(
          "SplitRows cannot compare '" + path + "' " + op.symbol + " " + value + ": a "
              + value.getClass().getSimpleName() + " is not a constant it knows; give a string,"
              + " number, boolean, BigDecimal, LocalDate or Instant.");
    }

    Compiled compile(Schema schema) {
      FieldType fieldType = path.resolveType(schema); // throws with the path and the fields there
      Kind kind = Kind.of(fieldType);
      String described = GlueTypes.describe(fieldType);
      if (kind == null) {
        throw new IllegalArgumentException(
            "SplitRows cannot compare field '" + path + "': it is " + described + "; only numbers,"
                + " strings, booleans, dates, timestamps and decimals compare.");
      }
      if (kind == Kind.BOOLEAN && op != Op.EQ && op != Op.NE) {
        throw new IllegalArgumentException(
            "SplitRows cannot compare boolean field '" + path + "' with " + op.symbol
                + "; booleans take only = and !=.");
      }
      Object constant;
      try {
        constant = ValueCasts.cast(value, valueType, fieldType);
      } catch (CastFailure failure) {
        throw new IllegalArgumentException(
            "SplitRows cannot compare field '" + path + "' " + op.symbol + " " + show(value)
                + ": " + failure.getMessage(), failure);
      }
      if (kind == Kind.EXACT && valueType.getTypeName() != Schema.TypeName.DATETIME) {
        BigDecimal asked = (BigDecimal) ValueCasts.cast(value, valueType, FieldType.DECIMAL);
        BigDecimal held = (BigDecimal) ValueCasts.cast(constant, fieldType, FieldType.DECIMAL);
        if (asked.compareTo(held) != 0) {
          throw new IllegalArgumentException(
              "SplitRows cannot compare field '" + path + "' " + op.symbol + " " + show(value)
                  + ": the field is " + described + ", which cannot hold it exactly.");
        }
      }
      return new Compiled(path.indicesIn(schema), op, kind, constant);
    }

    private static String show(Object value) {
      return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
  }

  /** How the values of a field compare. */
  private enum Kind {
    EXACT, // integers and decimals
    FLOATING,
    BOOLEAN,
    TIMESTAMP,
    OTHER; // strings, dates

    static Kind of(FieldType type) {
      switch (type.getTypeName()) {
        case BYTE:
        case INT16:
        case INT32:
        case INT64:
        case DECIMAL:
          return EXACT;
        case FLOAT:
        case DOUBLE:
          return FLOATING;
        case BOOLEAN:
          return BOOLEAN;
        case DATETIME:
          return TIMESTAMP;
        case STRING:
          return OTHER;
        case LOGICAL_TYPE:
          String id = type.getLogicalType().getIdentifier();
          if (id.equals(SqlTypes.DATE.getIdentifier())) {
            return OTHER;
          }
          if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
            return EXACT;
          }
          return null;
        default:
          return null;
      }
    }
  }

  /** A condition resolved against the schema: where the value is, and the constant in its type. */
  private static final class Compiled implements Serializable {
    final int[] indices;
    final Op op;
    final Kind kind;
    final Object constant;

    Compiled(int[] indices, Op op, Kind kind, Object constant) {
      this.indices = indices;
      this.op = op;
      this.kind = kind;
      this.constant = constant;
    }

    @SuppressWarnings("unchecked")
    boolean matches(Row row) {
      Object value = FieldPath.valueAt(row, indices);
      if (value == null) {
        return false;
      }
      int comparison;
      switch (kind) {
        case FLOATING:
          double a = ((Number) value).doubleValue();
          double b = ((Number) constant).doubleValue();
          comparison = a == 0 && b == 0 ? 0 : Double.compare(a, b);
          break;
        case TIMESTAMP:
          comparison =
              Long.compare(((ReadableInstant) value).getMillis(), ((Instant) constant).getMillis());
          break;
        case BOOLEAN:
          comparison = value.equals(constant) ? 0 : 1;
          break;
        default:
          comparison = ((Comparable<Object>) value).compareTo(constant);
      }
      return op.holds(comparison);
    }
  }

  private static final class SplitFn extends DoFn<Row, Row> {
    private final List<Compiled> conditions;

    SplitFn(List<Compiled> conditions) {
      this.conditions = new ArrayList<>(conditions);
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      for (Compiled condition : conditions) {
        if (!condition.matches(row)) {
          out.get(Result.REST).output(row);
          return;
        }
      }
      out.get(Result.MATCHING).output(row);
    }
  }

  /** The two outputs: the records that match every condition, and the rest. */
  public static final class Result implements POutput {
    public static final TupleTag<Row> MATCHING = new TupleTag<Row>("matching") {};
    public static final TupleTag<Row> REST = new TupleTag<Row>("rest") {};

    private final PCollection<Row> matching;
    private final PCollection<Row> rest;

    private Result(PCollection<Row> matching, PCollection<Row> rest) {
      this.matching = matching;
      this.rest = rest;
    }

    /** The records that match every condition, unchanged. */
    public PCollection<Row> matching() {
      return matching;
    }

    /** The other records, those with a null where a condition looks included, unchanged. */
    public PCollection<Row> rest() {
      return rest;
    }

    @Override
    public Pipeline getPipeline() {
      return matching.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return ImmutableMap.of(MATCHING, matching, REST, rest);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
