package dev.beamglue.pipelines;

import dev.beamglue.io.files.JobCommits;
import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.summary.JobSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Runs one {@link GluePipeline} as the command line does: builds it, readies its outputs, runs it
 * on the options' runner, prints its summary, and commits what its transforms staged ({@link
 * JobCommits}) only when the run ended {@code DONE}, aborting otherwise. Shared by {@code beamglue
 * run NAME} and the stages of a {@link GlueWorkflow}.
 *
 * <p>{@code PipelineRun.Outcome o = new PipelineRun(System.out, System.err).execute(glue, options);}
 */
public final class PipelineRun {

  /** Where a run failed: building it (bad options or input), running it, or committing. */
  public enum Phase { BUILD, RUN, COMMIT }

  /** A failed run: the phase, and one sentence saying why. */
  public static final class Failure extends RuntimeException {
    private final Phase phase;

    public Failure(Phase phase, String sentence, Throwable cause) {
      super(sentence, cause);
      this.phase = phase;
    }

    public Phase phase() {
      return phase;
    }
  }

  /** A run that succeeded and was committed: its result, summary lines and counts. */
  public record Outcome(
      PipelineResult result, List<String> report, Map<String, Long> counts, Duration wall) {}

  private final PrintStream out;
  private final PrintStream err;

  public PipelineRun(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Builds, runs and commits the pipeline; prints its summary to {@code out} once it ended. Throws
   * {@link Failure} with the phase and one sentence when it could not be built (the message is
   * the exception's own), when the run failed or did not end {@code DONE}, or when committing its
   * results failed.
   */
  public <O extends PipelineOptions> Outcome execute(GluePipeline<O> glue, O options) {
    Pipeline pipeline;
    JobSummary summary = new JobSummary();
    try {
      S3Access.configure(options);
      pipeline = Pipeline.create(options);
      glue.validate(options);
      glue.build(pipeline, options, summary);
      glue.prepareOutputs(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new Failure(Phase.BUILD, e.getMessage(), e);
    }
    long start = System.nanoTime();
    PipelineResult result;
    PipelineResult.State state;
    try {
      result = pipeline.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      abort(pipeline);
      throw new Failure(Phase.RUN, "the run failed: " + rootCauseMessage(e), e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    String runner = options.getRunner().getSimpleName();
    List<String> report = summary.report(glue.name(), runner, result, wall);
    report.forEach(out::println);
    if (state != PipelineResult.State.DONE) {
      abort(pipeline);
      throw new Failure(Phase.RUN, "the run ended " + state + "; nothing was committed.", null);
    }
    try {
      JobCommits.of(pipeline).commit();
      glue.afterSuccess(options, summary);
    } catch (RuntimeException e) {
      throw new Failure(Phase.COMMIT,
          "the run succeeded, but committing its results failed: " + rootCauseMessage(e), e);
    }
    return new Outcome(result, report, summary.counts(result), wall);
  }

  /** Discards the staged outputs of a failed run; a failure to do so is only reported. */
  private void abort(Pipeline pipeline) {
    try {
      JobCommits.of(pipeline).abort();
    } catch (RuntimeException e) {
      err.println("could not remove the failed run's staged files: " + rootCauseMessage(e));
    }
  }

  /** The innermost cause's message: what went wrong, without the layers the runner wrapped it in. */
  public static String rootCauseMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
