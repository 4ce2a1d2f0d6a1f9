package dev.beamglue.transforms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * A canonical text for a row's values, equal for rows of one schema exactly when their values are
 * equal, whatever the runner: structs are arrays of their values by position, maps are arrays of
 * {@code [key, value]} pairs sorted by the key's text, bytes are Base64, timestamps are epoch
 * milliseconds and logical types are their base values. Unlike {@code RowJson}, which is for
 * people, it is meant for keys and for picking one of several rows deterministically; it never
 * relies on {@code hashCode}.
 *
 * <p>{@code String key = CanonicalJson.of(row);}
 */
public final class CanonicalJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private CanonicalJson() {}

  /** The canonical text of a row's values. */
  public static String of(Row row) {
    return render(FieldType.row(row.getSchema()), row);
  }

  /** The text of several values, one per type, as one array. */
  public static String ofValues(List<FieldType> types, Object[] values) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (int i = 0; i < values.length; i++) {
        write(json, types.get(i), values[i]);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String render(FieldType type, Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, type, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, FieldType type, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    switch (type.getTypeName()) {
      case ROW:
        Row row = (Row) value;
        Schema schema = type.getRowSchema();
        json.writeStartArray();
        for (int i = 0; i < schema.getFieldCount(); i++) {
          write(json, schema.getField(i).getType(), row.getValue(i));
        }
        json.writeEndArray();
        return;
      case ARRAY:
      case ITERABLE:
        json.writeStartArray();
        for (Object element : (Iterable<?>) value) {
          write(json, type.getCollectionElementType(), element);
        }
        json.writeEndArray();
        return;
      case MAP:
        writeMap(json, type, (Map<?, ?>) value);
        return;
      case LOGICAL_TYPE:
        writeLogical(json, type.getLogicalType(), value);
        return;
      case BYTES:
        json.writeString(Base64.getEncoder().encodeToString((byte[]) value));
        return;
      case DATETIME:
        json.writeNumber(((ReadableInstant) value).getMillis());
        return;
      case BOOLEAN:
        json.writeBoolean((Boolean) value);
        return;
      case DECIMAL:
        // 1.0 and 1.00 are different values to Beam's coder, so they stay different here.
        json.writeString(((BigDecimal) value).toString());
        return;
      case FLOAT:
      case DOUBLE:
        json.writeString(String.valueOf(((Number) value).doubleValue()));
        return;
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        json.writeNumber(((Number) value).longValue());
        return;
      default:
        json.writeString(value.toString());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void writeLogical(
      JsonGenerator json, Schema.LogicalType logicalType, Object value) throws IOException {
    write(json, logicalType.getBaseType(), ((Schema.LogicalType) logicalType).toBaseType(value));
  }

  private static void writeMap(JsonGenerator json, FieldType type, Map<?, ?> map)
      throws IOException {
    List<String[]> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      entries.add(
          new String[] {
            render(type.getMapKeyType(), entry.getKey()),
            render(type.getMapValueType(), entry.getValue())
          });
    }
    entries.sort((a, b) -> a[0].compareTo(b[0]));
    json.writeStartArray();
    for (String[] entry : entries) {
      json.writeStartArray();
      json.writeRawValue(entry[0]);
      json.writeRawValue(entry[1]);
      json.writeEndArray();
    }
    json.writeEndArray();
  }
}
