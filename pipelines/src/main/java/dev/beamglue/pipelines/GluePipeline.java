package dev.beamglue.pipelines;

import dev.beamglue.pipelines.summary.JobSummary;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A ready pipeline the {@code beamglue} command line can list, describe and run: a name, its
 * options interface, and the method that applies its steps to a {@link Pipeline}.
 *
 * <p>{@code beamglue run github-events --input=events.json --output=out/events}
 */
public interface GluePipeline<OptionsT extends PipelineOptions> {

  /** The name used on the command line, e.g. {@code github-events}. */
  String name();

  /** One line saying what the pipeline does. */
  String description();

  Class<OptionsT> optionsClass();

  /**
   * Checks the options before anything is built (paths exist, values make sense); throws {@link
   * IllegalArgumentException} with one sentence when they do not.
   */
  default void validate(OptionsT options) {}

  /** Applies the pipeline's steps; the summary learns what to count and report. */
  void build(Pipeline pipeline, OptionsT options, JobSummary summary);

  /**
   * Readies the output locations once the pipeline is built and just before it runs (so a
   * pipeline that cannot be built leaves earlier outputs alone); throws {@link
   * IllegalArgumentException} with one sentence when an output cannot take the run's results.
   */
  default void prepareOutputs(OptionsT options) {}

  /**
   * Runs on the driver once the run ended {@code DONE}, after the outputs and bookmarks its
   * transforms registered with {@code JobCommits} were committed: for work of the pipeline's own
   * that must happen only after success. Not called when the run failed or was cancelled.
   */
  default void afterSuccess(OptionsT options, JobSummary summary) {}
}
