package dev.beamglue.pipelines.playground;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.ProcessFunction;
import org.apache.beam.sdk.values.Row;

/**
 * The playground-specific columns of the ML preparation, one function for {@code MapRows}: the
 * Accessible and Adaptive_Swing strings become nullable INT32 in place (Y 1, N 0, null stays
 * null; any other value throws, so the row becomes an error record), and two columns are
 * appended: {@value #BOROUGH}, the first character of Playground_ID ({@code N} when it is null or
 * empty), and {@value #LABEL}, 1 when Level is {@code 4} (as text) and 0 otherwise.
 *
 * <p>{@code rows.apply(MapRows.via(d, d.schema()))} with {@code d = Derivations.of(columns, schema)}
 */
final class Derivations implements ProcessFunction<Row, Row> {

  static final String BOROUGH = "Borough";
  static final String LABEL = "label";
  static final String NO_BOROUGH = "N";

  private final Schema output;
  private final int playgroundId;
  private final int accessible;
  private final int adaptiveSwing;
  private final int level;
  private final String[] flagNames;

  private Derivations(Schema output, int playgroundId, int accessible, int adaptiveSwing, int level,
      String[] flagNames) {
    this.output = output;
    this.playgroundId = playgroundId;
    this.accessible = accessible;
    this.adaptiveSwing = adaptiveSwing;
    this.level = level;
    this.flagNames = flagNames;
  }

  /** The derivations for rows of {@code input}; throws naming a column that is missing or taken. */
  static Derivations of(MlColumns columns, Schema input) {
    for (String name :
        List.of(columns.playgroundId(), columns.accessible(), columns.adaptiveSwing(), columns.level())) {
      if (!input.hasField(name)) {
        throw new IllegalArgumentException(
            "The ML preparation reads the column '" + name + "', which the processed rows lack: "
                + input.getFieldNames() + ".");
      }
    }
    for (String name : List.of(columns.playgroundId(), columns.accessible(), columns.adaptiveSwing())) {
      if (input.getField(name).getType().getTypeName() != TypeName.STRING) {
        throw new IllegalArgumentException(
            "The ML preparation reads '" + name + "' as text, but it is "
                + input.getField(name).getType().getTypeName() + ".");
      }
    }
    for (String name : List.of(BOROUGH, LABEL)) {
      if (input.hasField(name)) {
        throw new IllegalArgumentException(
            "The ML preparation adds the column '" + name + "', which the processed rows already have.");
      }
    }
    Schema.Builder out = Schema.builder();
    for (Field field : input.getFields()) {
      boolean flag =
          field.getName().equals(columns.accessible()) || field.getName().equals(columns.adaptiveSwing());
      out.addField(flag ? Field.nullable(field.getName(), FieldType.INT32) : field);
    }
    out.addStringField(BOROUGH).addInt32Field(LABEL);
    return new Derivations(
        out.build(),
        input.indexOf(columns.playgroundId()),
        input.indexOf(columns.accessible()),
        input.indexOf(columns.adaptiveSwing()),
        input.indexOf(columns.level()),
        new String[] {columns.accessible(), columns.adaptiveSwing()});
  }

  Schema schema() {
    return output;
  }

  @Override
  public Row apply(Row row) {
    int count = row.getFieldCount();
    List<Object> values = new ArrayList<>(count + 2);
    for (int i = 0; i < count; i++) {
      if (i == accessible) {
        values.add(flag(flagNames[0], row.getString(i)));
      } else if (i == adaptiveSwing) {
        values.add(flag(flagNames[1], row.getString(i)));
      } else {
        values.add(row.getValue(i));
      }
    }
    String id = row.getString(playgroundId);
    values.add(id == null || id.isEmpty() ? NO_BOROUGH : id.substring(0, 1));
    Object levelValue = row.getValue(level);
    values.add(levelValue != null && "4".equals(String.valueOf(levelValue).trim()) ? 1 : 0);
    return Row.withSchema(output).attachValues(values);
  }

  private static Integer flag(String column, String value) {
    if (value == null) {
      return null;
    }
    switch (value) {
      case "Y":
        return 1;
      case "N":
        return 0;
      default:
        throw new IllegalArgumentException(
            "The column '" + column + "' holds '" + value + "', not Y, N or **.");
    }
  }
}
