package dev.beamglue.transforms.errors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Renders a Row as one line of JSON, for error records and logs. Every Beam field type is
 * rendered; a choice ({@link OneOfType}) renders as the value of the case it holds, timestamps as
 * ISO-8601 strings, bytes as their length.
 *
 * <p>{@code String json = RowJson.toJson(row);}
 */
public final class RowJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private RowJson() {}

  public static String toJson(Row row) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writeRow(json, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Renders one value of the given type as JSON: a struct as an object, an array as an array, a
   * map as an object, a scalar as itself.
   */
  public static String valueToJson(FieldType type, Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writeValue(json, type, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeRow(JsonGenerator json, Row row) throws IOException {
    json.writeStartObject();
    Schema schema = row.getSchema();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      json.writeFieldName(schema.getField(i).getName());
      writeValue(json, schema.getField(i).getType(), row.getValue(i));
    }
    json.writeEndObject();
  }

  private static void writeValue(JsonGenerator json, FieldType type, Object value)
      throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    switch (type.getTypeName()) {
      case ROW:
        writeRow(json, (Row) value);
        return;
      case ARRAY:
      case ITERABLE:
        json.writeStartArray();
        for (Object element : (Iterable<?>) value) {
          writeValue(json, type.getCollectionElementType(), element);
        }
        json.writeEndArray();
        return;
      case MAP:
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          json.writeFieldName(String.valueOf(entry.getKey()));
          writeValue(json, type.getMapValueType(), entry.getValue());
        }
        json.writeEndObject();
        return;
      case LOGICAL_TYPE:
        if (value instanceof OneOfType.Value) {
          OneOfType.Value choice = (OneOfType.Value) value;
          OneOfType oneOf = type.getLogicalType(OneOfType.class);
          FieldType caseType = oneOf.getOneOfSchema().getField(choice.getCaseType().getValue())
              .getType();
          writeValue(json, caseType, choice.getValue());
          return;
        }
        writeScalar(json, value);
        return;
      default:
        writeScalar(json, value);
    }
  }

  private static void writeScalar(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Boolean) {
      json.writeBoolean((Boolean) value);
    } else if (value instanceof BigDecimal) {
      json.writeNumber((BigDecimal) value);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long) {
      json.writeNumber((Long) value);
    } else if (value instanceof Float || value instanceof Double) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof byte[]) {
      json.writeString("<" + ((byte[]) value).length + " bytes>");
    } else if (value instanceof ReadableInstant) {
      json.writeString(value.toString());
    } else {
      json.writeString(value.toString());
    }
  }
}
