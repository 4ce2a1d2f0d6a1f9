package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.GlueTypes;
import dev.beamglue.transforms.schema.ValueCasts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * One schema for several frames, and the casts of each frame's rows to it: what {@link UnionFrames}
 * and {@link MergeFrames} do before they put frames together (Flink cannot flatten collections
 * whose schemas differ, even only in nullability).
 *
 * <p>{@code Schema all = SchemaUnion.unify(List.of(a.getSchema(), b.getSchema()));
 * a.apply(SchemaUnion.castTo(all))}
 *
 * <p>The rules: fields are the union of the inputs' fields by name, in first-seen order; a field
 * missing from some input, or nullable in one, is nullable. A name with the same type everywhere
 * keeps it. Types that widen without loss take the wider type: byte, short, int, long to the
 * widest; float with byte or short to float; float or double with any integer or float to double
 * (a long beyond 2^53 rounds to the nearest double, as in Spark); date with timestamp to
 * timestamp at midnight UTC; a decimal with an integer or a decimal to a decimal with the integer
 * and fraction digits of both ({@code decimal(10,2)} and {@code decimal(5,3)} make {@code
 * decimal(11,3)}), or the unbounded {@code decimal} past 38 digits. Structs unify field by field,
 * arrays element by element. Any other pair becomes a Glue choice ({@link GlueTypes#choiceOf}),
 * which merges with further types case by case.
 */
public final class SchemaUnion {

  private SchemaUnion() {}

  /**
   * The schema that every one of {@code schemas} casts to without loss; throws {@link
   * IllegalArgumentException} when there is none or a choice cannot be built.
   */
  public static Schema unify(Collection<Schema> schemas) {
    if (schemas.isEmpty()) {
      throw new IllegalArgumentException("There is no schema to unify.");
    }
    Schema unified = null;
    for (Schema schema : schemas) {
      unified = unified == null ? schema : unify(unified, schema, "");
    }
    return unified;
  }

  private static Schema unify(Schema a, Schema b, String prefix) {
    Map<String, FieldType> types = new LinkedHashMap<>();
    for (Field field : a.getFields()) {
      types.put(
          field.getName(),
          b.hasField(field.getName()) ? field.getType() : field.getType().withNullable(true));
    }
    for (Field field : b.getFields()) {
      FieldType seen = types.get(field.getName());
      if (seen == null) {
        types.put(field.getName(), field.getType().withNullable(true));
      } else {
        types.put(field.getName(), unify(seen, field.getType(), prefix + field.getName()));
      }
    }
    Schema.Builder out = Schema.builder();
    types.forEach(out::addField);
    return out.build();
  }

  /** The type both {@code a} and {@code b} cast to, nullable when either is. */
  static FieldType unify(FieldType a, FieldType b, String path) {
    boolean nullable = a.getNullable() || b.getNullable();
    FieldType wide = widen(a.withNullable(false), b.withNullable(false), path);
    return wide.withNullable(nullable || wide.getNullable());
  }

  private static FieldType widen(FieldType a, FieldType b, String path) {
    if (a.equals(b)) {
      return a;
    }
    TypeName x = a.getTypeName();
    TypeName y = b.getTypeName();
    if (x == TypeName.ROW && y == TypeName.ROW) {
      return FieldType.row(unify(a.getRowSchema(), b.getRowSchema(), path + "."));
    }
    if (x == TypeName.ARRAY && y == TypeName.ARRAY) {
      return FieldType.array(
          unify(a.getCollectionElementType(), b.getCollectionElementType(), path + "[]"));
    }
    if (!GlueTypes.isChoice(a) && !GlueTypes.isChoice(b)) {
      FieldType numeric = widenNumbers(a, b);
      if (numeric != null) {
        return numeric;
      }
      if (isDateOrTimestamp(a) && isDateOrTimestamp(b)) {
        return FieldType.DATETIME;
      }
    }
    return choice(a, b, path);
  }

  private static FieldType choice(FieldType a, FieldType b, String path) {
    List<FieldType> cases = new ArrayList<>();
    for (FieldType type : List.of(a, b)) {
      Collection<FieldType> held =
          GlueTypes.isChoice(type) ? GlueTypes.choiceCases(type).values() : List.of(type);
      for (FieldType one : held) {
        if (cases.stream().noneMatch(existing -> ValueCasts.sameType(existing, one))) {
          cases.add(one);
        }
      }
    }
    try {
      return GlueTypes.choiceOf(cases);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Field '" + path + "' has the types " + GlueTypes.describe(a) + " and "
              + GlueTypes.describe(b) + ", which neither widen to one type nor make a choice: "
              + e.getMessage() + " Cast them to one type first, with ApplyMapping.",
          e);
    }
  }

  private static boolean isDateOrTimestamp(FieldType type) {
    return type.getTypeName() == TypeName.DATETIME
        || (type.getTypeName() == TypeName.LOGICAL_TYPE
            && type.getLogicalType().getIdentifier().equals(SqlTypes.DATE.getIdentifier()));
  }

  /** Integer digits of an integer type, or -1. */
  private static int integerDigits(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE:
        return 3;
      case INT16:
        return 5;
      case INT32:
        return 10;
      case INT64:
        return 19;
      default:
        return -1;
    }
  }

  /** {precision, scale} of a bounded decimal, or null. */
  private static int[] decimalBounds(FieldType type) {
    if (type.getTypeName() == TypeName.LOGICAL_TYPE
        && type.getLogicalType().getIdentifier().equals(FixedPrecisionNumeric.IDENTIFIER)) {
      Row argument = (Row) type.getLogicalType().getArgument();
      return new int[] {argument.getInt32("precision"), argument.getInt32("scale")};
    }
    int digits = integerDigits(type);
    return digits < 0 ? null : new int[] {digits, 0};
  }

  private static FieldType widenNumbers(FieldType a, FieldType b) {
    int ia = integerDigits(a);
    int ib = integerDigits(b);
    if (ia > 0 && ib > 0) {
      return ia >= ib ? a : b;
    }
    TypeName x = a.getTypeName();
    TypeName y = b.getTypeName();
    boolean aFloating = x == TypeName.FLOAT || x == TypeName.DOUBLE;
    boolean bFloating = y == TypeName.FLOAT || y == TypeName.DOUBLE;
    if ((aFloating || ia > 0) && (bFloating || ib > 0)) {
      boolean bothSmall = Math.max(ia, ib) <= 5;
      return x == TypeName.DOUBLE || y == TypeName.DOUBLE || !bothSmall
          ? FieldType.DOUBLE
          : FieldType.FLOAT;
    }
    if (x == TypeName.DECIMAL || y == TypeName.DECIMAL) {
      boolean other = (x == TypeName.DECIMAL ? b : a).getTypeName() == TypeName.DECIMAL;
      return other || decimalBounds(x == TypeName.DECIMAL ? b : a) != null
          ? FieldType.DECIMAL
          : null;
    }
    int[] da = decimalBounds(a);
    int[] db = decimalBounds(b);
    if (da == null || db == null) {
      return null;
    }
    int scale = Math.max(da[1], db[1]);
    int precision = Math.max(da[0] - da[1], db[0] - db[1]) + scale;
    return precision <= 38
        ? FieldType.logicalType(FixedPrecisionNumeric.of(precision, scale))
        : FieldType.DECIMAL;
  }

  /** Casts each row of a collection to {@code target}, which it must unify into. */
  public static PTransform<PCollection<Row>, PCollection<Row>> castTo(Schema target) {
    return new CastTo(target);
  }

  /** The cast of rows of schema {@code from} to the unified schema {@code to}. */
  static Conformer conformer(Schema from, Schema to) {
    return new Conformer(from, to);
  }

  private static final class CastTo extends PTransform<PCollection<Row>, PCollection<Row>> {
    private final Schema target;

    CastTo(Schema target) {
      this.target = target;
    }

    @Override
    public PCollection<Row> expand(PCollection<Row> input) {
      Conformer conformer = conformer(input.getSchema(), target);
      return input
          .apply("Cast", ParDo.of(new CastFn(conformer)))
          .setRowSchema(target);
    }
  }

  private static final class CastFn extends DoFn<Row, Row> {
    private final Conformer conformer;

    CastFn(Conformer conformer) {
      this.conformer = conformer;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(conformer.apply(row));
    }
  }

  /** Turns one value into the unified type's value. */
  private interface ValueConformer extends Serializable {
    Object apply(Object value);
  }

  /** Casts rows of one schema to a schema it unifies into, field by field. */
  static final class Conformer implements Serializable {
    private final Schema target;
    private final int[] sources;
    private final ValueConformer[] values;
    private final boolean identity;

    private Conformer(Schema from, Schema to) {
      this.target = to;
      this.sources = new int[to.getFieldCount()];
      this.values = new ValueConformer[to.getFieldCount()];
      for (int i = 0; i < sources.length; i++) {
        Field field = to.getField(i);
        sources[i] = from.hasField(field.getName()) ? from.indexOf(field.getName()) : -1;
        if (sources[i] >= 0) {
          values[i] = valueConformer(from.getField(sources[i]).getType(), field.getType());
        }
      }
      this.identity = from.equals(to);
    }

    /** The row as a row of the unified schema. */
    Row apply(Row row) {
      if (identity) {
        return row;
      }
      List<Object> out = new ArrayList<>(sources.length);
      for (int i = 0; i < sources.length; i++) {
        Object value = sources[i] < 0 ? null : row.getValue(sources[i]);
        out.add(value == null || values[i] == null ? value : values[i].apply(value));
      }
      return Row.withSchema(target).attachValues(out);
    }

    private static ValueConformer valueConformer(FieldType from, FieldType to) {
      if (from.withNullable(false).equals(to.withNullable(false))) {
        return null;
      }
      if (from.getTypeName() == TypeName.ROW && to.getTypeName() == TypeName.ROW) {
        Conformer nested = new Conformer(from.getRowSchema(), to.getRowSchema());
        return value -> nested.apply((Row) value);
      }
      if (from.getTypeName() == TypeName.ARRAY && to.getTypeName() == TypeName.ARRAY) {
        ValueConformer element =
            valueConformer(from.getCollectionElementType(), to.getCollectionElementType());
        if (element == null) {
          return null;
        }
        return value -> {
          List<Object> out = new ArrayList<>();
          for (Object item : (Iterable<?>) value) {
            out.add(item == null ? null : element.apply(item));
          }
          return out;
        };
      }
      return value -> ValueCasts.cast(value, from, to);
    }
  }
}
