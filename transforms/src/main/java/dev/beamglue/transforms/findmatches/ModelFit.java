package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits FindMatches models in memory on bounded samples: Fellegi-Sunter weights by EM on at most
 * {@value #SAMPLE} candidate pairs, and logistic regression on labeled pairs.
 *
 * <p>{@code MatchModel m = ModelFit.unsupervised(features, blocking, sample, ModelFit.threshold(0.5));}
 */
public final class ModelFit {

  /** Candidate pairs the EM fit looks at, at most: those with the smallest pair hashes. */
  public static final int SAMPLE = 50_000;

  private ModelFit() {}

  /** The probability threshold for a precision-recall tradeoff in [0, 1] (1 favours precision). */
  public static double threshold(double precisionRecallTradeoff) {
    if (!(precisionRecallTradeoff >= 0 && precisionRecallTradeoff <= 1)) {
      throw new IllegalArgumentException(
          "The precision-recall tradeoff must lie in [0, 1], not " + precisionRecallTradeoff + ".");
    }
    return 0.05 + 0.9 * precisionRecallTradeoff;
  }

  /** Orders pairs by their hash, then key: the order in which the sample is chosen. */
  public static final Comparator<PairFeatures> BY_HASH =
      (Comparator<PairFeatures> & java.io.Serializable)
          (a, b) -> {
            int c = Long.compare(a.hash(), b.hash());
            return c != 0 ? c : a.key().compareTo(b.key());
          };

  /** Orders pairs by hash from the largest: {@code Top.of(n, this)} keeps the n smallest hashes. */
  public static final class LargestHashFirst
      implements Comparator<PairFeatures>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(PairFeatures a, PairFeatures b) {
      return BY_HASH.compare(b, a);
    }
  }

  /** A model fitted by EM on the sample of candidate pairs (any order: it is sorted first). */
  public static MatchModel unsupervised(
      Features features, Blocking blocking, List<PairFeatures> sample, double threshold) {
    List<PairFeatures> sorted = new ArrayList<>(sample);
    sorted.sort(BY_HASH);
    if (sorted.size() > SAMPLE) {
      sorted = sorted.subList(0, SAMPLE);
    }
    List<int[]> levels = new ArrayList<>();
    for (PairFeatures p : sorted) {
      levels.add(features.levels(p.features()));
    }
    FellegiSunter fs = FellegiSunter.fit(levels, features.levelColumns(), Features.LEVELS, 60);
    return MatchModel.unsupervised(features, fs, threshold, blocking);
  }

  /**
   * The model with logistic-regression weights learned from the labeled pairs whose features are
   * given ({@code labeled.get(i)} holds the features of {@code labels.get(i)}).
   */
  public static MatchModel teach(
      MatchModel model, Features features, List<LabeledPair> labels, List<double[]> labeled) {
    List<double[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      double[] x = labeled.get(i);
      xs.add(model.learnerInput(x, features.levels(x)));
      ys.add(labels.get(i).match() ? 1 : 0);
    }
    double[] weights = LogisticRegression.fit(xs, ys, 0.003, 3000);
    return model.withLogistic(weights, labels);
  }
}
