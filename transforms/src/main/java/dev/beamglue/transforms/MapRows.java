package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ProcessFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's Map: applies a user function to every row and emits the row it returns, with a declared
 * output schema. Named {@code MapRows} so that it does not clash with {@link java.util.Map}.
 *
 * <p>{@code RowsWithErrors out = rows.apply(MapRows.via(row -> Row.withSchema(OUT)
 * .addValues(row.getString("name").trim()).build(), OUT));}
 *
 * <p>A record is sent to the error output (step {@value #STEP}) instead when the function throws
 * (reason: the exception's message, or its class name when it has none), returns null ({@code
 * The function returned null instead of a row.}), or returns a row whose schema is not equal to
 * the output schema or that holds null in a non-nullable field (the reason names the fields that
 * differ). Rows are emitted with exactly the output schema.
 */
public final class MapRows extends PTransform<PCollection<Row>, RowsWithErrors> {

  /** The step name in error records. */
  public static final String STEP = "MapRows";

  private final ProcessFunction<Row, Row> fn;
  private final Schema outputSchema;

  private MapRows(ProcessFunction<Row, Row> fn, Schema outputSchema) {
    this.fn = fn;
    this.outputSchema = outputSchema;
  }

  /** Maps each row with {@code fn} to a row of {@code outputSchema}. */
  public static MapRows via(ProcessFunction<Row, Row> fn, Schema outputSchema) {
    if (fn == null || outputSchema == null) {
      throw new IllegalArgumentException("MapRows.via needs a function and an output schema.");
    }
    return new MapRows(fn, outputSchema);
  }

  public Schema getOutputSchema() {
    return outputSchema;
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    return UserFunctions.apply(input, new MapFn(fn, outputSchema), outputSchema);
  }

  private static final class MapFn extends DoFn<Row, Row> {
    private final ProcessFunction<Row, Row> fn;
    private final Schema outputSchema;

    MapFn(ProcessFunction<Row, Row> fn, Schema outputSchema) {
      this.fn = fn;
      this.outputSchema = outputSchema;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      Row mapped;
      String problem;
      try {
        mapped = fn.apply(row);
        problem =
            mapped == null
                ? "The function returned null instead of a row."
                : UserFunctions.schemaProblem(mapped, outputSchema);
      } catch (Exception e) {
        mapped = null;
        problem = UserFunctions.reason(e);
      }
      if (problem != null) {
        out.get(RowsWithErrors.ERRORS).output(ErrorRecords.forRow(STEP, problem, row));
      } else {
        out.get(RowsWithErrors.ROWS).output(UserFunctions.withSchema(mapped, outputSchema));
      }
    }
  }
}
