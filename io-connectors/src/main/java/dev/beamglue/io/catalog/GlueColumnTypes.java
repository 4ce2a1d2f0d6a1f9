package dev.beamglue.io.catalog;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/**
 * Beam field types as the column type strings of a Glue Data Catalog (Hive's type syntax), and
 * back: {@code boolean}, {@code tinyint}, {@code smallint}, {@code int}, {@code bigint}, {@code
 * float}, {@code double}, {@code decimal(p,s)}, {@code string}, {@code binary}, {@code date},
 * {@code timestamp}, {@code array<T>}, {@code map<K,V>} and {@code struct<a:T,b:U>}.
 *
 * <p>{@code String glue = GlueColumnTypes.toGlue(FieldType.row(actor)); //
 * struct<login:string,id:bigint>}
 *
 * <p>Mapping details:
 *
 * <ul>
 *   <li>Beam {@code DECIMAL} without precision is {@code decimal(38,18)}; Beam's {@link
 *       FixedPrecisionNumeric} keeps its precision and scale.
 *   <li>{@link SqlTypes#DATE} is {@code date}; {@code DATETIME} (and the SQL date-time logical
 *       types) are {@code timestamp}, read back as {@code DATETIME}.
 *   <li>A struct field whose name is not made of letters, digits and underscores is written in
 *       backticks ({@code struct<`@type`:string>}); a backtick in it is doubled.
 *   <li>A Glue choice ({@link GlueTypes#isChoice}) is {@code choice<int,string>} in the embedded
 *       catalog's {@linkplain #toGlue(FieldType) full form}. AWS Glue has no choice type: {@link
 *       #toAwsGlue} writes a choice as {@code string}, so a table holding one reads that column as
 *       text from AWS Glue.
 *   <li>Hive types carry no nullability. The full form marks nested fields, array elements and
 *       map values that cannot be null with {@code not null} ({@code array<int not null>}); the
 *       AWS form leaves the marks out and everything parses back as nullable.
 * </ul>
 */
public final class GlueColumnTypes {

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

  private GlueColumnTypes() {}

  /**
   * The full type string the embedded catalog stores: choices as {@code choice<...>}, and {@code
   * not null} marks inside nested types. The top-level nullability is not part of the string.
   */
  public static String toGlue(FieldType type) {
    StringBuilder out = new StringBuilder();
    write(type, true, out);
    return out.toString();
  }

  /**
   * The type string for AWS Glue's Data Catalog: Hive syntax only, a choice becomes {@code
   * string} and there are no {@code not null} marks.
   */
  public static String toAwsGlue(FieldType type) {
    StringBuilder out = new StringBuilder();
    write(type, false, out);
    return out.toString();
  }

  /**
   * The Beam type of a Glue type string, nullable; nested fields, elements and values are
   * nullable unless marked {@code not null}. Also accepts Glue's aliases ({@code integer}, {@code
   * long}, {@code short}, {@code byte}, {@code varchar(n)}, {@code char(n)}, {@code decimal}).
   *
   * @throws IllegalArgumentException with one sentence naming the string and the position
   */
  public static FieldType parse(String glueType) {
    return new GlueTypeParser(glueType).parseWhole();
  }

  private static void write(FieldType type, boolean full, StringBuilder out) {
    switch (type.getTypeName()) {
      case BOOLEAN:
        out.append("boolean");
        return;
      case BYTE:
        out.append("tinyint");
        return;
      case INT16:
        out.append("smallint");
        return;
      case INT32:
        out.append("int");
        return;
      case INT64:
        out.append("bigint");
        return;
      case FLOAT:
        out.append("float");
        return;
      case DOUBLE:
        out.append("double");
        return;
      case DECIMAL:
        out.append("decimal(38,18)");
        return;
      case STRING:
        out.append("string");
        return;
      case BYTES:
        out.append("binary");
        return;
      case DATETIME:
        out.append("timestamp");
        return;
      case ARRAY:
      case ITERABLE:
        out.append("array<");
        writeNested(type.getCollectionElementType(), full, out);
        out.append('>');
        return;
      case MAP:
        out.append("map<");
        write(type.getMapKeyType(), full, out);
        out.append(',');
        writeNested(type.getMapValueType(), full, out);
        out.append('>');
        return;
      case ROW:
        writeStruct(type.getRowSchema(), full, out);
        return;
      case LOGICAL_TYPE:
        writeLogical(type, full, out);
        return;
      default:
        throw new IllegalArgumentException(
            "The Beam type " + type.getTypeName() + " has no Glue column type.");
    }
  }

  private static void writeNested(FieldType type, boolean full, StringBuilder out) {
    write(type, full, out);
    if (full && !type.getNullable()) {
      out.append(" not null");
    }
  }

  private static void writeStruct(Schema schema, boolean full, StringBuilder out) {
    out.append("struct<");
    boolean first = true;
    for (Schema.Field field : schema.getFields()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(quoteName(field.getName())).append(':');
      writeNested(field.getType(), full, out);
    }
    out.append('>');
  }

  private static void writeLogical(FieldType type, boolean full, StringBuilder out) {
    String identifier = type.getLogicalType().getIdentifier();
    if (GlueTypes.isChoice(type)) {
      if (!full) {
        out.append("string");
        return;
      }
      out.append("choice<");
      boolean first = true;
      for (Map.Entry<String, FieldType> alternative : GlueTypes.choiceCases(type).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(alternative.getValue(), true, out);
      }
      out.append('>');
    } else if (identifier.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      Row argument = (Row) type.getLogicalType().getArgument();
      out.append("decimal(")
          .append(argument.getInt32("precision"))
          .append(',')
          .append(argument.getInt32("scale"))
          .append(')');
    } else if (identifier.equals(SqlTypes.DATE.getIdentifier())) {
      out.append("date");
    } else if (identifier.equals(SqlTypes.DATETIME.getIdentifier())
        || identifier.equals(SqlTypes.TIMESTAMP.getIdentifier())) {
      out.append("timestamp");
    } else {
      write(type.getLogicalType().getBaseType(), full, out);
    }
  }

  /** A struct field name as Glue writes it: plain, or in backticks when it has other characters. */
  static String quoteName(String name) {
    if (PLAIN_NAME.matcher(name).matches()) {
      return name;
    }
    return "`" + name.replace("`", "``") + "`";
  }
}
