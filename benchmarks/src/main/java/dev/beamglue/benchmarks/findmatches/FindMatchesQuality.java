package dev.beamglue.benchmarks.findmatches;

import dev.beamglue.benchmarks.harness.BenchmarksDoc;
import dev.beamglue.benchmarks.harness.Machine;
import dev.beamglue.transforms.findmatches.LabelSets;
import dev.beamglue.transforms.findmatches.LabeledPair;
import dev.beamglue.transforms.findmatches.LocalMatcher;
import dev.beamglue.transforms.findmatches.MatchModel;
import dev.beamglue.transforms.findmatches.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * FindMatches quality against the truth: an unsupervised model, then three rounds of labeling
 * sets (10 sets of 10 records each round, 300 records in all) chosen by {@link LabelSets} and
 * labeled by a simulated labeler that knows the truth, then pairwise precision, recall and F1.
 *
 * <p>{@code benchmarks/run-findmatches-quality.sh --datasets=febrl4,abt-buy}
 *
 * <p>Flags: {@code --data=DIR} (default {@code ../shared/data/findmatches} from the repository
 * root), {@code --datasets=febrl4,abt-buy,historical-50k}, {@code --doc=docs/BENCHMARKS.md} (the
 * default; {@code none} writes no section), {@code --repoRoot} (set by the script). The steps are {@link LocalMatcher}'s: the FindMatches algorithm in
 * memory, the same as the Beam transform's.
 */
public final class FindMatchesQuality {

  static final int ROUNDS = 3;
  static final int SETS = 10;
  static final int SET_SIZE = 10;

  private FindMatchesQuality() {}

  /**
   * Pairwise precision, recall and F1 of predicted match ids against the truth (the scale
   * benchmark scores with it too).
   */
  record Scores(long predicted, long truth, long correct) {
    double precision() {
      return predicted == 0 ? 1 : (double) correct / predicted;
    }

    double recall() {
      return truth == 0 ? 1 : (double) correct / truth;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    String row() {
      return String.format(Locale.ROOT, "%.4f | %.4f | %.4f", precision(), recall(), f1());
    }
  }

