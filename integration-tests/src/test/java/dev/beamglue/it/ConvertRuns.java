package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.io.files.JobCommits;
import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.cli.RunnerProfiles;
import dev.beamglue.pipelines.convert.ConvertOptions;
import dev.beamglue.pipelines.convert.ConvertPipeline;
import dev.beamglue.pipelines.summary.JobSummary;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runs the convert pipeline as {@code beamglue run convert} does (runner profile, S3 settings,
 * validate, build, prepare the outputs, run, commit the staged outputs and bookmarks), and checks
 * that the run ended {@code DONE}.
 *
 * <p>{@code PipelineResult r = ConvertRuns.run(List.of("--runner=FlinkRunner", "--input=..."));}
 */
final class ConvertRuns {

  private ConvertRuns() {}

  static PipelineResult run(List<String> flags) {
    ConvertOptions options = PipelineOptionsFactory.fromArgs(
        RunnerProfiles.apply(flags).toArray(String[]::new)).as(ConvertOptions.class);
    S3Access.configure(options);
    ConvertPipeline convert = new ConvertPipeline();
    Pipeline pipeline = Pipeline.create(options);
    convert.validate(options);
    convert.build(pipeline, options, new JobSummary());
    convert.prepareOutputs(options);
    PipelineResult result = pipeline.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish(), flags.toString());
    JobCommits.of(pipeline).commit();
    return result;
  }
}
