package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.ReadableInstant;

/**
 * The keys that {@link Join} and {@link MergeFrames} match records on: each pair of key columns is
 * coerced to one comparable form where no value can be lost, and a record's key becomes a {@link
 * Row} of those forms, whose coder is deterministic, for {@code CoGroupByKey}.
 *
 * <p>{@code JoinKeys keys = JoinKeys.plan("Join", left, List.of("zip"), right, List.of("zip"));}
 *
 * <p>The coercions, per pair of key columns:
 *
 * <ul>
 *   <li>byte, short, int and long together: compared as longs.
 *   <li>an integer, float, double or decimal with a float, double or decimal: compared as exact
 *       decimal numbers, a float or double read as its shortest decimal text ({@code
 *       Double.toString}), so {@code 3} matches {@code 3.0} and the double {@code 0.1} matches the
 *       decimal {@code 0.10}; NaN matches NaN and the infinities match themselves, as in Spark.
 *   <li>an integer with a string: the integer's canonical decimal text against the string as it
 *       is, so {@code 11236} matches {@code "11236"} but not {@code "011236"} nor {@code " 11236"}.
 *   <li>two strings, two booleans, two binaries: as they are.
 *   <li>a date with a date or a timestamp: a date is the timestamp at its midnight UTC.
 * </ul>
 *
 * <p>Any other pair (boolean with date, struct with string, a choice, a struct, an array...) is
 * rejected when the pipeline is built, naming both columns and their types. A record with a null
 * in any key column has no key: it matches nothing, as in SQL.
 */
final class JoinKeys implements Serializable {

  /** How a pair of key columns is compared. */
  private enum Form {
    LONG(FieldType.INT64),
    NUMBER(FieldType.STRING),
    TEXT(FieldType.STRING),
    MILLIS(FieldType.INT64),
    BOOLEAN(FieldType.BOOLEAN),
    BYTES(FieldType.BYTES);

    final FieldType keyType;

    Form(FieldType keyType) {
      this.keyType = keyType;
    }
  }

  /** What a key column holds, for the coercion rules. */
  private enum Kind {
    INTEGER,
    FLOAT,
    DOUBLE,
    DECIMAL,
    STRING,
    BOOLEAN,
    BYTES,
    DATE,
    TIMESTAMP,
    OTHER
  }

  private final Schema keySchema;
  private final Extractor left;
  private final Extractor right;

  private JoinKeys(Schema keySchema, Extractor left, Extractor right) {
    this.keySchema = keySchema;
    this.left = left;
    this.right = right;
  }

  /**
   * The key plan for matching {@code leftKeys} of {@code left} with {@code rightKeys} of {@code
   * right}; throws {@link IllegalArgumentException} naming a path that is not there, or two
   * columns that cannot be compared. {@code step} and the side names start the messages.
   */
  static JoinKeys plan(
      String step,
      String leftName,
      Schema left,
      List<String> leftKeys,
      String rightName,
      Schema right,
      List<String> rightKeys) {
    checkKeys(step, leftKeys, rightKeys);
    Schema.Builder key = Schema.builder();
    List<int[]> leftPaths = new ArrayList<>();
    List<int[]> rightPaths = new ArrayList<>();
    List<Kind> leftKinds = new ArrayList<>();
    List<Kind> rightKinds = new ArrayList<>();
    List<Form> forms = new ArrayList<>();
    for (int i = 0; i < leftKeys.size(); i++) {
      FieldPath l = FieldPath.parse(leftKeys.get(i));
      FieldPath r = FieldPath.parse(rightKeys.get(i));
      FieldType lType = resolve(step, leftName, l, left);
      FieldType rType = resolve(step, rightName, r, right);
      Kind lKind = kind(lType);
      Kind rKind = kind(rType);
      Form form = formOf(lKind, rKind);
      if (form == null) {
        throw new IllegalArgumentException(
            step + " cannot match " + leftName + " key '" + l + "' (" + GlueTypes.describe(lType)
                + ") with " + rightName + " key '" + r + "' (" + GlueTypes.describe(rType)
                + "): no common type holds both without losing values; cast one of them first,"
                + " with ApplyMapping or ResolveChoice.");
      }
      key.addField("k" + i, form.keyType);
      leftPaths.add(l.indicesIn(left));
      rightPaths.add(r.indicesIn(right));
      leftKinds.add(lKind);
      rightKinds.add(rKind);
      forms.add(form);
    }
    Schema keySchema = key.build();
    return new JoinKeys(
        keySchema,
        new Extractor(keySchema, leftPaths, leftKinds, forms),
        new Extractor(keySchema, rightPaths, rightKinds, forms));
  }

