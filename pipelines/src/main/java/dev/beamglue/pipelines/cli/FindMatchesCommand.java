package dev.beamglue.pipelines.cli;

import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.pipelines.findmatches.FindMatchesOptions;
import dev.beamglue.pipelines.findmatches.FindMatchesRun;
import dev.beamglue.pipelines.findmatches.LabelFile;
import dev.beamglue.pipelines.findmatches.LabelingJobs;
import dev.beamglue.pipelines.findmatches.MatchInput;
import dev.beamglue.pipelines.findmatches.PrecisionRecall;
import dev.beamglue.transforms.findmatches.LabeledPair;
import dev.beamglue.transforms.findmatches.MatchModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * {@code beamglue find-matches}: the FindMatches labeling workflow and its run.
 *
 * <p>{@code beamglue find-matches label-set --input=people.csv --primary-key=id --output=to-label.csv}
 *
 * <p>Subcommands: {@code label-set} (labeling sets in Glue's layout), {@code teach} (learns from
 * a labels file, accumulating over rounds unless {@code --replace-all}; {@code --truth-pairs=FILE}
 * labels the sets from known matching pairs), {@code evaluate} (precision, recall, F1, best F1,
 * area under the precision-recall curve, confusion matrix, column importances; {@code
 * --curve=pr.png}; on the labeled pairs of {@code --labels} and, with {@code --truth-pairs}, on
 * every candidate pair, truth pairs never proposed counting as missed), {@code run} (a Beam
 * pipeline on the runner the flags name, writing CSV or Parquet; without {@code --model} the
 * weights are fitted by EM in the pipeline; it prints the records, block keys, comparisons,
 * candidate pairs, pairs per second and the time of each stage) and {@code explain ID1 ID2}.
 * DATA ({@code --input}) is the same for all ({@code MatchData}): CSV ({@code --encoding}), JSON or
 * Parquet files (a file, a glob, a folder of part files) or a catalog table {@code db.table}
 * ({@code --catalog}). The labeling commands hold DATA in memory, up to {@code --max-records}
 * (100,000 by default: the records a person labels, or a sample of a large frame).
 */
final class FindMatchesCommand {

  private static final Set<String> FLAGS =
      Set.of(
          "input", "output", "model", "labels", "primary-key", "source-column", "encoding",
          "replace-all", "truth-pairs", "format", "curve", "accuracy-cost-tradeoff",
          "precision-recall-tradeoff", "sets", "set-size", "enforce-labels", "max-records");

  private final PrintStream out;
  private final PrintStream err;

  FindMatchesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int execute(String[] args) {
    if (args.length == 0) {
      err.println("beamglue find-matches: name a subcommand: label-set, teach, evaluate, run or explain.");
      return Beamglue.USAGE;
    }
    String sub = args[0];
    String prefix = "beamglue find-matches " + sub + ": ";
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> beamFlags = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        positional.add(a);
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
      if (FLAGS.contains(name)) {
        flags.put(name, eq < 0 ? "true" : a.substring(eq + 1));
      } else {
        beamFlags.add(a);
      }
    }
    try {
      switch (sub) {
        case "label-set":
          return labelSet(flags, options(beamFlags));
        case "teach":
          return teach(flags, options(beamFlags));
        case "evaluate":
          return evaluate(flags, options(beamFlags));
        case "explain":
          return explain(flags, positional, options(beamFlags));
        case "run":
          return run(flags, beamFlags, prefix);
        default:
          err.println("beamglue find-matches: unknown subcommand '" + sub
              + "'; they are label-set, teach, evaluate, run and explain.");
          return Beamglue.USAGE;
      }
    } catch (IllegalArgumentException e) {
      err.println(prefix + e.getMessage());
      return Beamglue.USAGE;
    } catch (IOException | RuntimeException e) {
      err.println(prefix + e.getMessage());
      return Beamglue.FAILED;
    }
  }

  private static String required(Map<String, String> flags, String name, String what) {
    String v = flags.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("Name " + what + " with --" + name + "=.");
    }
    return v;
  }

  private static double number(Map<String, String> flags, String name, double fallback) {
    String v = flags.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number in [0, 1], not '" + v + "'.");
    }
  }

  static String readText(String path) throws IOException {
    try (InputStream in = InputFiles.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void writeBytes(String path, byte[] bytes) throws IOException {
    try (OutputStream o =
        Channels.newOutputStream(
            FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY))) {
      o.write(bytes);
    }
  }

  /** The catalog and S3 options of the Beam flags (a bad flag is a usage error). */
  private static FindMatchesOptions options(List<String> beamFlags) {
    try {
      return Beamglue.parseOptions(beamFlags.toArray(new String[0]), FindMatchesOptions.class);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static long maxRecords(Map<String, String> flags) {
    String v = flags.get("max-records");
    if (v == null) {
      return MatchInput.DEFAULT_MAX_RECORDS;
    }
    try {
      long n = Long.parseLong(v.replace("_", "").replace(",", ""));
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the sentence below
    }
    throw new IllegalArgumentException("--max-records must be a whole number of records, at least 1, not '" + v + "'.");
  }

  private LabelingJobs jobs(Map<String, String> flags, boolean modelRequired, FindMatchesOptions options)
      throws IOException {
    String modelPath = modelRequired ? required(flags, "model", "the model file") : flags.get("model");
    String modelJson = null;
    if (modelRequired && InputFiles.matchOrNone(modelPath).isEmpty()) {
      throw new IllegalArgumentException(
          "The model file '" + modelPath + "' does not exist; teach one first with find-matches teach.");
    }
    if (modelPath != null && (modelRequired || InputFiles.matchOrNone(modelPath).size() > 0)) {
      modelJson = readText(modelPath);
    }
    return LabelingJobs.load(
        new LabelingJobs.Settings(
            required(flags, "input", "the data"),
            flags.get("encoding"),
            flags.get("primary-key"),
            flags.get("source-column"),
            modelJson,
            number(flags, "accuracy-cost-tradeoff", 0.5),
            maxRecords(flags)),
        options);
  }

  private int labelSet(Map<String, String> flags, FindMatchesOptions options) throws IOException {
    String output = required(flags, "output", "the labeling file to write");
    LabelingJobs jobs = jobs(flags, false, options);
    int sets = (int) number(flags, "sets", 10);
    int size = (int) number(flags, "set-size", 10);
    String text = jobs.labelSet(sets, size);
    writeBytes(output, text.getBytes(StandardCharsets.UTF_8));
    out.println("Wrote labeling sets to " + output + ": fill in the label column (records of a set with the same label match).");
    return Beamglue.OK;
  }

  private List<LabeledPair> labels(Map<String, String> flags, LabelingJobs jobs) throws IOException {
    String labels = required(flags, "labels", "the labels file");
    String key = flags.get("primary-key");
    if (flags.containsKey("truth-pairs")) {
      return LabelFile.fromTruth(LabelFile.sets(labels, jobs.input(), key), flags.get("truth-pairs"));
    }
    return LabelFile.read(labels, jobs.input(), key);
  }

  private int teach(Map<String, String> flags, FindMatchesOptions options) throws IOException {
    String modelPath = required(flags, "model", "the model file to write");
    LabelingJobs jobs = jobs(flags, false, options);
    List<LabeledPair> labels = labels(flags, jobs);
    MatchModel model = jobs.teach(labels, flags.containsKey("replace-all"));
    writeBytes(modelPath, model.toJson().getBytes(StandardCharsets.UTF_8));
    long matches = model.labels().stream().filter(LabeledPair::match).count();
    out.printf(Locale.ROOT, "Taught %s from %d labeled pairs (%d matching).%n", modelPath, model.labels().size(), matches);
    return Beamglue.OK;
  }

  private int evaluate(Map<String, String> flags, FindMatchesOptions options) throws IOException {
    LabelingJobs jobs = jobs(flags, true, options);
    MatchModel model = jobs.model();
    String truth = flags.get("truth-pairs");
    if (truth == null && !flags.containsKey("labels")) {
      throw new IllegalArgumentException("Name the labels file with --labels=, or known matching pairs with --truth-pairs=.");
    }
    PrecisionRecall pr = null;
    if (flags.containsKey("labels")) {
      pr = jobs.evaluate(model, labels(flags, jobs));
      out.println("on the labeled pairs:");
      out.print(pr.report());
    }
    if (truth != null) {
      PrecisionRecall all = jobs.evaluateAgainstTruth(model, LabelFile.truthClusters(truth));
      out.println("on every candidate pair, against the truth pairs of " + truth + ":");
      out.print(all.report());
      pr = pr == null ? all : pr;
    }
    out.println("column importances:");
    jobs.importances(model).entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.printf(Locale.ROOT, "  %-24s %.3f%n", e.getKey(), e.getValue()));
    if (flags.containsKey("curve")) {
      writeBytes(flags.get("curve"), pr.png());
      out.println("precision-recall curve: " + flags.get("curve"));
    }
    return Beamglue.OK;
  }

  private int explain(Map<String, String> flags, List<String> ids, FindMatchesOptions options)
      throws IOException {
    if (ids.size() != 2) {
      throw new IllegalArgumentException("Name two primary keys to explain, e.g. explain --input=... --model=... 12 57.");
    }
    LabelingJobs jobs = jobs(flags, true, options);
    jobs.explain(jobs.model(), ids.get(0), ids.get(1), out);
    return Beamglue.OK;
  }

  private int run(Map<String, String> flags, List<String> beamFlags, String prefix) throws IOException {
    MatchModel model =
        flags.containsKey("model") ? MatchModel.fromJson(readText(required(flags, "model", "the model file"))) : null;
    FindMatchesRun job =
        FindMatchesRun.of(
            new FindMatchesRun.Settings(
                required(flags, "input", "the data"),
                flags.get("encoding"),
                required(flags, "primary-key", "the primary key column"),
                flags.get("source-column"),
                model,
                required(flags, "output", "the output folder"),
                flags.getOrDefault("format", "csv"),
                flags.containsKey("enforce-labels"),
                number(flags, "accuracy-cost-tradeoff", 0.5)));
    FindMatchesOptions options = options(beamFlags);
    Pipeline pipeline = Pipeline.create(options);
    job.build(pipeline, options);
    long start = System.nanoTime();
    org.apache.beam.sdk.PipelineResult result = JobCommits.runAndCommit(pipeline);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.println("Wrote the rows with match_id to " + flags.get("output") + ".");
    out.print(FindMatchesRun.report(result, seconds));
    return Beamglue.OK;
  }
}
