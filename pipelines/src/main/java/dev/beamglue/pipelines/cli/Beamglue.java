package dev.beamglue.pipelines.cli;

import dev.beamglue.io.files.JobCommits;
import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.summary.JobSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The {@code beamglue} command line: lists the pipelines, prints a pipeline's options, and runs a
 * pipeline on the runner its flags name, ending with a summary of what was read and written.
 *
 * <p>{@code beamglue run github-events --runner=FlinkRunner --input=events.json --output=out}
 */
public final class Beamglue {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("missing a property named '([^']+)'");
  private static final Pattern UNKNOWN_RUNNER =
      Pattern.compile("Unknown 'runner' specified '([^']*)'");
  private static final Pattern MISSING_REQUIRED =
      Pattern.compile("Missing required value for \\[(--\\w+)");
  private static final Pattern BAD_VALUE =
      Pattern.compile("Cannot deserialize value of type `([^`]+)` from String \"([^\"]*)\"");

  private final PrintStream out;
  private final PrintStream err;

  Beamglue(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new Beamglue(System.out, System.err).execute(args));
  }

  int execute(String[] args) {
    if (args.length == 0 || isHelp(args[0])) {
      printUsage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : OK;
    }
    switch (args[0]) {
      case "list":
        Pipelines.ALL.forEach(p -> out.printf("%-24s %s%n", p.name(), p.description()));
        return OK;
      case "run":
        return run(Arrays.copyOfRange(args, 1, args.length));
      case "crawl":
        return new CrawlCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      case "catalog":
        return new CatalogCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      case "sql":
        return new SqlCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      default:
        err.println("beamglue: unknown command '" + args[0] + "'. The commands are list, run, crawl, catalog and sql.");
        return USAGE;
    }
  }

  private int run(String[] args) {
    if (args.length == 0) {
      err.println("beamglue run: name a pipeline; they are " + Pipelines.names() + ".");
      return USAGE;
    }
    Optional<GluePipeline<?>> pipeline = Pipelines.named(args[0]);
    if (pipeline.isEmpty()) {
      err.println(
          "beamglue run: unknown pipeline '" + args[0] + "'; the pipelines are "
              + Pipelines.names() + ".");
      return USAGE;
    }
    String[] flags = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.stream(flags).anyMatch(Beamglue::isHelp)) {
      PipelineOptionsFactory.printHelp(out, pipeline.get().optionsClass());
      out.println("Runner flags (--runner, --flinkMaster, --sparkMaster, ...) work as in Beam;");
      out.println("profiles of them: --profile=" + String.join("|", RunnerProfiles.names()) + ".");
      return OK;
    }
    return run(pipeline.get(), flags);
  }

  private <O extends PipelineOptions> int run(GluePipeline<O> glue, String[] flags) {
    String prefix = "beamglue run " + glue.name() + ": ";
    Pipeline pipeline;
    JobSummary summary = new JobSummary();
    O options;
    try {
      flags = RunnerProfiles.apply(List.of(flags)).toArray(String[]::new);
      options = PipelineOptionsFactory.fromArgs(flags).withValidation().as(glue.optionsClass());
      S3Access.configure(options);
      pipeline = Pipeline.create(options);
      glue.validate(options);
      glue.build(pipeline, options, summary);
      glue.prepareOutputs(options);
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(prefix + explainOptionError(e.getMessage(), glue.name(), flags));
      return USAGE;
    }
    long start = System.nanoTime();
    PipelineResult result;
    PipelineResult.State state;
    try {
      result = pipeline.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      abort(pipeline, prefix);
      err.println(prefix + "the run failed: " + rootCauseMessage(e));
      return FAILED;
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    String runner = options.getRunner().getSimpleName();
    summary.report(glue.name(), runner, result, wall).forEach(out::println);
    if (state != PipelineResult.State.DONE) {
      abort(pipeline, prefix);
      err.println(prefix + "the run ended " + state + "; nothing was committed.");
      return FAILED;
    }
    try {
      JobCommits.of(pipeline).commit();
      glue.afterSuccess(options, summary);
    } catch (RuntimeException e) {
      err.println(prefix + "the run succeeded, but committing its results failed: "
          + rootCauseMessage(e));
      return FAILED;
    }
    return OK;
  }

  /** Discards the staged outputs of a failed run; a failure to do so is only reported. */
  private void abort(Pipeline pipeline, String prefix) {
    try {
      JobCommits.of(pipeline).abort();
    } catch (RuntimeException e) {
      err.println(prefix + "could not remove the failed run's staged files: "
          + rootCauseMessage(e));
    }
  }

  /** Beam's option errors, said as one sentence a command-line user can act on. */
  static String explainOptionError(String message, String pipelineName, String[] flags) {
    if (message == null) {
      return "invalid options.";
    }
    String help = "'beamglue run " + pipelineName + " --help' lists the options.";
    Matcher unknownOption = MISSING_PROPERTY.matcher(message);
    if (unknownOption.find()) {
      return "unknown option --" + unknownOption.group(1) + "; " + help;
    }
    Matcher unknownRunner = UNKNOWN_RUNNER.matcher(message);
    if (unknownRunner.find()) {
      return "unknown runner '" + unknownRunner.group(1)
          + "'; the runners are DirectRunner, FlinkRunner and SparkRunner.";
    }
    Matcher missingRequired = MISSING_REQUIRED.matcher(message);
    if (missingRequired.find()) {
      return "the option " + missingRequired.group(1) + " is required; " + help;
    }
    Matcher badValue = BAD_VALUE.matcher(message);
    if (badValue.find()) {
      String flag = Arrays.stream(flags)
          .filter(f -> f.endsWith("=" + badValue.group(2)))
          .findFirst()
          .orElse("the value '" + badValue.group(2) + "'");
      return flag + " is not a valid " + badValue.group(1) + "; " + help;
    }
    return message.lines().findFirst().orElse(message);
  }

  /** The innermost cause's message: what went wrong, without the layers the runner wrapped it in. */
  static String rootCauseMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  private void printUsage(PrintStream to) {
    to.println("usage: beamglue list");
    to.println("       beamglue run NAME --help");
    to.println("       beamglue run NAME [--runner=DirectRunner|FlinkRunner|SparkRunner] [options]");
    to.println("       beamglue run NAME --profile=PROFILE [options]");
    to.println("       " + CrawlCommand.USAGE);
    to.println("       beamglue catalog databases | tables DB | describe DB TABLE [--json] [--catalog=DIR|glue]");
    to.println("       " + SqlCommand.USAGE);
    to.println("pipelines: " + Pipelines.names());
    to.println("profiles:  " + String.join(", ", RunnerProfiles.names()));
  }
}
