package dev.beamglue.io.jdbc;

import dev.beamglue.transforms.schema.GlueTypes;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.TimeZone;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.joda.time.Instant;

/**
 * SQL column types to Beam field types and back, and values between JDBC and Beam's Java types.
 *
 * <table>
 *   <caption>Column types</caption>
 *   <tr><th>SQL</th><th>Beam</th><th>Java value</th></tr>
 *   <tr><td>smallint, integer, bigint</td><td>INT16, INT32, INT64</td><td>Short, Integer, Long</td></tr>
 *   <tr><td>numeric(p,s), decimal(p,s)</td><td>FixedPrecisionNumeric(p,s)</td><td>BigDecimal</td></tr>
 *   <tr><td>numeric (no precision)</td><td>DECIMAL</td><td>BigDecimal</td></tr>
 *   <tr><td>real, double precision</td><td>FLOAT, DOUBLE</td><td>Float, Double</td></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>char, varchar, text</td><td>STRING</td><td>String</td></tr>
 *   <tr><td>date</td><td>SqlTypes.DATE</td><td>LocalDate</td></tr>
 *   <tr><td>time</td><td>SqlTypes.TIME</td><td>LocalTime</td></tr>
 *   <tr><td>timestamp, timestamptz</td><td>DATETIME</td><td>Joda Instant (a timestamp without zone is read as UTC)</td></tr>
 *   <tr><td>bytea, binary, varbinary, blob</td><td>BYTES</td><td>byte[]</td></tr>
 *   <tr><td>anything else (uuid, json, arrays)</td><td>STRING</td><td>the database's text for it</td></tr>
 * </table>
 *
 * <p>{@code Schema schema = JdbcTypes.schemaOf(statement.getMetaData());}
 */
final class JdbcTypes {

  static final int SHORT = 0;
  static final int INT = 1;
  static final int LONG = 2;
  static final int DECIMAL = 3;
  static final int FLOAT = 4;
  static final int DOUBLE = 5;
  static final int BOOLEAN = 6;
  static final int STRING = 7;
  static final int DATE = 8;
  static final int TIME = 9;
  static final int DATETIME = 10;
  static final int BYTES = 11;

  private static final ThreadLocal<Calendar> UTC =
      ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

  private JdbcTypes() {}

  /** The schema of a result set: its column labels, types and nullability. */
  static Schema schemaOf(ResultSetMetaData metadata) throws SQLException {
    Schema.Builder schema = Schema.builder();
    for (int i = 1; i <= metadata.getColumnCount(); i++) {
      FieldType type = fieldType(metadata.getColumnType(i), metadata.getPrecision(i),
          metadata.getScale(i), metadata.getColumnTypeName(i));
      boolean nullable = metadata.isNullable(i) != ResultSetMetaData.columnNoNulls;
      schema.addField(metadata.getColumnLabel(i), type.withNullable(nullable));
    }
    return schema.build();
  }