  static Scores score(QualityData data, Map<String, String> matchIds) {
    Map<String, List<Record>> clusters = new HashMap<>();
    for (Record r : data.records) {
      clusters.computeIfAbsent(matchIds.get(r.id()), k -> new ArrayList<>()).add(r);
    }
    long predicted = 0;
    long correct = 0;
    for (List<Record> group : clusters.values()) {
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          Record a = group.get(i);
          Record b = group.get(j);
          if (data.linkage && a.source().equals(b.source())) {
            continue;
          }
          predicted++;
          if (data.truthPairs.contains(QualityData.pair(a.id(), b.id()))) {
            correct++;
          }
        }
      }
    }
    return new Scores(predicted, data.truthPairs.size(), correct);
  }

  /** One data set's figures, as a markdown table row plus the rounds. */
  static String evaluate(QualityData data) {
    long start = System.nanoTime();
    LocalMatcher matcher = LocalMatcher.of(data.columns, data.records, data.linkage, 0.5, null);
    System.err.printf(
        Locale.ROOT, "%s: %,d candidate pairs after %.0f s%n",
        data.name, matcher.pairs().size(), (System.nanoTime() - start) / 1e9);
    MatchModel base = matcher.fit(0.5);
    Scores unsupervised = score(data, matcher.matchIds(base, false));
    MatchModel model = base;
    List<LabeledPair> labels = new ArrayList<>();
    Set<String> labeled = new HashSet<>();
    List<String> rounds = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      List<List<String>> sets =
          LabelSets.choose(matcher.score(model), model.threshold(), labeled, SETS, SET_SIZE);
      for (List<String> set : sets) {
        Map<String, String> answer = new LinkedHashMap<>();
        for (String id : set) {
          answer.put(id, data.truthCluster.get(id));
        }
        labels.addAll(LabelSets.pairs(set, answer));
        labeled.addAll(set);
      }
      model = matcher.teach(base, labels);
      Scores s = score(data, matcher.matchIds(model, false));
      System.err.printf(Locale.ROOT, "%s: round %d F1 %.4f%n", data.name, round, s.f1());
      rounds.add(String.format(Locale.ROOT, "round %d (%d records): F1 %.4f", round, labeled.size(), s.f1()));
    }
    Scores taught = score(data, matcher.matchIds(model, false));
    double seconds = (System.nanoTime() - start) / 1e9;
    long matches = labels.stream().filter(LabeledPair::match).count();
    String row =
        String.format(
            Locale.ROOT,
            "| %s | %,d | %,d | %,d | %,d (%,d pairs, %,d matching) | %s | %s | %s | %.0f s |",
            data.name,
            data.records.size(),
            data.truthPairs.size(),
            matcher.pairs().size(),
            labeled.size(),
            labels.size(),
            matches,
            String.format(Locale.ROOT, "%.4f", unsupervised.f1()),
            taught.row(),
            String.join("; ", rounds),
            seconds);
    System.out.println(row);
    return row;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        System.err.println("Unknown argument '" + arg + "': use --data=DIR, --datasets=LIST, --doc=FILE|none.");
        System.exit(2);
      }
      flags.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Path repo = Path.of(flags.getOrDefault("repoRoot", "."));
    Path root = repo.resolve(flags.getOrDefault("data", "../shared/data/findmatches"));
    List<String> names = List.of(flags.getOrDefault("datasets", "febrl4,abt-buy,historical-50k").split(","));
    List<String> rows = new ArrayList<>();
    String header =
        "| data | records | true pairs | candidate pairs | labeled records | F1 without labels | precision | recall | F1 | by round | time |\n"
            + "|---|---:|---:|---:|---|---:|---:|---:|---:|---|---:|";
    System.out.println(header);
    for (String name : names) {
      QualityData data =
          switch (name) {
            case "febrl4" -> QualityData.febrl4(root);
            case "abt-buy" -> QualityData.abtBuy(root);
            case "historical-50k" -> QualityData.historical(root);
            default -> throw new IllegalArgumentException(
                "Unknown data set '" + name + "': use febrl4, abt-buy or historical-50k.");
          };
      rows.add(evaluate(data));
    }
    String doc = flags.getOrDefault("doc", "docs/BENCHMARKS.md");
    if (!doc.equals("none")) {
      String section =
          "Command: `benchmarks/run-findmatches-quality.sh "
              + BenchmarksDoc.shownArguments(args)
              + "`, on "
              + Machine.describe(Path.of(System.getProperty("java.home"), "bin", "java"))
              + "; Beam "
              + ReleaseInfo.getReleaseInfo().getVersion()
              + ". Precision, recall and F1 are pairwise against the truth, at the threshold of "
              + "precisionRecallTradeoff 0.5, after three rounds of labeling sets.\n\n"
              + header
              + "\n"
              + String.join("\n", rows)
              + "\n";
      BenchmarksDoc.replaceSection(
          repo.resolve(doc),
          "findmatches",
          section,
          "# Benchmarks",
          INTRO);
    }
  }

  static final String INTRO = "## findmatches: entity-resolution quality with 300 labeled records\n\n"
      + "`FindMatchesQuality` fits the unsupervised model (Fellegi-Sunter weights by EM), then runs"
      + " three rounds of labeling: each round `LabelSets` picks 10 sets of at most 10 records not"
      + " labeled before (uncertain pairs first, spread over blocks, a few confident pairs), a"
      + " simulated labeler gives each record of a set its true cluster, and the model is taught"
      + " (logistic regression) on all labels so far. Precision, recall and F1 count pairs of"
      + " records given the same `match_id`, in linkage only pairs across the two sources, against"
      + " every true pair of the whole data (labeled records included; labels are not enforced)."
      + " The steps run in memory (`LocalMatcher`: the profile, blocking, features, model and"
      + " clustering of the `FindMatches` transform, which the tests check give the same match"
      + " ids). The data are in `../shared/data/findmatches/` (see its README). Times are"
      + " wall-clock.\n";
}
