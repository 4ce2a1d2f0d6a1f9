package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ProcessFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's Filter: keeps the rows for which a user predicate returns true, with the input schema.
 *
 * <p>{@code RowsWithErrors adults = people.apply(Filter.by(row -> row.getInt32("age") >= 18));}
 *
 * <p>A record for which the predicate throws, or returns null, is not dropped: it goes to the
 * error output ({@link ErrorRecords}) with the step {@value #STEP} and as reason the exception's
 * message (its class name when it has none), or {@code The predicate returned null.} The
 * predicate is a Beam {@link ProcessFunction}, so it may throw checked exceptions; a {@code
 * SerializableFunction<Row, Boolean>} is one too.
 */
public final class Filter extends PTransform<PCollection<Row>, RowsWithErrors> {

  /** The step name in error records. */
  public static final String STEP = "Filter";

  private final ProcessFunction<Row, Boolean> predicate;

  private Filter(ProcessFunction<Row, Boolean> predicate) {
    this.predicate = predicate;
  }

  /** Keeps the rows for which {@code predicate} returns true. */
  public static Filter by(ProcessFunction<Row, Boolean> predicate) {
    if (predicate == null) {
      throw new IllegalArgumentException("Filter.by needs a predicate, not null.");
    }
    return new Filter(predicate);
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    return UserFunctions.apply(input, new FilterFn(predicate), input.getSchema());
  }

  private static final class FilterFn extends DoFn<Row, Row> {
    private final ProcessFunction<Row, Boolean> predicate;

    FilterFn(ProcessFunction<Row, Boolean> predicate) {
      this.predicate = predicate;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      Boolean keep;
      try {
        keep = predicate.apply(row);
      } catch (Exception e) {
        out.get(RowsWithErrors.ERRORS)
            .output(ErrorRecords.forRow(STEP, UserFunctions.reason(e), row));
        return;
      }
      if (keep == null) {
        out.get(RowsWithErrors.ERRORS)
            .output(ErrorRecords.forRow(STEP, "The predicate returned null.", row));
      } else if (keep) {
        out.get(RowsWithErrors.ROWS).output(row);
      }
    }
  }
}
