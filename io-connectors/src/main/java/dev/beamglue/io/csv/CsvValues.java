package dev.beamglue.io.csv;

import dev.beamglue.transforms.schema.CastFailure;
import dev.beamglue.transforms.schema.GlueTypes;
import dev.beamglue.transforms.schema.ValueCasts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * Turns the fields of a CSV record into a Row of a schema, by position. A string column takes the
 * text as it is (an empty unquoted field is null, a quoted empty field the empty string); any
 * other column is null when the field is empty or blank, and otherwise the text converted with
 * {@link ValueCasts} (trimmed; integers must be whole numbers, so {@code 1.5} in a bigint column is
 * an error rather than 1). Struct, array and map columns cannot be read from CSV.
 *
 * <p>{@code Row row = new CsvValues(schema).toRow(parser.fields());}
 */
final class CsvValues implements Serializable {

  private final Schema schema;

  CsvValues(Schema schema) {
    for (Schema.Field field : schema.getFields()) {
      switch (field.getType().getTypeName()) {
        case ROW:
        case ARRAY:
        case ITERABLE:
        case MAP:
          throw new IllegalArgumentException(
              "CSV column '" + field.getName() + "' cannot have the type "
                  + GlueTypes.describe(field.getType())
                  + ": CSV holds text; read it as a string and parse it in a later step.");
        default:
      }
    }
    this.schema = schema;
  }

  Schema schema() {
    return schema;
  }

  /** The row the fields stand for; throws {@link BadRecord} with the reason when they do not fit. */
  Row toRow(List<String> fields) throws BadRecord {
    int count = schema.getFieldCount();
    if (fields.size() != count) {
      throw new BadRecord(
          "The record has " + fields.size() + " fields but the schema has " + count
              + " columns.");
    }
    List<Object> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(convert(schema.getField(i), fields.get(i)));
    }
    return Row.withSchema(schema).attachValues(values);
  }

  private static Object convert(Schema.Field field, String text) throws BadRecord {
    FieldType type = field.getType();
    if (type.getTypeName() == Schema.TypeName.STRING) {
      return text == null && !type.getNullable() ? "" : text;
    }
    if (text == null || text.isBlank()) {
      if (type.getNullable()) {
        return null;
      }
      throw new BadRecord(
          "Column '" + field.getName() + "' is empty but the schema does not allow null.");
    }
    try {
      switch (type.getTypeName()) {
        case INT64:
          return parseLong(text);
        case INT32:
        case INT16:
        case BYTE:
          return ValueCasts.cast(parseLong(text), FieldType.INT64, type);
        default:
          return ValueCasts.cast(text, FieldType.STRING, type);
      }
    } catch (NumberFormatException e) {
      throw new BadRecord(
          new CastFailure(text, "string", GlueTypes.describe(type), "it is not a whole number")
              .atField(field.getName()));
    } catch (CastFailure e) {
      throw new BadRecord(e.atField(field.getName()));
    }
  }

  private static long parseLong(String text) {
    String trimmed = text.trim();
    return Long.parseLong(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
  }

  /** A record that does not fit the schema, with the reason as one sentence. */
  static final class BadRecord extends Exception {
    BadRecord(String reason) {
      super(reason, null, false, false);
    }
  }
}
