package dev.beamglue.io.parquet;

import dev.beamglue.transforms.schema.GlueTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Converts Avro records read from Parquet (generic data, without logical-type conversions) into
 * Rows of a Beam schema known beforehand, the inverse of {@link RowToAvro}. A Beam field is found
 * in the record by its name, by its sanitized Avro name ({@code user.name} as {@code user_name}),
 * or by its name without regard to case; a field the file does not have is null.
 *
 * <p>{@code Row row = new AvroToRow(tableColumns).toRow(record);}
 *
 * <p>A value that does not fit its field's type throws {@link IllegalArgumentException} naming
 * the column, so the caller can send the record to the error output.
 */
final class AvroToRow {

  private final Schema schema;
  private final Map<org.apache.avro.Schema, int[]> positions = new IdentityHashMap<>();

  AvroToRow(Schema schema) {
    this.schema = schema;
  }

  Row toRow(GenericRecord record) {
    return toRow(schema, record, "");
  }

  private Row toRow(Schema beam, GenericRecord record, String prefix) {
    org.apache.avro.Schema avro = record.getSchema();
    int[] at = positions.computeIfAbsent(avro, a -> resolve(beam, a));
    List<Object> values = new ArrayList<>(beam.getFieldCount());
    for (int i = 0; i < beam.getFieldCount(); i++) {
      Field field = beam.getField(i);
      Object value = at[i] < 0 ? null : record.get(at[i]);
      String column = prefix + field.getName();
      if (value == null) {
        if (!field.getType().getNullable()) {
          throw new IllegalArgumentException(
              "Column '" + column + "' is null, but the table says it is never null.");
        }
        values.add(null);
      } else {
        values.add(convert(field.getType(), avro.getFields().get(at[i]).schema(), value, column));
      }
    }
    return Row.withSchema(beam).attachValues(values);
  }

  private static int[] resolve(Schema beam, org.apache.avro.Schema avro) {
    int[] at = new int[beam.getFieldCount()];
    for (int i = 0; i < at.length; i++) {
      String name = beam.getField(i).getName();
      org.apache.avro.Schema.Field field = avro.getField(name);
      if (field == null) {
        field = avro.getField(RowToAvro.avroName(name));
      }
      if (field == null) {
        for (org.apache.avro.Schema.Field candidate : avro.getFields()) {
          if (candidate.name().equalsIgnoreCase(name)) {
            field = candidate;
            break;
          }
        }
      }
      at[i] = field == null ? -1 : field.pos();
    }
    return at;
  }

  private static org.apache.avro.Schema nonNull(org.apache.avro.Schema avro) {
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      for (org.apache.avro.Schema branch : avro.getTypes()) {
        if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
          return branch;
        }
      }
    }
    return avro;
  }

  private Object convert(FieldType type, org.apache.avro.Schema avroType, Object value, String column) {
    org.apache.avro.Schema avro = nonNull(avroType);
    try {
      switch (type.getTypeName()) {
        case STRING:
          return value.toString();
        case BOOLEAN:
          return (Boolean) value;
        case BYTE:
          return ((Number) value).byteValue();
        case INT16:
          return ((Number) value).shortValue();
        case INT32:
          return ((Number) value).intValue();
        case INT64:
          return ((Number) value).longValue();
        case FLOAT:
          return ((Number) value).floatValue();
        case DOUBLE:
          return ((Number) value).doubleValue();
        case BYTES:
          return bytes(value);
        case DATETIME:
          return new Instant(millis(avro, ((Number) value).longValue()));
        case DECIMAL:
          return decimal(avro, value);
        case ROW:
          return toRow(type.getRowSchema(), (GenericRecord) value, column + ".");
        case ARRAY:
        case ITERABLE:
          {
            FieldType element = type.getCollectionElementType();
            org.apache.avro.Schema avroElement = avro.getElementType();
            List<Object> out = new ArrayList<>();
            for (Object each : (Iterable<?>) value) {
              out.add(each == null ? null : convert(element, avroElement, each, column));
            }
            return out;
          }
        case MAP:
          {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
              Object v = entry.getValue();
              out.put(
                  entry.getKey().toString(),
                  v == null ? null : convert(type.getMapValueType(), avro.getValueType(), v, column));
            }
            return out;
          }
        case LOGICAL_TYPE:
          return logical(type, avro, value, column);
        default:
          throw new IllegalArgumentException("its type " + type + " cannot be read from Parquet");
      }
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          "Column '" + column + "' holds a " + avro.getType().getName()
              + " value, which does not fit its type " + GlueTypes.describe(type) + ".");
    }
  }

  private Object logical(FieldType type, org.apache.avro.Schema avro, Object value, String column) {
    Schema.LogicalType<?, ?> logical = type.getLogicalType();
    String identifier = logical.getIdentifier();
    if (GlueTypes.isChoice(type)) {
      throw new IllegalArgumentException(
          "Column '" + column + "' is a choice, which cannot be read from Parquet.");
    }
    if (identifier.equals(SqlTypes.DATE.getIdentifier())) {
      return LocalDate.ofEpochDay(((Number) value).longValue());
    }
    if (identifier.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      return decimal(avro, value);
    }
    @SuppressWarnings("unchecked")
    Schema.LogicalType<Object, Object> cast = (Schema.LogicalType<Object, Object>) logical;
    return cast.toInputType(convert(logical.getBaseType(), avro, value, column));
  }

  private static long millis(org.apache.avro.Schema avro, long value) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Date) {
      return value * 86_400_000L; // days: the instant at midnight UTC
    }
    if (logical instanceof LogicalTypes.TimestampMicros
        || logical instanceof LogicalTypes.LocalTimestampMicros) {
      return Math.floorDiv(value, 1000L);
    }
    return value;
  }

  private static byte[] bytes(Object value) {
    if (value instanceof GenericFixed) {
      return ((GenericFixed) value).bytes().clone();
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static BigDecimal decimal(org.apache.avro.Schema avro, Object value) {
    if (value instanceof Number) {
      return value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
    }
    if (value instanceof CharSequence) {
      return new BigDecimal(value.toString());
    }
    int scale =
        avro.getLogicalType() instanceof LogicalTypes.Decimal
            ? ((LogicalTypes.Decimal) avro.getLogicalType()).getScale()
            : 0;
    return new BigDecimal(new BigInteger(bytes(value)), scale);
  }
}
