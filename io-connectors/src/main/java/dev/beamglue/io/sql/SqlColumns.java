package dev.beamglue.io.sql;

import dev.beamglue.transforms.errors.RowJson;
import dev.beamglue.transforms.schema.GlueTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.sql.impl.utils.CalciteUtils;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * The columns of a catalog table as Beam SQL sees them. Beam SQL takes every type the catalog
 * produces except two, which are converted: a Glue choice (a {@link OneOfType}, a column whose
 * type differs across records) becomes a nullable string holding the value of the case each
 * record has (a struct or array case as its JSON), and a {@code decimal(p,s)} ({@link
 * FixedPrecisionNumeric}) becomes Beam's plain {@code DECIMAL}. A type Beam SQL cannot take at all
 * is refused with a sentence that names the column.
 *
 * <p>{@code Schema sqlSchema = SqlColumns.sqlSchema("raw.parks", table.rowSchema());}
 */
final class SqlColumns {

  private SqlColumns() {}

  /** The schema Beam SQL reads, or the same schema when nothing needs converting. */
  static Schema sqlSchema(String table, Schema schema) {
    Schema.Builder builder = Schema.builder();
    for (Schema.Field field : schema.getFields()) {
      builder.addField(field.getName(), sqlType(table, field.getName(), field.getType()));
    }
    return builder.build();
  }

  private static FieldType sqlType(String table, String column, FieldType type) {
    FieldType converted;
    switch (type.getTypeName()) {
      case ROW:
        converted = FieldType.row(sqlSchema(table + "." + column, type.getRowSchema()));
        break;
      case ARRAY:
      case ITERABLE:
        converted = FieldType.array(sqlType(table, column, type.getCollectionElementType()));
        break;
      case MAP:
        converted = FieldType.map(sqlType(table, column, type.getMapKeyType()),
            sqlType(table, column, type.getMapValueType()));
        break;
      case LOGICAL_TYPE:
        if (GlueTypes.isChoice(type)) {
          return FieldType.STRING.withNullable(true);
        }
        if (type.getLogicalType().getIdentifier().equals(FixedPrecisionNumeric.IDENTIFIER)) {
          converted = FieldType.DECIMAL;
          break;
        }
        converted = type;
        try {
          CalciteUtils.toSqlTypeName(type);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("Column " + column + " of table " + table + " has the "
              + "type " + type.getLogicalType().getIdentifier() + ", which Beam SQL cannot read; "
              + "convert it with ApplyMapping before querying.", e);
        }
        break;
      default:
        converted = type;
    }
    return converted.withNullable(type.getNullable());
  }

  /** A DoFn that converts a table's rows to its SQL schema {@code to} (choices to text). */
  static DoFn<Row, Row> converter(Schema to) {
    return new Convert(to);
  }

  private static final class Convert extends DoFn<Row, Row> {
    private final Schema to;

    Convert(Schema to) {
      this.to = to;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(convertRow(row, to));
    }
  }

  private static Row convertRow(Row row, Schema to) {
    List<Object> values = new ArrayList<>(to.getFieldCount());
    Schema from = row.getSchema();
    for (int i = 0; i < to.getFieldCount(); i++) {
      values.add(convert(row.getValue(i), from.getField(i).getType(), to.getField(i).getType()));
    }
    return Row.withSchema(to).attachValues(values);
  }

  private static Object convert(Object value, FieldType from, FieldType to) {
    if (value == null) {
      return null;
    }
    switch (from.getTypeName()) {
      case ROW:
        return convertRow((Row) value, to.getRowSchema());
      case ARRAY:
      case ITERABLE:
        List<Object> elements = new ArrayList<>();
        for (Object element : (Iterable<?>) value) {
          elements.add(convert(element, from.getCollectionElementType(),
              to.getCollectionElementType()));
        }
        return elements;
      case MAP:
        Map<Object, Object> map = new HashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          map.put(convert(e.getKey(), from.getMapKeyType(), to.getMapKeyType()),
              convert(e.getValue(), from.getMapValueType(), to.getMapValueType()));
        }
        return map;
      case LOGICAL_TYPE:
        if (GlueTypes.isChoice(from)) {
          OneOfType.Value choice = (OneOfType.Value) value;
          Object held = choice.getValue();
          if (held instanceof String) {
            return held;
          }
          return RowJson.valueToJson(
              from.getLogicalType(OneOfType.class).getOneOfSchema()
                  .getField(choice.getCaseType().getValue()).getType(),
              held);
        }
        return value;
      default:
        return value;
    }
  }
}
