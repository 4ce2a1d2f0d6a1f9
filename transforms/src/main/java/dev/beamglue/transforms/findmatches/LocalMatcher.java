package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FindMatches steps run in memory on a list of records (samples, label sets, explanations,
 * quality evaluation): the same profile, blocking, features, model and clustering as the Beam
 * transform, so both give the same match ids.
 *
 * <p>{@code LocalMatcher m = LocalMatcher.of(columns, records, false, 0.5, null); m.fit(0.5);}
 */
public final class LocalMatcher {

  private final List<Record> records;
  private final Map<String, Record> byId = new HashMap<>();
  private final boolean linkage;
  private final Profile profile;
  private final Features features;
  private final Blocking blocking;
  private final List<PairFeatures> pairs;

  private LocalMatcher(
      List<String> columns,
      List<Record> records,
      boolean linkage,
      double accuracyCostTradeoff,
      List<ColumnKind> kinds) {
    this.records = List.copyOf(records);
    for (Record r : records) {
      if (byId.put(r.id(), r) != null) {
        throw new IllegalArgumentException(
            "The primary key has the value '" + r.id() + "' more than once; FindMatches needs a unique key per record.");
      }
    }
    this.linkage = linkage;
    Profile profiled = Profile.of(columns, records);
    this.profile = kinds == null ? profiled : profiled.withKinds(kinds);
    this.features = Features.of(profile);
    this.blocking = Blocking.of(profile, accuracyCostTradeoff);
    Map<String, List<Features.Prepared>> blocks = new LinkedHashMap<>();
    for (Record r : records) {
      Features.Prepared p = features.prepare(r);
      for (String key : blocking.keys(p)) {
        blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      }
    }
    Map<String, PairFeatures> unique = new LinkedHashMap<>();
    for (List<Features.Prepared> block : blocks.values()) {
      if (block.size() < 2) {
        continue;
      }
      blocking.pairs(
          block,
          linkage,
          (a, b) -> {
            String key = a.record().id() + '\u0001' + b.record().id();
            if (!unique.containsKey(key)) {
              unique.put(
                  key,
                  new PairFeatures(
                      a.record().id(),
                      b.record().id(),
                      a.record().source(),
                      b.record().source(),
                      features.compare(a, b)));
            }
          });
    }
    this.pairs = new ArrayList<>(unique.values());
  }

  /** Profiles, blocks and compares the records; {@code kinds} (a model's) may be null. */
  public static LocalMatcher of(
      List<String> columns,
      List<Record> records,
      boolean linkage,
      double accuracyCostTradeoff,
      List<ColumnKind> kinds) {
    return new LocalMatcher(columns, records, linkage, accuracyCostTradeoff, kinds);
  }

  public Profile profile() {
    return profile;
  }

  public Features features() {
    return features;
  }

  public Blocking blocking() {
    return blocking;
  }

  public List<PairFeatures> pairs() {
    return pairs;
  }

  public Record record(String id) {
    return byId.get(id);
  }

  public List<Record> records() {
    return records;
  }

  /** The unsupervised model for a precision-recall tradeoff. */
  public MatchModel fit(double precisionRecallTradeoff) {
    return ModelFit.unsupervised(
        features, blocking, pairs, ModelFit.threshold(precisionRecallTradeoff));
  }

  /** The model taught with labeled pairs (whose records must be among these). */
  public MatchModel teach(MatchModel model, List<LabeledPair> labels) {
    List<double[]> xs = new ArrayList<>();
    for (LabeledPair label : labels) {
      xs.add(compare(label.left(), label.right()));
    }
    return ModelFit.teach(model, features, labels, xs);
  }

  /** The features of two records by key; fails naming an unknown key. */
  public double[] compare(String left, String right) {
    Record a = byId.get(left);
    Record b = byId.get(right);
    if (a == null || b == null) {
      throw new IllegalArgumentException(
          "No record has the primary key '" + (a == null ? left : right) + "'.");
    }
    return features.compare(a, b);
  }

  /** Every candidate pair scored by the model. */
  public List<ScoredPair> score(MatchModel model) {
    List<ScoredPair> scored = new ArrayList<>();
    for (PairFeatures p : pairs) {
      double[] x = p.features();
      scored.add(
          new ScoredPair(
              p.left(), p.right(), p.leftSource(), p.rightSource(), model.score(x, features.levels(x))));
    }
    return scored;
  }

  /** The match id of every record (its own key when it matches nothing). */
  public Map<String, String> matchIds(MatchModel model, boolean enforceLabels) {
    List<ScoredPair> edges = new ArrayList<>();
    for (ScoredPair p : score(model)) {
      if (p.probability() >= model.threshold()) {
        edges.add(p);
      }
    }
    Map<String, Clustering.Member> members =
        Clustering.cluster(edges, linkage, enforceLabels ? model.labels() : List.of());
    Map<String, String> ids = new LinkedHashMap<>();
    for (Record r : records) {
      Clustering.Member m = members.get(r.id());
      ids.put(r.id(), m == null ? r.id() : m.matchId());
    }
    return ids;
  }
}
