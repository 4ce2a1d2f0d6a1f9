package dev.beamglue.transforms.ml;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * Rows split in two, a training set and a validation set of one schema, as {@link
 * DeterministicSplit} produces them; also the input of a writer that lays both out at once.
 *
 * <p>{@code TrainValidation split = rows.apply(DeterministicSplit.of(0.8, 42));}
 */
public final class TrainValidation implements PInput, POutput {

  public static final TupleTag<Row> TRAIN = new TupleTag<Row>("train") {};
  public static final TupleTag<Row> VALIDATION = new TupleTag<Row>("validation") {};

  private final Pipeline pipeline;
  private final PCollection<Row> train;
  private final PCollection<Row> validation;

  private TrainValidation(Pipeline pipeline, PCollection<Row> train, PCollection<Row> validation) {
    this.pipeline = pipeline;
    this.train = train;
    this.validation = validation;
  }

  /** Wraps two collections of rows with equal schemas. */
  public static TrainValidation of(PCollection<Row> train, PCollection<Row> validation) {
    if (!train.getSchema().equals(validation.getSchema())) {
      throw new IllegalArgumentException(
          "The training and validation rows must have one schema, not "
              + train.getSchema()
              + " and "
              + validation.getSchema()
              + ".");
    }
    return new TrainValidation(train.getPipeline(), train, validation);
  }

  public PCollection<Row> train() {
    return train;
  }

  public PCollection<Row> validation() {
    return validation;
  }

  /** Applies a transform that takes both sets, such as a writer of training files. */
  public <OutputT extends POutput> OutputT apply(PTransform<? super TrainValidation, OutputT> t) {
    return Pipeline.applyTransform(this, t);
  }

  /** Applies a transform that takes both sets, under a name. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<? super TrainValidation, OutputT> t) {
    return Pipeline.applyTransform(name, this, t);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return ImmutableMap.of(TRAIN, train, VALIDATION, validation);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