  static FieldType fieldType(int sqlType, int precision, int scale, String typeName) {
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
        return FieldType.INT16;
      case Types.INTEGER:
        return FieldType.INT32;
      case Types.BIGINT:
        return FieldType.INT64;
      case Types.NUMERIC:
      case Types.DECIMAL:
        // PostgreSQL reports an unconstrained numeric with precision 0 (or 131089)
        return precision > 0 && precision <= 1000 && scale >= 0 && scale <= precision
            ? FieldType.logicalType(FixedPrecisionNumeric.of(precision, scale))
            : FieldType.DECIMAL;
      case Types.REAL:
        return FieldType.FLOAT;
      case Types.FLOAT:
      case Types.DOUBLE:
        return FieldType.DOUBLE;
      case Types.BOOLEAN:
        return FieldType.BOOLEAN;
      case Types.BIT:
        return precision <= 1 || "bool".equalsIgnoreCase(typeName)
            ? FieldType.BOOLEAN
            : FieldType.STRING;
      case Types.DATE:
        return FieldType.logicalType(SqlTypes.DATE);
      case Types.TIME:
        return FieldType.logicalType(SqlTypes.TIME);
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return FieldType.DATETIME;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return FieldType.BYTES;
      default:
        return FieldType.STRING;
    }
  }

  /** The kind of each field, resolved once, for {@link #read} and {@link #set}. */
  static int[] kinds(Schema schema) {
    int[] kinds = new int[schema.getFieldCount()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = kind(schema.getField(i));
    }
    return kinds;
  }

  private static int kind(Schema.Field field) {
    FieldType type = field.getType();
    if (type.getTypeName() == TypeName.LOGICAL_TYPE) {
      String id = type.getLogicalType().getIdentifier();
      if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
        return DECIMAL;
      }
      if (id.equals(SqlTypes.DATE.getIdentifier())) {
        return DATE;
      }
      if (id.equals(SqlTypes.TIME.getIdentifier())) {
        return TIME;
      }
      throw unsupported(field);
    }
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
        return SHORT;
      case INT32:
        return INT;
      case INT64:
        return LONG;
      case DECIMAL:
        return DECIMAL;
      case FLOAT:
        return FLOAT;
      case DOUBLE:
        return DOUBLE;
      case BOOLEAN:
        return BOOLEAN;
      case STRING:
        return STRING;
      case DATETIME:
        return DATETIME;
      case BYTES:
        return BYTES;
      default:
        throw unsupported(field);
    }
  }

  private static IllegalArgumentException unsupported(Schema.Field field) {
    return new IllegalArgumentException(
        "Field '" + field.getName() + "' is " + GlueTypes.describe(field.getType()) + ": a JDBC column holds one "
            + "scalar value; flatten it (Relationalize) or drop it before writing.");
  }

  /** The value of column {@code column} (1-based) in Beam's Java type, or null. */
  static Object read(ResultSet rs, int column, int kind) throws SQLException {
    Object value;
    switch (kind) {
      case SHORT:
        value = rs.getShort(column);
        break;
      case INT:
        value = rs.getInt(column);
        break;
      case LONG:
        value = rs.getLong(column);
        break;
      case DECIMAL:
        return rs.getBigDecimal(column);
      case FLOAT:
        value = rs.getFloat(column);
        break;
      case DOUBLE:
        value = rs.getDouble(column);
        break;
      case BOOLEAN:
        value = rs.getBoolean(column);
        break;
      case DATE:
        return rs.getObject(column, LocalDate.class);
      case TIME:
        return rs.getObject(column, LocalTime.class);
      case DATETIME:
        Timestamp timestamp = rs.getTimestamp(column, UTC.get());
        return timestamp == null ? null : new Instant(timestamp.getTime());
      case BYTES:
        return rs.getBytes(column);
      default:
        return rs.getString(column);
    }
    return rs.wasNull() ? null : value;
  }

  /** Sets parameter {@code index} (1-based) to a Beam value, or to SQL NULL. */
  static void set(PreparedStatement statement, int index, int kind, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlType(kind));
      return;
    }
    switch (kind) {
      case SHORT:
        statement.setShort(index, ((Number) value).shortValue());
        break;
      case INT:
        statement.setInt(index, (Integer) value);
        break;
      case LONG:
        statement.setLong(index, (Long) value);
        break;
      case DECIMAL:
        statement.setBigDecimal(index, (BigDecimal) value);
        break;
      case FLOAT:
        statement.setFloat(index, (Float) value);
        break;
      case DOUBLE:
        statement.setDouble(index, (Double) value);
        break;
      case BOOLEAN:
        statement.setBoolean(index, (Boolean) value);
        break;
      case DATE:
      case TIME:
        statement.setObject(index, value);
        break;
      case DATETIME:
        long millis = ((org.joda.time.ReadableInstant) value).getMillis();
        statement.setTimestamp(index, new Timestamp(millis), UTC.get());
        break;
      case BYTES:
        statement.setBytes(index, (byte[]) value);
        break;
      default:
        statement.setString(index, value.toString());
    }
  }

  private static int sqlType(int kind) {
    switch (kind) {
      case SHORT:
        return Types.SMALLINT;
      case INT:
        return Types.INTEGER;
      case LONG:
        return Types.BIGINT;
      case DECIMAL:
        return Types.NUMERIC;
      case FLOAT:
        return Types.REAL;
      case DOUBLE:
        return Types.DOUBLE;
      case BOOLEAN:
        return Types.BOOLEAN;
      case DATE:
        return Types.DATE;
      case TIME:
        return Types.TIME;
      case DATETIME:
        return Types.TIMESTAMP;
      case BYTES:
        return Types.BINARY;
      default:
        return Types.VARCHAR;
    }
  }

  /** The column type for CREATE TABLE (PostgreSQL's names; standard SQL but for bytea). */
  static String ddlType(Schema.Field field) {
    int kind = kind(field);
    FieldType type = field.getType();
    switch (kind) {
      case SHORT:
        return "smallint";
      case INT:
        return "integer";
      case LONG:
        return "bigint";
      case DECIMAL:
        if (type.getTypeName() == TypeName.LOGICAL_TYPE) {
          Schema.FieldType argType = type.getLogicalType().getArgumentType();
          Object argument = type.getLogicalType().getArgument();
          if (argType != null && argument instanceof org.apache.beam.sdk.values.Row) {
            org.apache.beam.sdk.values.Row args = (org.apache.beam.sdk.values.Row) argument;
            return "numeric(" + args.getInt32("precision") + "," + args.getInt32("scale") + ")";
          }
        }
        return "numeric";
      case FLOAT:
        return "real";
      case DOUBLE:
        return "double precision";
      case BOOLEAN:
        return "boolean";
      case DATE:
        return "date";
      case TIME:
        return "time";
      case DATETIME:
        return "timestamp";
      case BYTES:
        return "bytea";
      default:
        return "text";
    }
  }

  /** Whether the kind can split a read into ranges. */
  static boolean isWholeNumber(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        return true;
      default:
        return false;
    }
  }
}
