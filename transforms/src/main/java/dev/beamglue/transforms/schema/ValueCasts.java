package dev.beamglue.transforms.schema;

import dev.beamglue.transforms.errors.RowJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Converts one value between Glue types, in Beam's Java representation of each: the casts that
 * {@code ApplyMapping} and {@code ResolveChoice} share. The rules follow Spark's non-ANSI casts
 * where they are sensible (a double truncates toward zero when cast to an integer, a long is epoch
 * seconds when cast to a timestamp), except that a value that does not fit its target fails with
 * a {@link CastFailure} instead of wrapping or turning into null silently.
 *
 * <p>{@code Object id = ValueCasts.cast(" 42 ", FieldType.STRING, FieldType.INT64); // 42L}
 *
 * <ul>
 *   <li>Strings are trimmed before parsing. Integers accept a fraction, which is truncated
 *       ({@code "1.9"} is 1); booleans accept {@code true}/{@code false} in any case and {@code
 *       1}/{@code 0}; dates {@code yyyy-MM-dd}; timestamps ISO-8601 with {@code Z} or an offset,
 *       {@code yyyy-MM-dd HH:mm:ss[.SSS]} as UTC, and {@code yyyy-MM-dd} as midnight UTC.
 *   <li>Decimals with a precision and scale round half up to the scale and fail when the value
 *       needs more digits than the precision.
 *   <li>A timestamp renders as ISO-8601 in UTC ({@code 2024-05-01T10:00:00Z}); a struct, array or
 *       map renders as JSON. Nothing parses into a struct, array or map.
 *   <li>A choice casts the value of the case it holds.
 * </ul>
 */
public final class ValueCasts {

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final int MAX_NUMBER_SCALE = 400;

  private enum Kind {
    STRING,
    BYTE,
    SHORT,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    DECIMAL,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    BYTES,
    COMPLEX,
    OTHER
  }

  private ValueCasts() {}

  /**
   * The value of type {@code from} as a value of type {@code to}; null stays null, and a value of
   * the same type is returned unchanged.
   *
   * @throws CastFailure when the value has no representation in {@code to}
   */
  public static Object cast(Object value, FieldType from, FieldType to) {
    if (value == null) {
      return null;
    }
    if (sameType(from, to)) {
      return value;
    }
    if (GlueTypes.isChoice(from)) {
      OneOfType.Value held = (OneOfType.Value) value;
      return cast(held.getValue(), from.getLogicalType(OneOfType.class).getFieldType(held), to);
    }
    if (GlueTypes.isChoice(to)) {
      for (Map.Entry<String, FieldType> option : GlueTypes.choiceCases(to).entrySet()) {
        if (sameType(from, option.getValue())) {
          return to.getLogicalType(OneOfType.class).createValue(option.getKey(), value);
        }
      }
      throw failure(value, from, to, "it is none of the choice's types");
    }
    Kind target = kind(to);
    switch (target) {
      case STRING:
        return toText(value, from, to);
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        return toIntegral(value, from, to, target);
      case FLOAT:
      case DOUBLE:
        return toFloating(value, from, to, target);
      case DECIMAL:
        return toDecimal(value, from, to);
      case BOOLEAN:
        return toBoolean(value, from, to);
      case DATE:
        return toDate(value, from, to);
      case TIMESTAMP:
        return toTimestamp(value, from, to);
      case BYTES:
        if (kind(from) == Kind.STRING) {
          return ((String) value).getBytes(StandardCharsets.UTF_8);
        }
        throw failure(value, from, to, null);
      default:
        throw failure(value, from, to, "values are not converted to that type");
    }
  }

  /** Whether two types are the same, ignoring their nullability. */
  public static boolean sameType(FieldType a, FieldType b) {
    if (a.getTypeName() != b.getTypeName()) {
      return false;
    }
    if (a.getTypeName() == TypeName.LOGICAL_TYPE) {
      if (!a.getLogicalType().getIdentifier().equals(b.getLogicalType().getIdentifier())) {
        return false;
      }
      if (GlueTypes.isChoice(a)) {
        return a.getLogicalType(OneOfType.class)
            .getOneOfSchema()
            .equals(b.getLogicalType(OneOfType.class).getOneOfSchema());
      }
      return Objects.deepEquals(a.getLogicalType().getArgument(), b.getLogicalType().getArgument());
    }
    return a.withNullable(false).equals(b.withNullable(false));
  }

  private static Kind kind(FieldType type) {
    switch (type.getTypeName()) {
      case STRING:
        return Kind.STRING;
      case BYTE:
        return Kind.BYTE;
      case INT16:
        return Kind.SHORT;
      case INT32:
        return Kind.INT;
      case INT64:
        return Kind.LONG;
      case FLOAT:
        return Kind.FLOAT;
      case DOUBLE:
        return Kind.DOUBLE;
      case DECIMAL:
        return Kind.DECIMAL;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case DATETIME:
        return Kind.TIMESTAMP;
      case BYTES:
        return Kind.BYTES;
      case ROW:
      case ARRAY:
      case ITERABLE:
      case MAP:
        return Kind.COMPLEX;
      case LOGICAL_TYPE:
        String id = type.getLogicalType().getIdentifier();
        if (id.equals(SqlTypes.DATE.getIdentifier())) {
          return Kind.DATE;
        }
        if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
          return Kind.DECIMAL;
        }
        return Kind.OTHER;
      default:
        return Kind.OTHER;
    }
  }

  private static String toText(Object value, FieldType from, FieldType to) {
    switch (kind(from)) {
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
      case BOOLEAN:
      case DATE:
        return value.toString();
      case DECIMAL:
        return ((BigDecimal) value).toPlainString();
      case TIMESTAMP:
        return java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis()).toString();
      case BYTES:
        return new String((byte[]) value, StandardCharsets.UTF_8);
      case COMPLEX:
        return from.getTypeName() == TypeName.ROW
            ? RowJson.toJson((Row) value)
            : RowJson.valueToJson(from, value);
      default:
        throw failure(value, from, to, null);
    }
  }

  private static Object toIntegral(Object value, FieldType from, FieldType to, Kind target) {
    BigDecimal whole =
        kind(from) == Kind.TIMESTAMP
            ? BigDecimal.valueOf(Math.floorDiv(((ReadableInstant) value).getMillis(), 1000L))
            : exactNumber(value, from, to).setScale(0, RoundingMode.DOWN);
    long min;
    long max;
    switch (target) {
      case BYTE:
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
        break;
      case SHORT:
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
        break;
      case INT:
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
        break;
      default:
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
    }
    if (whole.compareTo(BigDecimal.valueOf(min)) < 0
        || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw failure(value, from, to, "it is outside the range " + min + " to " + max);
    }
    long result = whole.longValueExact();
    switch (target) {
      case BYTE:
        return (byte) result;
      case SHORT:
        return (short) result;
      case INT:
        return (int) result;
      default:
        return result;
    }
  }

  private static Object toFloating(Object value, FieldType from, FieldType to, Kind target) {
    double result;
    Kind source = kind(from);
    if (source == Kind.DOUBLE || source == Kind.FLOAT) {
      result = ((Number) value).doubleValue();
    } else if (source == Kind.STRING && special((String) value) != null) {
      result = special((String) value);
    } else {
      BigDecimal exact = exactNumber(value, from, to);
      result = exact.doubleValue();
      if (Double.isInfinite(result)) {
        throw failure(value, from, to, "it is too large");
      }
    }
    if (target == Kind.DOUBLE) {
      return result;
    }
    if (Double.isFinite(result) && Math.abs(result) > Float.MAX_VALUE) {
      throw failure(value, from, to, "it is too large for a float");
    }
    return (float) result;
  }

  /** NaN and the infinities as Spark spells them in strings, or null. */
  private static Double special(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "infinity":
      case "+infinity":
      case "inf":
      case "+inf":
        return Double.POSITIVE_INFINITY;
      case "-infinity":
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return null;
    }
  }

  private static BigDecimal toDecimal(Object value, FieldType from, FieldType to) {
    BigDecimal exact = exactNumber(value, from, to);
    if (to.getTypeName() == TypeName.DECIMAL) {
      return exact;
    }
    Row argument = (Row) to.getLogicalType().getArgument();
    int precision = argument.getInt32("precision");
    int scale = argument.getInt32("scale");
    BigDecimal rounded = exact.setScale(scale, RoundingMode.HALF_UP);
    if (rounded.precision() > precision) {
      throw failure(
          value, from, to, "it needs more than " + precision + " digits with " + scale + " decimals");
    }
    return rounded;
  }

  private static Boolean toBoolean(Object value, FieldType from, FieldType to) {
    Kind source = kind(from);
    if (source == Kind.STRING) {
      String text = ((String) value).trim();
      if (text.equalsIgnoreCase("true") || text.equals("1")) {
        return true;
      }
      if (text.equalsIgnoreCase("false") || text.equals("0")) {
        return false;
      }
      throw failure(value, from, to, "only true, false, 1 and 0 are booleans");
    }
    if (isNumeric(source)) {
      if (source == Kind.FLOAT || source == Kind.DOUBLE) {
        double d = ((Number) value).doubleValue();
        if (d == 0 || d == 1) {
          return d == 1;
        }
        throw failure(value, from, to, "only 1 and 0 are booleans");
      }
      BigDecimal number = exactNumber(value, from, to);
      if (number.signum() == 0) {
        return false;
      }
      if (number.compareTo(BigDecimal.ONE) == 0) {
        return true;
      }
      throw failure(value, from, to, "only 1 and 0 are booleans");
    }
    throw failure(value, from, to, null);
  }

  private static LocalDate toDate(Object value, FieldType from, FieldType to) {
    switch (kind(from)) {
      case STRING:
        String text = ((String) value).trim();
        if (text.length() == 10) {
          try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
          } catch (DateTimeParseException e) {
            throw failure(value, from, to, "dates are written yyyy-MM-dd");
          }
        }
        java.time.Instant instant = parseInstant(text);
        if (instant == null) {
          throw failure(value, from, to, "dates are written yyyy-MM-dd");
        }
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
      case TIMESTAMP:
        return java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis())
            .atOffset(ZoneOffset.UTC)
            .toLocalDate();
      default:
        throw failure(value, from, to, null);
    }
  }

  private static Instant toTimestamp(Object value, FieldType from, FieldType to) {
    Kind source = kind(from);
    if (source == Kind.STRING) {
      String text = ((String) value).trim();
      long millis = IsoTimestamps.epochMillis(text);
      if (millis != IsoTimestamps.NOT_THIS_FORM) {
        return new Instant(millis);
      }
      java.time.Instant instant = parseInstant(text);
      if (instant == null) {
        throw failure(
            value,
            from,
            to,
            "timestamps are written ISO-8601 with Z or an offset, yyyy-MM-dd HH:mm:ss[.SSS] or "
                + "yyyy-MM-dd");
      }
      return new Instant(instant.toEpochMilli());
    }
    if (source == Kind.DATE) {
      return new Instant(((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
    }
    if (isNumeric(source) && source != Kind.BOOLEAN) {
      if ((source == Kind.FLOAT || source == Kind.DOUBLE)
          && !Double.isFinite(((Number) value).doubleValue())) {
        throw failure(value, from, to, "it is not a finite number");
      }
      BigDecimal millis =
          exactNumber(value, from, to).movePointRight(3).setScale(0, RoundingMode.DOWN);
      if (millis.compareTo(LONG_MIN) < 0 || millis.compareTo(LONG_MAX) > 0) {
        throw failure(value, from, to, "it is too far from 1970 in seconds");
      }
      return new Instant(millis.longValueExact());
    }
    throw failure(value, from, to, null);
  }

  /** Parses the timestamp forms documented on the class; null when the text is none of them. */
  private static java.time.Instant parseInstant(String text) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
      }
      String iso =
          text.length() > 10 && text.charAt(10) == ' '
              ? text.substring(0, 10) + 'T' + text.substring(11)
              : text;
      try {
        return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException notOffset) {
        return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isNumeric(Kind kind) {
    switch (kind) {
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
      case DECIMAL:
      case BOOLEAN:
        return true;
      default:
        return false;
    }
  }

  /**
   * The exact number a value stands for, as the source of a numeric cast: integers, floats (by
   * their shortest decimal form), decimals, booleans (1 or 0), timestamps (epoch seconds with
   * milliseconds) and numeric strings.
   */
  private static BigDecimal exactNumber(Object value, FieldType from, FieldType to) {
    switch (kind(from)) {
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
        return BigDecimal.valueOf(((Number) value).longValue());
      case FLOAT:
      case DOUBLE:
        double d = ((Number) value).doubleValue();
        if (!Double.isFinite(d)) {
          throw failure(value, from, to, "it is not a finite number");
        }
        return value instanceof Float
            ? new BigDecimal(Float.toString((Float) value))
            : BigDecimal.valueOf(d);
      case DECIMAL:
        return (BigDecimal) value;
      case BOOLEAN:
        return ((Boolean) value) ? BigDecimal.ONE : BigDecimal.ZERO;
      case TIMESTAMP:
        return BigDecimal.valueOf(((ReadableInstant) value).getMillis(), 3);
      case STRING:
        String text = ((String) value).trim();
        BigDecimal parsed;
        try {
          parsed = new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw failure(value, from, to, "it is not a number");
        }
        if (Math.abs(parsed.scale()) > MAX_NUMBER_SCALE) {
          throw failure(value, from, to, "its exponent is too large");
        }
        return parsed;
      default:
        throw failure(value, from, to, null);
    }
  }

  private static CastFailure failure(Object value, FieldType from, FieldType to, String why) {
    return new CastFailure(value, GlueTypes.describe(from), GlueTypes.describe(to), why);
  }
}
