package dev.beamglue.transforms.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Parses JSON objects from a Jackson {@link JsonParser} straight into Rows of a schema, without an
 * intermediate tree. Readers are compiled once per schema; a value that does not fit throws a
 * {@link RecordException} whose reason names the field, the type found and the schema's type.
 *
 * <p>{@code Row row = new JsonRowParser(schema, schema).parse(parser);}
 *
 * <p>The rows can have a projection of the records' schema ({@code SchemaProjection}): fields of the
 * records' schema that the projection leaves out are skipped unread; a field in neither is an error.
 */
public final class JsonRowParser {

  /** Why one record does not fit the schema; cheap to throw (no stack trace). */
  public static final class RecordException extends Exception {
    private final Deque<String> path = new ArrayDeque<>();
    private final String detail;

    RecordException(String detail) {
      super(detail, null, false, false);
      this.detail = detail;
    }

    /** The same failure, one level further out: inside the field {@code segment}. */
    public RecordException in(String segment) {
      path.addFirst(segment);
      return this;
    }

    /** The reason as one sentence naming the field, followed by {@code hint}. */
    public String reason(String hint) {
      StringBuilder field = new StringBuilder();
      for (String segment : path) {
        if (field.length() > 0 && !segment.startsWith("[")) {
          field.append('.');
        }
        boolean quote = segment.contains(".") && !segment.startsWith("[");
        field.append(quote ? "`" + segment + "`" : segment);
      }
      return "Field '" + field + "' " + detail + " " + hint;
    }
  }

  private interface ValueReader {
    Object read(JsonParser parser, JsonToken token) throws IOException, RecordException;
  }

  private final RowReader root;

  /** Parses records of {@code recordSchema} into rows of {@code rowSchema}, a projection of it. */
  public JsonRowParser(Schema rowSchema, Schema recordSchema) {
    this.root = new RowReader(rowSchema, recordSchema);
  }

  /** Throws {@link IllegalArgumentException} naming a field whose type JSON cannot fill. */
  public static void checkSupported(Schema schema) {
    new RowReader(schema, schema);
  }

  /** The row of the object the parser is on ({@code START_OBJECT}); ends on its end. */
  public Row parse(JsonParser parser) throws IOException, RecordException {
    return root.read(parser, JsonToken.START_OBJECT);
  }

  private static ValueReader compile(String field, FieldType type) {
    return compile(field, type, type);
  }