  /** Throws when the key lists are empty or of different lengths. */
  static void checkKeys(String step, List<String> leftKeys, List<String> rightKeys) {
    if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException(
          step + " needs key lists of the same, non-zero length; it has " + leftKeys + " and "
              + rightKeys + ".");
    }
  }

  private static FieldType resolve(String step, String side, FieldPath path, Schema schema) {
    try {
      return path.resolveType(schema);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(step + ", " + side + " key: " + e.getMessage(), e);
    }
  }

  Schema keySchema() {
    return keySchema;
  }

  Extractor left() {
    return left;
  }

  Extractor right() {
    return right;
  }

  private static Form formOf(Kind a, Kind b) {
    if (a == Kind.OTHER || b == Kind.OTHER) {
      return null;
    }
    if (a == Kind.INTEGER && b == Kind.INTEGER) {
      return Form.LONG;
    }
    if (isNumber(a) && isNumber(b)) {
      return Form.NUMBER;
    }
    if ((a == Kind.STRING || a == Kind.INTEGER) && (b == Kind.STRING || b == Kind.INTEGER)) {
      return Form.TEXT;
    }
    if ((a == Kind.DATE || a == Kind.TIMESTAMP) && (b == Kind.DATE || b == Kind.TIMESTAMP)) {
      return Form.MILLIS;
    }
    if (a == b && a == Kind.BOOLEAN) {
      return Form.BOOLEAN;
    }
    if (a == b && a == Kind.BYTES) {
      return Form.BYTES;
    }
    return null;
  }

  private static boolean isNumber(Kind kind) {
    return kind == Kind.INTEGER || kind == Kind.FLOAT || kind == Kind.DOUBLE
        || kind == Kind.DECIMAL;
  }

  private static Kind kind(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        return Kind.INTEGER;
      case FLOAT:
        return Kind.FLOAT;
      case DOUBLE:
        return Kind.DOUBLE;
      case DECIMAL:
        return Kind.DECIMAL;
      case STRING:
        return Kind.STRING;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case BYTES:
        return Kind.BYTES;
      case DATETIME:
        return Kind.TIMESTAMP;
      case LOGICAL_TYPE:
        String id = type.getLogicalType().getIdentifier();
        if (id.equals(SqlTypes.DATE.getIdentifier())) {
          return Kind.DATE;
        }
        return id.equals(FixedPrecisionNumeric.IDENTIFIER) ? Kind.DECIMAL : Kind.OTHER;
      default:
        return Kind.OTHER;
    }
  }

  /** Reads the key of one side's records. */
  static final class Extractor implements Serializable {
    private final Schema keySchema;
    private final int[][] paths;
    private final Kind[] kinds;
    private final Form[] forms;

    private Extractor(Schema keySchema, List<int[]> paths, List<Kind> kinds, List<Form> forms) {
      this.keySchema = keySchema;
      this.paths = paths.toArray(new int[0][]);
      this.kinds = kinds.toArray(new Kind[0]);
      this.forms = forms.toArray(new Form[0]);
    }

    /** The record's key, or null when a key column is null. */
    Row keyOf(Row row) {
      List<Object> values = new ArrayList<>(paths.length);
      for (int i = 0; i < paths.length; i++) {
        Object value = FieldPath.valueAt(row, paths[i]);
        if (value == null) {
          return null;
        }
        values.add(convert(value, kinds[i], forms[i]));
      }
      return Row.withSchema(keySchema).attachValues(values);
    }

    private static Object convert(Object value, Kind kind, Form form) {
      switch (form) {
        case LONG:
          return ((Number) value).longValue();
        case TEXT:
          return kind == Kind.INTEGER ? Long.toString(((Number) value).longValue()) : value;
        case NUMBER:
          return numberText(value, kind);
        case MILLIS:
          return kind == Kind.DATE
              ? ((LocalDate) value).toEpochDay() * 86_400_000L
              : ((ReadableInstant) value).getMillis();
        default:
          return value;
      }
    }

    private static String numberText(Object value, Kind kind) {
      BigDecimal number;
      switch (kind) {
        case INTEGER:
          number = BigDecimal.valueOf(((Number) value).longValue());
          break;
        case FLOAT:
          float f = (Float) value;
          if (!Float.isFinite(f)) {
            return Float.toString(f);
          }
          number = new BigDecimal(Float.toString(f));
          break;
        case DOUBLE:
          double d = (Double) value;
          if (!Double.isFinite(d)) {
            return Double.toString(d);
          }
          number = new BigDecimal(Double.toString(d));
          break;
        default:
          number = (BigDecimal) value;
      }
      return number.signum() == 0 ? "0" : number.stripTrailingZeros().toString();
    }
  }

  /**
   * Keys {@code input} by {@code extractor}: the records with a key as {@code KV}s, the others
   * (a null key column) apart, as {@link Keyed}.
   */
  static Keyed key(PCollection<Row> input, String name, Extractor extractor, Schema keySchema) {
    TupleTag<KV<Row, Row>> keyedTag = new TupleTag<KV<Row, Row>>() {};
    TupleTag<Row> unkeyedTag = new TupleTag<Row>() {};
    PCollectionTuple out =
        input.apply(
            name,
            ParDo.of(new KeyFn(extractor, keyedTag, unkeyedTag))
                .withOutputTags(keyedTag, TupleTagList.of(unkeyedTag)));
    PCollection<KV<Row, Row>> keyed =
        out.get(keyedTag).setCoder(KvCoder.of(RowCoder.of(keySchema), input.getCoder()));
    PCollection<Row> unkeyed = out.get(unkeyedTag).setRowSchema(input.getSchema());
    return new Keyed(keyed, unkeyed);
  }

  /** One side's records split into those with a key and those without. */
  static final class Keyed {
    final PCollection<KV<Row, Row>> keyed;
    final PCollection<Row> unkeyed;

    Keyed(PCollection<KV<Row, Row>> keyed, PCollection<Row> unkeyed) {
      this.keyed = keyed;
      this.unkeyed = unkeyed;
    }
  }

  private static final class KeyFn extends DoFn<Row, KV<Row, Row>> {
    private final Extractor extractor;
    private final TupleTag<KV<Row, Row>> keyed;
    private final TupleTag<Row> unkeyed;

    KeyFn(Extractor extractor, TupleTag<KV<Row, Row>> keyed, TupleTag<Row> unkeyed) {
      this.extractor = extractor;
      this.keyed = keyed;
      this.unkeyed = unkeyed;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      Row key = extractor.keyOf(row);
      if (key == null) {
        out.get(unkeyed).output(row);
      } else {
        out.get(keyed).output(KV.of(key, row));
      }
    }
  }
}
