package dev.beamglue.pipelines.playground;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The command-line settings of the ML preparation; a workflow's options extend this interface.
 *
 * <p>{@code MlPreparation prep = MlPreparation.fromOptions(options); // --seed=7 --trainFraction=0.75}
 */
public interface MlPreparationOptions extends PipelineOptions {

  @Description("Seed of the deterministic train/validation split.")
  @Default.Long(MlPreparation.DEFAULT_SEED)
  long getSeed();

  void setSeed(long seed);

  @Description("Share of the prepared rows that go to train.csv (the rest to validation.csv).")
  @Default.Double(MlPreparation.DEFAULT_TRAIN_FRACTION)
  double getTrainFraction();

  void setTrainFraction(double trainFraction);
}
