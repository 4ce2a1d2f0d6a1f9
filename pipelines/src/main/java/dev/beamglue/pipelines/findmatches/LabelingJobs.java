package dev.beamglue.pipelines.findmatches;

import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.transforms.findmatches.Features;
import dev.beamglue.transforms.findmatches.IdClusters;
import dev.beamglue.transforms.findmatches.LabelSets;
import dev.beamglue.transforms.findmatches.LabeledPair;
import dev.beamglue.transforms.findmatches.LocalMatcher;
import dev.beamglue.transforms.findmatches.MatchModel;
import dev.beamglue.transforms.findmatches.Record;
import dev.beamglue.transforms.findmatches.ScoredPair;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The labeling workflow in memory: labeling sets, teaching, evaluation and explanations, on a frame
 * that fits in memory (the records a person labels, or a sample of a large frame: up to {@link
 * MatchInput#DEFAULT_MAX_RECORDS} records unless {@code maxRecords} says otherwise).
 *
 * <p>{@code LabelingJobs jobs = LabelingJobs.load(settings, options); jobs.labelSet(10, 10);}
 */
public final class LabelingJobs {

  /**
   * What the command line gave; {@code maxRecords} bounds the records held in memory ({@link
   * MatchInput#DEFAULT_MAX_RECORDS} by the shorter constructor).
   */
  public record Settings(
      String input, String encoding, String key, String source, String modelJson, double accuracyCost,
      long maxRecords) {

    public Settings(
        String input, String encoding, String key, String source, String modelJson, double accuracyCost) {
      this(input, encoding, key, source, modelJson, accuracyCost, MatchInput.DEFAULT_MAX_RECORDS);
    }
  }

  private final Settings settings;
  private final MatchInput input;
  private final List<Record> records;
  private final MatchModel given;
  private final LocalMatcher matcher;

  private LabelingJobs(Settings settings, CatalogOptions options) throws IOException {
    this.settings = settings;
    this.input =
        MatchInput.read(
            MatchData.of(settings.input(), settings.encoding(), options), settings.maxRecords());
    this.records = input.records(settings.key(), settings.source());
    List<String> compared = input.compared(settings.key(), settings.source());
    this.given = settings.modelJson() == null ? null : MatchModel.fromJson(settings.modelJson());
    if (given != null) {
      given.checkColumns(compared);
    }
    this.matcher =
        LocalMatcher.of(
            compared,
            records,
            settings.source() != null,
            given == null ? settings.accuracyCost() : given.accuracyCostTradeoff(),
            given == null ? null : given.kinds());
  }

  /**
   * Reads DATA ({@link MatchData}: files or a catalog table of {@code options}' catalog) into
   * memory, checks the model given against its columns, then profiles, blocks and compares.
   */
  public static LabelingJobs load(Settings settings, CatalogOptions options) throws IOException {
    return new LabelingJobs(settings, options);
  }

  public MatchInput input() {
    return input;
  }

  /** The model given, or the unsupervised one. */
  public MatchModel model() {
    return given != null ? given : matcher.fit(0.5);
  }

  /** Labeling sets in Glue's layout; records already labeled in the model are left out. */
  public String labelSet(int sets, int size) {
    MatchModel model = model();
    Set<String> labeled = new HashSet<>();
    for (LabeledPair p : model.labels()) {
      labeled.add(p.left());
      labeled.add(p.right());
    }
    List<List<String>> chosen =
        LabelSets.choose(matcher.score(model), model.threshold(), labeled, sets, size);
    return LabelFile.write(chosen, input, settings.key());
  }

  /** The model taught with these labels, added to the model's own unless {@code replaceAll}. */
  public MatchModel teach(List<LabeledPair> labels, boolean replaceAll) {
    Map<String, LabeledPair> all = new LinkedHashMap<>();
    if (given != null && !replaceAll) {
      for (LabeledPair p : given.labels()) {
        all.put(p.left() + '\u0001' + p.right(), p);
      }
    }
    for (LabeledPair p : labels) {
      all.put(p.left() + '\u0001' + p.right(), p);
    }
    MatchModel base = matcher.fit(0.5);
    if (given != null) {
      base = base.withThreshold(given.threshold());
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("The labels file labels no pair: fill in the label column.");
    }
    return matcher.teach(base, new ArrayList<>(all.values()));
  }

  /** Quality on labeled pairs: the figures, one a line, and the precision-recall curve. */
  public PrecisionRecall evaluate(MatchModel model, List<LabeledPair> labels) {
    List<double[]> scored = new ArrayList<>();
    for (LabeledPair p : labels) {
      double[] x = matcher.compare(p.left(), p.right());
      scored.add(new double[] {model.score(x, matcher.features().levels(x)), p.match() ? 1 : 0});
    }
    return PrecisionRecall.of(scored, model.threshold());
  }

  /**
   * Quality over every candidate pair, labeled by known matching pairs (not only the labeled
   * ones); matching pairs that blocking never proposed count as missed matches. In linkage, only
   * pairs across sources count.
   */
  public PrecisionRecall evaluateAgainstTruth(MatchModel model, IdClusters truth) {
    List<double[]> scored = new ArrayList<>();
    long found = 0;
    for (ScoredPair p : matcher.score(model)) {
      boolean match = truth.clusterOf(p.left()).equals(truth.clusterOf(p.right()));
      found += match ? 1 : 0;
      scored.add(new double[] {p.probability(), match ? 1 : 0});
    }
    Map<String, List<Record>> groups = new HashMap<>();
    for (Record r : records) {
      groups.computeIfAbsent(truth.clusterOf(r.id()), k -> new ArrayList<>()).add(r);
    }
    long positives = 0;
    boolean linkage = settings.source() != null;
    for (List<Record> group : groups.values()) {
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          if (!linkage || !Objects.equals(group.get(i).source(), group.get(j).source())) {
            positives++;
          }
        }
      }
    }
    return PrecisionRecall.of(
        scored, model.threshold(), positives - found, "all " + scored.size() + " candidate pairs");
  }

  /** Column importances: the summed size of the learned weights of each column's features. */
  public Map<String, Double> importances(MatchModel model) {
    Map<String, Double> importance = new LinkedHashMap<>();
    double[] w = model.logisticWeights();
    Features features = matcher.features();
    for (int i = 0; i < features.size(); i++) {
      int c = features.columnOf(i);
      String name = c < 0 ? "(codes in all text)" : features.profile().column(c).name();
      double size;
      if (w.length > 0) {
        size = Math.abs(w[i]);
      } else {
        size = 0;
      }
      importance.merge(name, size, Double::sum);
    }
    if (w.length == 0) {
      for (int c = 0; c < model.levelColumns().size(); c++) {
        importance.put(model.levelColumns().get(c), model.levelWeight(c, 1) - model.levelWeight(c, 4));
      }
    }
    return importance;
  }

  /** Why two records match or not, column by column. */
  public void explain(MatchModel model, String left, String right, PrintStream out) {
    Record a = matcher.record(left);
    Record b = matcher.record(right);
    if (a == null || b == null) {
      throw new IllegalArgumentException(
          "No record of '" + settings.input() + "' has the primary key '" + (a == null ? left : right) + "'.");
    }
    double[] x = matcher.features().compare(a, b);
    int[] levels = matcher.features().levels(x);
    double p = model.score(x, levels);
    out.printf(Locale.ROOT, "%s and %s: match probability %.4f, threshold %.4f: %s%n",
        left, right, p, model.threshold(), p >= model.threshold() ? "MATCH" : "no match");
    String[] names = {"null", "exact", "close", "similar", "different"};
    double[] w = model.logisticWeights();
    List<String> featureNames = matcher.features().names();
    for (int c = 0; c < model.levelColumns().size(); c++) {
      String column = model.levelColumns().get(c);
      int ci = model.columns().indexOf(column);
      String va = ci < 0 ? "" : String.valueOf(a.value(ci));
      String vb = ci < 0 ? "" : String.valueOf(b.value(ci));
      StringBuilder line = new StringBuilder();
      line.append(String.format(Locale.ROOT, "  %-20s %-28s | %-28s %-9s weight %+6.2f",
          column, clip(va), clip(vb), names[levels[c]], model.levelWeight(c, levels[c])));
      for (int i = 0; i < featureNames.size(); i++) {
        int fc = matcher.features().columnOf(i);
        String fcName = fc < 0 ? "*codes" : model.columns().get(fc);
        if (fcName.equals(column)) {
          String fn = featureNames.get(i).substring(featureNames.get(i).lastIndexOf(':') + 1);
          line.append(String.format(Locale.ROOT, "  %s=%.2f", fn, x[i]));
          if (w.length > 0) {
            line.append(String.format(Locale.ROOT, "(%+.2f)", w[i] * x[i]));
          }
        }
      }
      out.println(line);
    }
  }

  private static String clip(String s) {
    return s.length() <= 28 ? s : s.substring(0, 25) + "...";
  }
}
