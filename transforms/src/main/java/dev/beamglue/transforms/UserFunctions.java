package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.GlueTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * What {@link Filter}, {@link MapRows} and {@link FlatMapRows} share: running a DoFn with a rows
 * and an error output, the reason for an exception, and the check that a row a user function made
 * has the declared output schema.
 *
 * <p>{@code String problem = UserFunctions.schemaProblem(row, outputSchema);}
 */
final class UserFunctions {

  private UserFunctions() {}

  /** Applies {@code fn}, which emits to {@link RowsWithErrors#ROWS} and {@link RowsWithErrors#ERRORS}. */
  static RowsWithErrors apply(PCollection<Row> input, DoFn<Row, Row> fn, Schema outputSchema) {
    PCollectionTuple outputs =
        input.apply(
            "Apply",
            ParDo.of(fn)
                .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        outputs.get(RowsWithErrors.ROWS).setRowSchema(outputSchema),
        outputs.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  /** The reason an error record gives for an exception: its message, or its class without one. */
  static String reason(Throwable thrown) {
    String message = thrown.getMessage();
    return message == null || message.isBlank() ? thrown.getClass().getName() : message;
  }

  /**
   * Null when {@code row} can be emitted with {@code schema}, else one sentence naming the fields
   * that differ: missing, extra, of another type, in another order, or null where the schema
   * does not allow it.
   */
  static String schemaProblem(Row row, Schema schema) {
    Schema actual = row.getSchema();
    if (actual != schema && !actual.equals(schema)) {
      return "The function returned a row of another schema: " + differences(actual, schema) + ".";
    }
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Field field = schema.getField(i);
      if (!field.getType().getNullable() && row.getValue(i) == null) {
        return "The function returned a row with null in the non-nullable field '"
            + field.getName() + "'.";
      }
    }
    return null;
  }

  /** The row itself when it carries {@code schema}, else the same values with {@code schema}. */
  static Row withSchema(Row row, Schema schema) {
    return row.getSchema() == schema ? row : Row.withSchema(schema).attachValues(row.getValues());
  }

  /** How {@code actual} differs from {@code expected}, field by field. */
  static String differences(Schema actual, Schema expected) {
    List<String> missing = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    List<String> typed = new ArrayList<>();
    for (Field field : expected.getFields()) {
      if (!actual.hasField(field.getName())) {
        missing.add(field.getName());
      } else {
        FieldType have = actual.getField(field.getName()).getType();
        FieldType want = field.getType();
        if (have.getTypeName() == Schema.TypeName.ROW
            && want.getTypeName() == Schema.TypeName.ROW
            && have.getNullable() == want.getNullable()
            && !have.getRowSchema().equals(want.getRowSchema())) {
          typed.add(
              "in '" + field.getName() + "': "
                  + differences(have.getRowSchema(), want.getRowSchema()));
        } else if (!have.equals(want)) {
          typed.add(
              "'" + field.getName() + "' is " + describe(have) + ", not " + describe(field.getType()));
        }
      }
    }
    for (Field field : actual.getFields()) {
      if (!expected.hasField(field.getName())) {
        extra.add(field.getName());
      }
    }
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add("missing " + missing);
    }
    if (!extra.isEmpty()) {
      parts.add("unexpected " + extra);
    }
    parts.addAll(typed);
    if (parts.isEmpty()) {
      parts.add(
          actual.getFieldNames().equals(expected.getFieldNames())
              ? "the field options differ"
              : "the fields are in the order " + actual.getFieldNames() + ", not "
                  + expected.getFieldNames());
    }
    return String.join("; ", parts);
  }

  private static String describe(FieldType type) {
    String name =
        type.getTypeName() == Schema.TypeName.ROW
            ? "struct<" + String.join(",", type.getRowSchema().getFieldNames()) + ">"
            : GlueTypes.describe(type);
    return (type.getNullable() ? "nullable " : "non-nullable ") + name;
  }
}
