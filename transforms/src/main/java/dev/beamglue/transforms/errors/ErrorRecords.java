package dev.beamglue.transforms.errors;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The error records a step emits instead of dropping a record it cannot process, as Glue's
 * {@code errorsAsDynamicFrame} does: which step, why, the original input and where it came from.
 *
 * <p>{@code Row error = ErrorRecords.of("ApplyMapping", "cannot cast 'x' to long at id", json, null);}
 */
public final class ErrorRecords {

  /** The schema of every error record, whichever step emitted it. */
  public static final Schema SCHEMA =
      Schema.builder()
          .addStringField("step")
          .addStringField("reason")
          .addStringField("input")
          .addNullableStringField("location")
          .build();

  private ErrorRecords() {}

  /**
   * An error record.
   *
   * @param step the name of the step that failed, as shown in the pipeline
   * @param reason one sentence that says why
   * @param input the original input: the raw line, or the record rendered as JSON
   * @param location where the input came from (for example {@code file.json:12}), or null
   */
  public static Row of(String step, String reason, String input, String location) {
    return Row.withSchema(SCHEMA).addValues(step, reason, input, location).build();
  }

  /** An error record for a Row, rendered as JSON with {@link RowJson}. */
  public static Row forRow(String step, String reason, Row input) {
    return of(step, reason, RowJson.toJson(input), null);
  }

  public static String step(Row error) {
    return error.getString("step");
  }

  public static String reason(Row error) {
    return error.getString("reason");
  }

  public static String input(Row error) {
    return error.getString("input");
  }

  public static String location(Row error) {
    return error.getString("location");
  }
}
