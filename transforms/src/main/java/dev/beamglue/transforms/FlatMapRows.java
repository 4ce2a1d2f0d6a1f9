package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ProcessFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's FlatMap: applies a user function that returns zero or more rows for each row, all of a
 * declared output schema.
 *
 * <p>{@code RowsWithErrors tags = posts.apply(FlatMapRows.via(row -> splitTags(row), TAG));}
 *
 * <p>The rows of one input are emitted all or none: the input record is sent to the error output
 * (step {@value #STEP}) instead when the function throws, or the iterable it returned throws
 * (reason: the exception's message, or its class name when it has none), when it returns null
 * ({@code The function returned null instead of rows.}), or when one of the rows is null or has
 * another schema than the output schema (the reason gives its position and the fields that
 * differ). Rows are emitted with exactly the output schema.
 */
public final class FlatMapRows extends PTransform<PCollection<Row>, RowsWithErrors> {

  /** The step name in error records. */
  public static final String STEP = "FlatMapRows";

  private final ProcessFunction<Row, ? extends Iterable<Row>> fn;
  private final Schema outputSchema;

  private FlatMapRows(ProcessFunction<Row, ? extends Iterable<Row>> fn, Schema outputSchema) {
    this.fn = fn;
    this.outputSchema = outputSchema;
  }

  /** Maps each row with {@code fn} to any number of rows of {@code outputSchema}. */
  public static FlatMapRows via(
      ProcessFunction<Row, ? extends Iterable<Row>> fn, Schema outputSchema) {
    if (fn == null || outputSchema == null) {
      throw new IllegalArgumentException("FlatMapRows.via needs a function and an output schema.");
    }
    return new FlatMapRows(fn, outputSchema);
  }

  public Schema getOutputSchema() {
    return outputSchema;
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    return UserFunctions.apply(input, new FlatMapFn(fn, outputSchema), outputSchema);
  }

  private static final class FlatMapFn extends DoFn<Row, Row> {
    private final ProcessFunction<Row, ? extends Iterable<Row>> fn;
    private final Schema outputSchema;

    FlatMapFn(ProcessFunction<Row, ? extends Iterable<Row>> fn, Schema outputSchema) {
      this.fn = fn;
      this.outputSchema = outputSchema;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      List<Row> results = new ArrayList<>();
      String problem = null;
      try {
        Iterable<Row> mapped = fn.apply(row);
        if (mapped == null) {
          problem = "The function returned null instead of rows.";
        } else {
          for (Row result : mapped) {
            problem =
                result == null
                    ? "The function returned null as row " + (results.size() + 1) + "."
                    : UserFunctions.schemaProblem(result, outputSchema);
            if (problem != null) {
              if (result != null) {
                problem = "Row " + (results.size() + 1) + ": " + problem;
              }
              break;
            }
            results.add(UserFunctions.withSchema(result, outputSchema));
          }
        }
      } catch (Exception e) {
        problem = UserFunctions.reason(e);
      }
      if (problem != null) {
        out.get(RowsWithErrors.ERRORS).output(ErrorRecords.forRow(STEP, problem, row));
        return;
      }
      for (Row result : results) {
        out.get(RowsWithErrors.ROWS).output(result);
      }
    }
  }
}
