package dev.beamglue.testing;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.testing.TestPipeline;

/**
 * Pipelines for JUnit 5 tests, on the runner named by the {@code beamTestPipelineOptions} system
 * property (Direct when unset). Beam's {@code TestPipeline} is a JUnit 4 rule; this gives the same
 * options to a plain {@link Pipeline}. Failed {@code PAssert}s fail {@link #runToEnd}.
 *
 * <p>{@code Pipeline p = TestPipelines.create(); ...; TestPipelines.runToEnd(p);}
 */
public final class TestPipelines {

  private TestPipelines() {}

  public static Pipeline create() {
    return Pipeline.create(options());
  }

  public static PipelineOptions options() {
    return TestPipeline.testingPipelineOptions();
  }

  /** Runs the pipeline and waits for it; throws when it fails. */
  public static PipelineResult runToEnd(Pipeline pipeline) {
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new AssertionError("The pipeline ended " + state + ", not DONE.");
    }
    return result;
  }

  /** The simple name of the runner the tests run on, for messages and folder names. */
  public static String runnerName() {
    return options().getRunner().getSimpleName();
  }
}
