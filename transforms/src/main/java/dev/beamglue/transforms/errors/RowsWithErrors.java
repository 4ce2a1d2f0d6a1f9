package dev.beamglue.transforms.errors;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * The two outputs of a step that can fail per record: the rows it produced and the {@link
 * ErrorRecords} of the records it could not process. Every input record lands in exactly one.
 *
 * <p>{@code RowsWithErrors result = rows.apply(ApplyMapping.of(mappings).withErrors());}
 */
public final class RowsWithErrors implements POutput {

  public static final TupleTag<Row> ROWS = new TupleTag<Row>("rows") {};
  public static final TupleTag<Row> ERRORS = new TupleTag<Row>("errors") {};

  private final Pipeline pipeline;
  private final PCollection<Row> rows;
  private final PCollection<Row> errors;

  private RowsWithErrors(Pipeline pipeline, PCollection<Row> rows, PCollection<Row> errors) {
    this.pipeline = pipeline;
    this.rows = rows;
    this.errors = errors;
  }

  /** Wraps the two collections; {@code errors} must have the {@link ErrorRecords#SCHEMA}. */
  public static RowsWithErrors of(PCollection<Row> rows, PCollection<Row> errors) {
    return new RowsWithErrors(rows.getPipeline(), rows, errors);
  }

  public PCollection<Row> rows() {
    return rows;
  }

  public PCollection<Row> errors() {
    return errors;
  }

  /**
   * Applies a further step that can fail to the rows, and keeps the errors of both steps in one
   * collection.
   */
  public RowsWithErrors then(String name, PTransform<PCollection<Row>, RowsWithErrors> step) {
    RowsWithErrors next = rows.apply(name, step);
    PCollection<Row> allErrors =
        PCollectionList.of(errors)
            .and(next.errors())
            .apply(name + " errors", Flatten.pCollections())
            .setRowSchema(ErrorRecords.SCHEMA);
    return of(next.rows(), allErrors);
  }

  /** Applies a step that cannot fail to the rows; the errors pass through unchanged. */
  public RowsWithErrors thenRows(String name, PTransform<PCollection<Row>, PCollection<Row>> step) {
    return of(rows.apply(name, step), errors);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return ImmutableMap.of(ROWS, rows, ERRORS, errors);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
