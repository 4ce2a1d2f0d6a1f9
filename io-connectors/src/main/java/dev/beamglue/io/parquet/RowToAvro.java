package dev.beamglue.io.parquet;

import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Converts a Beam {@link Schema} to an Avro schema, and its {@link Row}s to Avro {@link
 * GenericRecord}s of that schema, the way beamglue writes Parquet.
 *
 * <p>{@code RowToAvro avro = RowToAvro.of(rows.getSchema()); GenericRecord r = avro.toRecord(row);}
 *
 * <p>Types: a nullable field is the union {@code ["null", T]} with default null; {@code STRING},
 * {@code BOOLEAN}, {@code FLOAT}, {@code DOUBLE} and {@code BYTES} map to the Avro type of the same
 * name; {@code BYTE}, {@code INT16} and {@code INT32} to {@code int}; {@code INT64} to {@code long};
 * {@code DATETIME} to {@code long timestamp-millis}; {@link SqlTypes#DATE} to {@code int date};
 * {@link FixedPrecisionNumeric}{@code (p,s)} to {@code bytes decimal(p,s)}; a plain {@code DECIMAL}
 * to {@code bytes decimal(38,18)}: its values are rescaled to 18 digits after the point, rounding
 * half up, and a value with more than 20 digits before the point is refused; {@code ROW} to a
 * nested record; {@code ARRAY} and {@code ITERABLE} to an array; a {@code MAP} with string keys to
 * a map. Other logical types are written as their base type. A Glue choice (a {@code OneOfType})
 * is refused with a message that names the column and says to resolve it first.
 *
 * <p>Names: Avro (and so the Parquet columns written through it) accepts only {@code
 * [A-Za-z_][A-Za-z0-9_]*}, so every other character of a field name becomes {@code _}, a name that
 * starts with a digit (or is empty) gets a leading {@code _}, and a name that then equals an
 * earlier field's name in the same struct gets {@code _2}, {@code _3}... appended, in field order:
 * {@code user.name} is written as the column {@code user_name}, {@code 1st-try} as {@code _1st_try}.
 * The top record is named {@code root}; a nested record {@code root_} followed by the sanitized path
 * segments joined by {@code _} ({@code root_payload_items}), with a number appended if that name is
 * already taken.
 */
public final class RowToAvro implements Serializable {

  /** The precision and scale a plain {@code DECIMAL} is written with. */
  public static final int DECIMAL_PRECISION = 38;

  public static final int DECIMAL_SCALE = 18;

  private final Schema beamSchema;
  private transient org.apache.avro.Schema avroSchema;
  private transient Converter converter;

  private RowToAvro(Schema beamSchema) {
    this.beamSchema = beamSchema;
    build();
  }

  /**
   * The converter for rows of {@code schema}; throws {@link IllegalArgumentException} naming the
   * column when a field cannot be written (a choice, a map without string keys).
   */
  public static RowToAvro of(Schema schema) {
    return new RowToAvro(schema);
  }

  /** The Avro schema of rows of {@code schema}; see {@link #of}. */
  public static org.apache.avro.Schema toAvroSchema(Schema schema) {
    return of(schema).avroSchema();
  }

  /** The Avro (and Parquet column) name of a field name, without the deduplication suffix. */
  public static String avroName(String name) {
    StringBuilder out = new StringBuilder(name.length() + 1);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean valid =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      out.append(valid ? c : '_');
    }
    if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
      out.insert(0, '_');
    }
    return out.toString();
  }

  public Schema beamSchema() {
    return beamSchema;
  }

  public org.apache.avro.Schema avroSchema() {
    if (avroSchema == null) {
      build();
    }
    return avroSchema;
  }

  /** The record of {@code row}, whose schema must equal {@link #beamSchema()}. */
  public GenericRecord toRecord(Row row) {
    if (converter == null) {
      build();
    }
    return (GenericRecord) converter.convert(row);
  }

  private void build() {
    Set<String> recordNames = new HashSet<>();
    Built built = record(beamSchema, null, recordNames);
    this.avroSchema = built.schema;
    this.converter = built.converter;
  }

  /** Converts a non-null Beam value to its Avro form. */
  private interface Converter {
    Object convert(Object value);
  }

  /** An Avro schema (without the null union) and the converter of values to it. */
  private static final class Built {
    final org.apache.avro.Schema schema;
    final Converter converter;

    Built(org.apache.avro.Schema schema, Converter converter) {
      this.schema = schema;
      this.converter = converter;
    }
  }

  private static Built record(Schema schema, FieldPath path, Set<String> recordNames) {
    StringBuilder joined = new StringBuilder("root");
    if (path != null) {
      for (String segment : path.segments()) {
        joined.append('_').append(avroName(segment));
      }
    }
    String name = unique(joined.toString(), recordNames);

    List<org.apache.avro.Schema.Field> fields = new ArrayList<>();
    Set<String> fieldNames = new HashSet<>();
    Converter[] converters = new Converter[schema.getFieldCount()];
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Field field = schema.getField(i);
      FieldPath fieldPath =
          path == null ? FieldPath.ofName(field.getName()) : path.child(field.getName());
      Built built = type(field.getType(), fieldPath, recordNames);
      String fieldName = unique(avroName(field.getName()), fieldNames);
      if (field.getType().getNullable()) {
        fields.add(
            new org.apache.avro.Schema.Field(
                fieldName, nullable(built.schema), null, JsonProperties.NULL_VALUE));
      } else {
        fields.add(new org.apache.avro.Schema.Field(fieldName, built.schema));
      }
      converters[i] = built.converter;
    }
    org.apache.avro.Schema record =
        org.apache.avro.Schema.createRecord(name, null, null, false, fields);
    Converter converter =
        value -> {
          Row row = (Row) value;
          GenericData.Record out = new GenericData.Record(record);
          for (int i = 0; i < converters.length; i++) {
            Object fieldValue = row.getValue(i);
            out.put(i, fieldValue == null ? null : converters[i].convert(fieldValue));
          }
          return out;
        };
    return new Built(record, converter);
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = name + "_" + n;
    }
    return candidate;
  }

  private static org.apache.avro.Schema nullable(org.apache.avro.Schema schema) {
    return org.apache.avro.Schema.createUnion(
        org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), schema);
  }

  private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
    return org.apache.avro.Schema.create(type);
  }

  private static Built type(FieldType type, FieldPath path, Set<String> recordNames) {
    switch (type.getTypeName()) {
      case STRING:
        return new Built(primitive(org.apache.avro.Schema.Type.STRING), Object::toString);
      case BOOLEAN:
        return new Built(primitive(org.apache.avro.Schema.Type.BOOLEAN), v -> v);
      case BYTE:
      case INT16:
      case INT32:
        return new Built(primitive(org.apache.avro.Schema.Type.INT), v -> ((Number) v).intValue());
      case INT64:
        return new Built(primitive(org.apache.avro.Schema.Type.LONG), v -> v);
      case FLOAT:
        return new Built(primitive(org.apache.avro.Schema.Type.FLOAT), v -> v);
      case DOUBLE:
        return new Built(primitive(org.apache.avro.Schema.Type.DOUBLE), v -> v);
      case BYTES:
        return new Built(
            primitive(org.apache.avro.Schema.Type.BYTES), v -> ByteBuffer.wrap((byte[]) v));
      case DATETIME:
        return new Built(
            LogicalTypes.timestampMillis().addToSchema(primitive(org.apache.avro.Schema.Type.LONG)),
            v -> ((ReadableInstant) v).getMillis());
      case DECIMAL:
        return decimal(DECIMAL_PRECISION, DECIMAL_SCALE, path);
      case ROW:
        return record(type.getRowSchema(), path, recordNames);
      case ARRAY:
      case ITERABLE:
        return array(type.getCollectionElementType(), path, recordNames);
      case MAP:
        return map(type, path, recordNames);
      case LOGICAL_TYPE:
        return logical(type, path, recordNames);
      default:
        throw new IllegalArgumentException(
            "Column '" + path + "' has the type " + type + ", which beamglue cannot write to Parquet.");
    }
  }

  private static Built array(FieldType element, FieldPath path, Set<String> recordNames) {
    Built item = type(element, path, recordNames);
    org.apache.avro.Schema itemSchema = element.getNullable() ? nullable(item.schema) : item.schema;
    Converter converter =
        value -> {
          List<Object> out = new ArrayList<>();
          for (Object each : (Iterable<?>) value) {
            out.add(each == null ? null : item.converter.convert(each));
          }
          return out;
        };
    return new Built(org.apache.avro.Schema.createArray(itemSchema), converter);
  }

  private static Built map(FieldType type, FieldPath path, Set<String> recordNames) {
    FieldType key = type.getMapKeyType();
    if (key.getTypeName() != Schema.TypeName.STRING) {
      throw new IllegalArgumentException(
          "Column '" + path + "' is a map with " + GlueTypes.describe(key)
              + " keys; Parquet maps written through Avro need string keys. Cast the keys to"
              + " string first.");
    }
    FieldType valueType = type.getMapValueType();
    Built value = type(valueType, path, recordNames);
    org.apache.avro.Schema valueSchema =
        valueType.getNullable() ? nullable(value.schema) : value.schema;
    Converter converter =
        map -> {
          Map<String, Object> out = new LinkedHashMap<>();
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
            Object v = entry.getValue();
            out.put(entry.getKey().toString(), v == null ? null : value.converter.convert(v));
          }
          return out;
        };
    return new Built(org.apache.avro.Schema.createMap(valueSchema), converter);
  }

  private static Built logical(FieldType type, FieldPath path, Set<String> recordNames) {
    if (GlueTypes.isChoice(type)) {
      throw new IllegalArgumentException(
          "Column '" + path + "' is a " + GlueTypes.describe(type)
              + "; Parquet cannot store a choice. Resolve it first with ResolveChoice"
              + " (cast:TYPE, project:TYPE, make_cols or make_struct).");
    }
    @SuppressWarnings("unchecked")
    Schema.LogicalType<Object, Object> logical =
        (Schema.LogicalType<Object, Object>) type.getLogicalType();
    String identifier = logical.getIdentifier();
    if (identifier.equals(SqlTypes.DATE.getIdentifier())) {
      return new Built(
          LogicalTypes.date().addToSchema(primitive(org.apache.avro.Schema.Type.INT)),
          v -> (int) ((LocalDate) v).toEpochDay());
    }
    if (identifier.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      Row argument = (Row) logical.getArgument();
      return decimal(argument.getInt32("precision"), argument.getInt32("scale"), path);
    }
    Built base = type(logical.getBaseType(), path, recordNames);
    return new Built(base.schema, v -> base.converter.convert(logical.toBaseType(v)));
  }

  private static Built decimal(int precision, int scale, FieldPath path) {
    org.apache.avro.Schema schema =
        LogicalTypes.decimal(precision, scale)
            .addToSchema(primitive(org.apache.avro.Schema.Type.BYTES));
    Converter converter =
        value -> {
          BigDecimal scaled = ((BigDecimal) value).setScale(scale, RoundingMode.HALF_UP);
          if (scaled.precision() > precision) {
            throw new IllegalArgumentException(
                "Column '" + path + "' holds " + value + ", which does not fit decimal("
                    + precision + "," + scale + "); cast the column to a wider decimal first.");
          }
          return ByteBuffer.wrap(scaled.unscaledValue().toByteArray());
        };
    return new Built(schema, converter);
  }
}
