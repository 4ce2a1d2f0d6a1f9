package dev.beamglue.transforms.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * Glue's type names and their Beam field types, and Glue's choice type as a Beam {@link OneOfType}
 * whose cases are named by the Glue type they hold ({@code choice<int,string>} has the cases {@code
 * int} and {@code string}).
 *
 * <p>{@code FieldType t = GlueTypes.parse("decimal(10,2)");}
 */
public final class GlueTypes {

  private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  /** The type names {@link #parse} accepts, for messages. */
  public static final String KNOWN_NAMES =
      "string, byte, short, int, long, float, double, decimal, decimal(p,s), boolean, date, "
          + "timestamp";

  private GlueTypes() {}

  /**
   * The Beam type of a Glue (or Spark SQL) type name: {@code string}, {@code byte}/{@code tinyint},
   * {@code short}/{@code smallint}, {@code int}/{@code integer}, {@code long}/{@code bigint},
   * {@code float}, {@code double}, {@code decimal}, {@code decimal(p,s)}, {@code boolean}, {@code
   * date} and {@code timestamp}. Timestamps are Beam {@code DATETIME} (milliseconds), dates {@link
   * SqlTypes#DATE}, {@code decimal(p,s)} Beam's {@link FixedPrecisionNumeric}.
   */
  public static FieldType parse(String name) {
    String normalized = name.trim().toLowerCase(Locale.ROOT);
    Matcher decimal = DECIMAL.matcher(normalized);
    if (decimal.matches()) {
      return FieldType.logicalType(
          FixedPrecisionNumeric.of(
              Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2))));
    }
    switch (normalized) {
      case "string":
      case "varchar":
        return FieldType.STRING;
      case "byte":
      case "tinyint":
        return FieldType.BYTE;
      case "short":
      case "smallint":
        return FieldType.INT16;
      case "int":
      case "integer":
        return FieldType.INT32;
      case "long":
      case "bigint":
        return FieldType.INT64;
      case "float":
        return FieldType.FLOAT;
      case "double":
        return FieldType.DOUBLE;
      case "decimal":
        return FieldType.DECIMAL;
      case "boolean":
        return FieldType.BOOLEAN;
      case "date":
        return FieldType.logicalType(SqlTypes.DATE);
      case "timestamp":
        return FieldType.DATETIME;
      default:
        throw new IllegalArgumentException(
            "Unknown type '" + name + "'; the types are " + KNOWN_NAMES + ".");
    }
  }

  /** Glue's name for a Beam type: {@code int}, {@code struct}, {@code array}, {@code choice}... */
  public static String nameOf(FieldType type) {
    switch (type.getTypeName()) {
      case BOOLEAN:
        return "boolean";
      case BYTE:
        return "byte";
      case INT16:
        return "short";
      case INT32:
        return "int";
      case INT64:
        return "long";
      case FLOAT:
        return "float";
      case DOUBLE:
        return "double";
      case DECIMAL:
        return "decimal";
      case STRING:
        return "string";
      case DATETIME:
        return "timestamp";
      case BYTES:
        return "binary";
      case ROW:
        return "struct";
      case ARRAY:
      case ITERABLE:
        return "array";
      case MAP:
        return "map";
      case LOGICAL_TYPE:
        return logicalTypeName(type);
      default:
        return type.getTypeName().name().toLowerCase(Locale.ROOT);
    }
  }

  private static String logicalTypeName(FieldType type) {
    String identifier = type.getLogicalType().getIdentifier();
    if (isChoice(type)) {
      return "choice";
    }
    if (identifier.equals(SqlTypes.DATE.getIdentifier())) {
      return "date";
    }
    if (identifier.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      return "decimal";
    }
    return nameOf(type.getLogicalType().getBaseType());
  }

  /** Whether the type is a Glue choice, a Beam {@link OneOfType}. */
  public static boolean isChoice(FieldType type) {
    return type.getTypeName() == TypeName.LOGICAL_TYPE
        && type.getLogicalType().getIdentifier().equals(OneOfType.IDENTIFIER);
  }

  /**
   * A choice between the given types, one case per type, named by {@link #nameOf}; nullable,
   * since a choice field is absent in records of none of its types.
   */
  public static FieldType choiceOf(List<FieldType> alternatives) {
    List<Schema.Field> cases = new ArrayList<>();
    for (FieldType alternative : alternatives) {
      String name = nameOf(alternative);
      for (Schema.Field existing : cases) {
        if (existing.getName().equals(name)) {
          throw new IllegalArgumentException("A choice cannot hold two types named " + name + ".");
        }
      }
      cases.add(Schema.Field.of(name, alternative.withNullable(false)));
    }
    return FieldType.logicalType(OneOfType.create(cases)).withNullable(true);
  }

  /** The cases of a choice type by name, in declaration order. */
  public static Map<String, FieldType> choiceCases(FieldType choice) {
    Map<String, FieldType> cases = new java.util.LinkedHashMap<>();
    for (Schema.Field field : choice.getLogicalType(OneOfType.class).getOneOfSchema().getFields()) {
      cases.put(field.getName(), field.getType());
    }
    return cases;
  }

  /** A readable form of a type for messages: {@code choice<int,string>}, {@code struct<...>}. */
  public static String describe(FieldType type) {
    if (isChoice(type)) {
      return "choice<" + String.join(",", choiceCases(type).keySet()) + ">";
    }
    if (type.getTypeName() == TypeName.LOGICAL_TYPE
        && type.getLogicalType().getIdentifier().equals(FixedPrecisionNumeric.IDENTIFIER)) {
      org.apache.beam.sdk.values.Row argument =
          (org.apache.beam.sdk.values.Row) type.getLogicalType().getArgument();
      return "decimal(" + argument.getInt32("precision") + "," + argument.getInt32("scale") + ")";
    }
    return nameOf(type);
  }
}
