package dev.beamglue.pipelines.cli;

import dev.beamglue.io.s3.S3Access;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.GlueWorkflow;
import dev.beamglue.pipelines.PipelineRun;
import dev.beamglue.pipelines.workflow.WorkflowRun;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
        Pipelines.WORKFLOWS.forEach(w -> out.printf("%-24s %s%n", w.name(), w.description()));
        return OK;
      case "run":
        return run(Arrays.copyOfRange(args, 1, args.length));
      case "crawl":
        return new CrawlCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      case "catalog":
        return new CatalogCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      case "sql":
        return new SqlCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      case "find-matches":
        return new FindMatchesCommand(out, err).execute(Arrays.copyOfRange(args, 1, args.length));
      default:
        err.println("beamglue: unknown command '" + args[0] + "'. The commands are list, run, crawl, catalog, sql and find-matches.");
        return USAGE;
    }
  }

  private int run(String[] args) {
    if (args.length == 0) {
      err.println("beamglue run: name a pipeline; they are " + Pipelines.names() + ".");
      return USAGE;
    }
    Optional<GluePipeline<?>> pipeline = Pipelines.named(args[0]);
    Optional<GlueWorkflow<?>> workflow = Pipelines.workflow(args[0]);
    if (pipeline.isEmpty() && workflow.isEmpty()) {
      err.println(
          "beamglue run: unknown pipeline '" + args[0] + "'; the pipelines are "
              + Pipelines.names() + ".");
      return USAGE;
    }
    String[] flags = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.stream(flags).anyMatch(Beamglue::isHelp)) {
      PipelineOptionsFactory.printHelp(out, pipeline.isPresent()
          ? pipeline.get().optionsClass() : workflow.get().optionsClass());
      out.println("Runner flags (--runner, --flinkMaster, --sparkMaster, ...) work as in Beam;");
      out.println("profiles of them: --profile=" + String.join("|", RunnerProfiles.names()) + ".");
      return OK;
    }
    return pipeline.isPresent() ? run(pipeline.get(), flags) : run(workflow.get(), flags);
  }

  /**
   * The options of a pipeline or workflow from the command line's flags, with the runner
   * profile's flags, the S3 settings and the embedded Flink's slots applied; throws Beam's exceptions for bad flags.
   */
  static <O extends PipelineOptions> O parseOptions(String[] flags, Class<O> optionsClass) {
    String[] all = RunnerProfiles.apply(List.of(flags)).toArray(String[]::new);
    O options = PipelineOptionsFactory.fromArgs(all).withValidation().as(optionsClass);
    S3Access.configure(options);
    EmbeddedFlinkSlots.apply(options);
    return options;
  }

  private <O extends PipelineOptions> int run(GluePipeline<O> glue, String[] flags) {
    String prefix = "beamglue run " + glue.name() + ": ";
    O options;
    try {
      options = parseOptions(flags, glue.optionsClass());
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(prefix + explainOptionError(e.getMessage(), glue.name(), flags));
      return USAGE;
    }
    try {
      new PipelineRun(out, err).execute(glue, options);
      return OK;
    } catch (PipelineRun.Failure e) {
      if (e.phase() == PipelineRun.Phase.BUILD) {
        err.println(prefix + explainOptionError(e.getMessage(), glue.name(), flags));
        return USAGE;
      }
      err.println(prefix + e.getMessage());
      return FAILED;
    }
  }

  /**
   * Runs a workflow's stages; a refused option, or a stage that could not be built (bad input),
   * exits 2, a stage that failed while running or committing exits 1, each with one sentence.
   */
  private <O extends PipelineOptions> int run(GlueWorkflow<O> workflow, String[] flags) {
    String prefix = "beamglue run " + workflow.name() + ": ";
    O options;
    try {
      options = parseOptions(flags, workflow.optionsClass());
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(prefix + explainOptionError(e.getMessage(), workflow.name(), flags));
      return USAGE;
    }
    try {
      new WorkflowRun(out, err).execute(workflow, options);
      return OK;
    } catch (WorkflowRun.StageFailure e) {
      String message = e.stage() == null
          ? explainOptionError(e.getMessage(), workflow.name(), flags)
          : firstLine(e.getMessage());
      err.println(prefix + message);
      return e.phase() == PipelineRun.Phase.BUILD ? USAGE : FAILED;
    }
  }

  private static String firstLine(String message) {
    return message == null ? "failed." : message.lines().findFirst().orElse(message);
  }

  /** Beam's option errors, said as one sentence a command-line user can act on. */
  static String explainOptionError(String message, String pipelineName, String[] flags) {
    return OptionErrors.explain(message,
        "'beamglue run " + pipelineName + " --help' lists the options.", Arrays.asList(flags));
  }

  /** The innermost cause's message: what went wrong, without the layers the runner wrapped it in. */
  static String rootCauseMessage(Throwable e) {
    return PipelineRun.rootCauseMessage(e);
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
    to.println("       beamglue find-matches label-set|teach|evaluate|run|explain --input=DATA --primary-key=COLUMN [...]");
    to.println("pipelines and workflows: " + Pipelines.names());
    to.println("profiles:  " + String.join(", ", RunnerProfiles.names()));
  }
}
