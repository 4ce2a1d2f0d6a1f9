package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.CastFailure;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Runs a row-to-row conversion whose values can fail to cast, the machinery {@link ApplyMapping}
 * and {@link ResolveChoice} share: a failed value becomes null and is counted in the Beam counter
 * {@code beamglue:<step>.castFailures}, or, with errors on, sends the whole record to the error
 * output. {@code <step>} is the name the transform was applied with.
 *
 * <p>{@code RowsWithErrors out = RowConversion.apply(input, converter, schema, "ApplyMapping", true);}
 */
final class RowConversion {

  /** Converts one row; reports what failed to {@code problems} and returns the converted row. */
  interface Converter extends Serializable {
    Row convert(Row input, Problems problems);
  }

  /** What went wrong while converting one record. */
  static final class Problems {
    private final List<String> reasons = new ArrayList<>();
    private int projectedAway;

    /** A value at {@code field} that could not be cast; the caller uses null in its place. */
    void castFailed(CastFailure failure, String field) {
      reasons.add(failure.atField(field));
    }

    /** A value dropped on purpose (ResolveChoice's project), not an error. */
    void projectedAway() {
      projectedAway++;
    }
  }

  private RowConversion() {}

  /**
   * Applies the conversion as a step named {@code Convert} inside the calling composite; {@code
   * errorStep} names the step in error records.
   */
  static RowsWithErrors apply(
      PCollection<Row> input,
      Converter converter,
      Schema outputSchema,
      String errorStep,
      boolean withErrors) {
    ConvertFn fn = new ConvertFn(converter, errorStep, withErrors);
    ParDo.MultiOutput<Row, Row> parDo =
        ParDo.of(fn).withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS));
    PCollectionTuple outputs = input.apply("Convert", parDo);
    PCollection<Row> rows = outputs.get(RowsWithErrors.ROWS).setRowSchema(outputSchema);
    // The counters carry the name the user applied the composite with, which only exists once
    // the step is applied: read it back from the output's name ("<composite>/Convert.<tag>") and
    // give it to the DoFn, which is not serialized before the pipeline runs.
    ((ConvertFn) parDo.getFn()).stepName = appliedName(rows.getName(), errorStep);
    return RowsWithErrors.of(
        rows, outputs.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  /** The last segment of the composite's full name, from the name of its Convert output. */
  static String appliedName(String outputName, String fallback) {
    int convert = outputName.lastIndexOf("/Convert");
    if (convert <= 0) {
      return fallback;
    }
    String composite = outputName.substring(0, convert);
    return composite.substring(composite.lastIndexOf('/') + 1);
  }

  private static final class ConvertFn extends DoFn<Row, Row> {
    private final Converter converter;
    private final String errorStep;
    private final boolean withErrors;
    private String stepName;
    private transient Counter castFailures;
    private transient Counter projectedAway;

    ConvertFn(Converter converter, String errorStep, boolean withErrors) {
      this.converter = converter;
      this.errorStep = errorStep;
      this.withErrors = withErrors;
      this.stepName = errorStep;
    }

    @Setup
    public void setup() {
      castFailures = Metrics.counter("beamglue", stepName + ".castFailures");
      projectedAway = Metrics.counter("beamglue", stepName + ".projectedAway");
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      Problems problems = new Problems();
      Row converted = converter.convert(row, problems);
      if (!problems.reasons.isEmpty()) {
        castFailures.inc(problems.reasons.size());
      }
      if (problems.projectedAway > 0) {
        projectedAway.inc(problems.projectedAway);
      }
      if (withErrors && !problems.reasons.isEmpty()) {
        out.get(RowsWithErrors.ERRORS)
            .output(ErrorRecords.forRow(errorStep, String.join(" ", problems.reasons), row));
      } else {
        out.get(RowsWithErrors.ROWS).output(converted);
      }
    }
  }
}