  /** The reader of a field whose type is {@code type}, a projection of {@code recordType}. */
  private static ValueReader compile(String field, FieldType type, FieldType recordType) {
    switch (type.getTypeName()) {
      case ROW:
        return new RowReader(type.getRowSchema(), recordType.getRowSchema());
      case ARRAY:
      case ITERABLE:
        return new ArrayReader(field, type.getCollectionElementType());
      case MAP:
        if (type.getMapKeyType().getTypeName() != Schema.TypeName.STRING) {
          break;
        }
        return new MapReader(field, type.getMapValueType());
      case LOGICAL_TYPE:
        if (GlueTypes.isChoice(type)) {
          return new ChoiceReader(field, type);
        }
        String id = type.getLogicalType().getIdentifier();
        if (id.equals(SqlTypes.DATE.getIdentifier())) {
          return (p, t) -> {
            String text = expectString(p, t, type);
            try {
              return LocalDate.parse(text);
            } catch (RuntimeException e) {
              throw new RecordException("holds '" + text + "', which is not a date yyyy-MM-dd.");
            }
          };
        }
        if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
          return (p, t) -> number(p, t, type).getDecimalValue();
        }
        break;
      default:
        ValueReader scalar = scalar(type);
        if (scalar != null) {
          return scalar;
        }
    }
    throw new IllegalArgumentException(
        "JSON cannot fill field '" + field + "' of type " + GlueTypes.describe(type)
            + ": give it a JSON type (string, int, long, double, boolean, struct, array, map).");
  }

  private static ValueReader scalar(FieldType type) {
    switch (type.getTypeName()) {
      case STRING:
        return (p, t) -> expectString(p, t, type);
      case BOOLEAN:
        return (p, t) -> {
          if (t == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
          } else if (t == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
          }
          throw mismatch(p, t, type);
        };
      case INT32:
        return (p, t) -> {
          if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
          }
          throw mismatch(p, t, type);
        };
      case INT64:
        return (p, t) -> {
          if (t == JsonToken.VALUE_NUMBER_INT
              && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
          }
          throw mismatch(p, t, type);
        };
      case INT16:
        return (p, t) -> (short) smallInt(p, t, type, Short.MIN_VALUE, Short.MAX_VALUE);
      case BYTE:
        return (p, t) -> (byte) smallInt(p, t, type, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case DOUBLE:
        return (p, t) -> number(p, t, type).getDoubleValue();
      case FLOAT:
        return (p, t) -> number(p, t, type).getFloatValue();
      case DECIMAL:
        return (p, t) -> number(p, t, type).getDecimalValue();
      case DATETIME:
        return (p, t) -> {
          String text = expectString(p, t, type);
          try {
            return Instant.parse(text);
          } catch (RuntimeException e) {
            throw new RecordException("holds '" + text + "', which is not an ISO-8601 timestamp.");
          }
        };
      default:
        return null;
    }
  }

  private static String expectString(JsonParser p, JsonToken t, FieldType type)
      throws IOException, RecordException {
    if (t != JsonToken.VALUE_STRING) {
      throw mismatch(p, t, type);
    }
    return p.getText();
  }

  private static JsonParser number(JsonParser p, JsonToken t, FieldType type)
      throws RecordException, IOException {
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mismatch(p, t, type);
    }
    return p;
  }

  private static int smallInt(JsonParser p, JsonToken t, FieldType type, int min, int max)
      throws IOException, RecordException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      int value = p.getIntValue();
      if (value >= min && value <= max) {
        return value;
      }
    }
    throw mismatch(p, t, type);
  }

  /** The Glue name of the JSON value at the token, as inference would type it. */
  public static String jsonTypeName(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return "string";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "boolean";
      case VALUE_NUMBER_FLOAT:
        return "double";
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return "int";
          case LONG:
            return "long";
          default:
            return "integer beyond long";
        }
      case START_OBJECT:
        return "struct";
      case START_ARRAY:
        return "array";
      case VALUE_NULL:
        return "null";
      default:
        return t.toString();
    }
  }

  private static RecordException mismatch(JsonParser p, JsonToken t, FieldType type)
      throws IOException {
    String found = jsonTypeName(p, t);
    found = ("aeiou".indexOf(found.charAt(0)) >= 0 ? "an " : "a ") + found;
    if (t.isScalarValue()) {
      String text = p.getText();
      found += " (" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ")";
    }
    return new RecordException(
        "holds " + found + ", but the schema's type is " + GlueTypes.describe(type) + ".");
  }

  /** Reads a value, null-checked against the type's nullability. */
  private static Object readChecked(
      ValueReader reader, FieldType type, JsonParser p, JsonToken t)
      throws IOException, RecordException {
    if (t == JsonToken.VALUE_NULL) {
      if (!type.getNullable()) {
        throw new RecordException(
            "is null, but the schema's type " + GlueTypes.describe(type) + " is not nullable.");
      }
      return null;
    }
    return reader.read(p, t);
  }

  private static final class RowReader implements ValueReader {
    private final Schema schema;
    private final Map<String, Integer> index = new HashMap<>();
    private final Set<String> skipped = new HashSet<>();
    private final ValueReader[] readers;
    private final FieldType[] types;

    RowReader(Schema schema, Schema recordSchema) {
      this.schema = schema;
      this.readers = new ValueReader[schema.getFieldCount()];
      this.types = new FieldType[readers.length];
      for (int i = 0; i < readers.length; i++) {
        Schema.Field field = schema.getField(i);
        index.put(field.getName(), i);
        types[i] = field.getType();
        readers[i] =
            compile(
                field.getName(),
                field.getType(),
                recordSchema.getField(field.getName()).getType());
      }
      for (String name : recordSchema.getFieldNames()) {
        if (!schema.hasField(name)) {
          skipped.add(name);
        }
      }
    }

    @Override
    public Row read(JsonParser p, JsonToken t) throws IOException, RecordException {
      if (t != JsonToken.START_OBJECT) {
        throw mismatch(p, t, FieldType.row(schema));
      }
      Object[] values = new Object[readers.length];
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        Integer i = index.get(name);
        if (i == null) {
          if (!skipped.contains(name)) {
            throw new RecordException("is not in the schema.").in(name);
          }
          p.nextToken();
          p.skipChildren();
          continue;
        }
        try {
          values[i] = readChecked(readers[i], types[i], p, p.nextToken());
        } catch (RecordException e) {
          throw e.in(name);
        }
      }
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null && !types[i].getNullable()) {
          throw new RecordException("is missing, but the schema's type is not nullable.")
              .in(schema.getField(i).getName());
        }
      }
      return Row.withSchema(schema).attachValues(Arrays.asList(values));
    }
  }

  private static final class ArrayReader implements ValueReader {
    private final FieldType elementType;
    private final ValueReader element;

    ArrayReader(String field, FieldType elementType) {
      this.elementType = elementType;
      this.element = compile(field, elementType);
    }

    @Override
    public List<Object> read(JsonParser p, JsonToken t) throws IOException, RecordException {
      if (t != JsonToken.START_ARRAY) {
        throw mismatch(p, t, FieldType.array(elementType));
      }
      List<Object> values = new ArrayList<>();
      JsonToken token;
      while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
        try {
          values.add(readChecked(element, elementType, p, token));
        } catch (RecordException e) {
          throw e.in("[" + values.size() + "]");
        }
      }
      return values;
    }
  }

  private static final class MapReader implements ValueReader {
    private final FieldType valueType;
    private final ValueReader value;

    MapReader(String field, FieldType valueType) {
      this.valueType = valueType;
      this.value = compile(field, valueType);
    }

    @Override
    public Map<String, Object> read(JsonParser p, JsonToken t)
        throws IOException, RecordException {
      if (t != JsonToken.START_OBJECT) {
        throw mismatch(p, t, FieldType.map(FieldType.STRING, valueType));
      }
      Map<String, Object> values = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        try {
          values.put(key, readChecked(value, valueType, p, p.nextToken()));
        } catch (RecordException e) {
          throw e.in(key);
        }
      }
      return values;
    }
  }

  /** A Glue choice: the case is picked by the kind of the JSON value, ints widening to long. */
  private static final class ChoiceReader implements ValueReader {
    private final FieldType type;
    private final OneOfType oneOf;
    private final Map<String, ValueReader> cases = new HashMap<>();

    ChoiceReader(String field, FieldType type) {
      this.type = type;
      this.oneOf = type.getLogicalType(OneOfType.class);
      for (Map.Entry<String, FieldType> c : GlueTypes.choiceCases(type).entrySet()) {
        cases.put(c.getKey(), compile(field, c.getValue()));
      }
    }

    @Override
    public Object read(JsonParser p, JsonToken t) throws IOException, RecordException {
      for (String name : candidates(p, t)) {
        ValueReader reader = cases.get(name);
        if (reader != null) {
          return oneOf.createValue(name, reader.read(p, t));
        }
      }
      throw mismatch(p, t, type);
    }

    private static List<String> candidates(JsonParser p, JsonToken t) throws IOException {
      switch (t) {
        case VALUE_NUMBER_INT:
          switch (p.getNumberType()) {
            case INT:
              return List.of("int", "long", "double", "decimal", "float");
            case LONG:
              return List.of("long", "double", "decimal", "float");
            default:
              return List.of("double", "decimal");
          }
        case VALUE_NUMBER_FLOAT:
          return List.of("double", "decimal", "float");
        case VALUE_STRING:
          return List.of("string");
        case VALUE_TRUE:
        case VALUE_FALSE:
          return List.of("boolean");
        case START_OBJECT:
          return List.of("struct");
        case START_ARRAY:
          return List.of("array");
        default:
          return List.of();
      }
    }
  }
}
