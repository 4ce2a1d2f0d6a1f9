package dev.beamglue.pipelines;

import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A ready workflow of several stages, as a Glue workflow chains jobs and crawlers: the {@code
 * beamglue} command line lists it next to the pipelines, prints its options, and runs its stages
 * in order with {@link dev.beamglue.pipelines.workflow.WorkflowRun}, stopping at the first that
 * fails, then prints what each stage read, wrote and took.
 *
 * <p>{@code beamglue run playground-accessibility --runner=FlinkRunner --warehouse=s3://b/pg}
 *
 * <p>A stage is a {@link GluePipeline} (built, run and committed as {@code beamglue run NAME}
 * does), a crawl, or any other driver-side work ({@link WorkflowStage}). All stages share the
 * workflow's options, runner flags included.
 */
public interface GlueWorkflow<OptionsT extends PipelineOptions> {

  /** The name used on the command line, e.g. {@code playground-accessibility}. */
  String name();

  /** One line saying what the workflow does. */
  String description();

  Class<OptionsT> optionsClass();

  /**
   * Settles options whose defaults depend on other options (a catalog folder inside the
   * warehouse, say); runs before {@link #validate}.
   */
  default void configure(OptionsT options) {}

  /**
   * Checks the options before any stage runs; throws {@link IllegalArgumentException} with one
   * sentence when they are wrong.
   */
  default void validate(OptionsT options) {}

  /** The stages the options select, in the order they run. */
  List<WorkflowStage<OptionsT>> stages(OptionsT options);
}
