package dev.beamglue.pipelines.personalize;

import dev.beamglue.transforms.errors.RowJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.StringJoiner;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Converts a source value to the value of a Personalize field as its {@link FieldMapping} says:
 * a list of a categorical field to its values joined with {@code |}, a timestamp, date or ISO text
 * to epoch seconds, text or numbers to the field's Avro type. A value that does not convert throws
 * {@link IllegalArgumentException} with a sentence naming the value and the type.
 *
 * <p>{@code Object seconds = FieldValues.convert(orderedAt, timestampMapping);}
 */
final class FieldValues {

  private FieldValues() {}

  static Object convert(Object value, FieldMapping field) {
    if (value == null) {
      return null;
    }
    if (field.categorical() || (value instanceof Iterable<?> && field.type().equals("string"))) {
      return text(value);
    }
    if (field.isTimestamp()) {
      return epochSeconds(value);
    }
    switch (field.type()) {
      case "string":
        return text(value);
      case "long":
        return whole(value, "long");
      case "int": {
        long whole = whole(value, "int");
        if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("'" + value + "' is out of the range of an int");
        }
        return (int) whole;
      }
      case "float":
        return (float) decimal(value);
      case "double":
        return decimal(value);
      default:
        return bool(value);
    }
  }

  /** Text: a list's values joined with {@code |}, a row as JSON, anything else as it prints. */
  static String text(Object value) {
    if (value instanceof Iterable<?> values) {
      StringJoiner joined = new StringJoiner("|");
      for (Object element : values) {
        if (element != null) {
          joined.add(text(element));
        }
      }
      return joined.toString();
    }
    if (value instanceof Row row) {
      return RowJson.toJson(row);
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    return value.toString();
  }

  /** Seconds since 1970-01-01T00:00Z of a timestamp, a date (its midnight UTC), or ISO text. */
  static long epochSeconds(Object value) {
    if (value instanceof ReadableInstant instant) {
      return Math.floorDiv(instant.getMillis(), 1000L);
    }
    if (value instanceof Instant instant) {
      return instant.getEpochSecond();
    }
    if (value instanceof LocalDate date) {
      return date.toEpochDay() * 86_400L;
    }
    if (value instanceof LocalDateTime time) {
      return time.toEpochSecond(ZoneOffset.UTC);
    }
    if (value instanceof Number number) {
      return whole(number, "epoch seconds");
    }
    String text = value.toString().trim();
    try {
      return Instant.parse(text).getEpochSecond();
    } catch (DateTimeParseException notInstant) {
      try {
        return OffsetDateTime.parse(text).toEpochSecond();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(text.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(text).toEpochDay() * 86_400L;
          } catch (DateTimeParseException notDate) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp or a date");
          }
        }
      }
    }
  }

  private static long whole(Object value, String type) {
    try {
      if (value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString())
          : new BigDecimal(value.toString().trim());
      return number.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number (" + type + ")");
    }
  }

  private static double decimal(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a number");
    }
  }

  private static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException("'" + value + "' is not true or false");
  }
}
