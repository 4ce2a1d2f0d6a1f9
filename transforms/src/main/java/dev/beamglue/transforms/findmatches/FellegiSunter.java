package dev.beamglue.transforms.findmatches;

import java.util.List;

/**
 * Fellegi-Sunter match weights estimated without labels by expectation maximisation over the
 * agreement levels of candidate pairs.
 *
 * <p>{@code FellegiSunter fs = FellegiSunter.fit(levelsOfPairs, 3, 5, 50); fs.probability(levels);}
 *
 * <p>Each level column is assumed independent given match status; {@code m[c][l]} is the chance
 * of level {@code l} of column {@code c} among matches, {@code u[c][l]} among non-matches, and
 * {@code prior} the share of matches among the candidate pairs. Level 0 (null) carries no weight.
 * The fit is deterministic: it starts from fixed values and runs a fixed number of rounds.
 */
public final class FellegiSunter {

  private static final double FLOOR = 1e-4;

  final double[][] m;
  final double[][] u;
  double prior;

  FellegiSunter(double[][] m, double[][] u, double prior) {
    this.m = m;
    this.u = u;
    this.prior = prior;
  }

  /** The starting point: matches agree, non-matches differ. */
  static FellegiSunter start(int columns, int levels) {
    double[][] m = new double[columns][levels];
    double[][] u = new double[columns][levels];
    double[] mStart = {0, 0.7, 0.15, 0.1, 0.05};
    double[] uStart = {0, 0.02, 0.03, 0.05, 0.9};
    for (int c = 0; c < columns; c++) {
      for (int l = 1; l < levels; l++) {
        m[c][l] = mStart[Math.min(l, 4)];
        u[c][l] = uStart[Math.min(l, 4)];
      }
    }
    return new FellegiSunter(m, u, 0.1);
  }

  /**
   * Fits by {@code rounds} rounds of EM on the level vectors (of {@code columns} level columns) of
   * candidate pairs; without pairs, the starting point.
   */
  public static FellegiSunter fit(List<int[]> pairs, int columns, int levels, int rounds) {
    FellegiSunter fs = start(columns, levels);
    if (pairs.isEmpty()) {
      return fs;
    }
    for (int round = 0; round < rounds; round++) {
      double[][] mSum = new double[columns][levels];
      double[][] uSum = new double[columns][levels];
      double matchSum = 0;
      for (int[] pair : pairs) {
        double g = fs.probability(pair);
        matchSum += g;
        for (int c = 0; c < columns; c++) {
          mSum[c][pair[c]] += g;
          uSum[c][pair[c]] += 1 - g;
        }
      }
      fs.prior = clamp(matchSum / pairs.size(), 1e-6, 0.999);
      for (int c = 0; c < columns; c++) {
        normalize(mSum[c], fs.m[c]);
        normalize(uSum[c], fs.u[c]);
      }
    }
    return fs;
  }

  private static void normalize(double[] sums, double[] into) {
    double total = 0;
    for (int l = 1; l < sums.length; l++) {
      total += sums[l] + FLOOR;
    }
    for (int l = 1; l < sums.length; l++) {
      into[l] = (sums[l] + FLOOR) / total;
    }
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** The log-odds of a match: the prior's plus each non-null column's weight. */
  public double logOdds(int[] levels) {
    double sum = Math.log(prior / (1 - prior));
    for (int c = 0; c < levels.length; c++) {
      sum += weight(c, levels[c]);
    }
    return sum;
  }

  /** The weight {@code ln(m/u)} of a column at a level (0 for the null level). */
  public double weight(int column, int level) {
    return level == 0 ? 0 : Math.log(m[column][level] / u[column][level]);
  }

  /** The posterior probability of a match. */
  public double probability(int[] levels) {
    return sigmoid(logOdds(levels));
  }

  static double sigmoid(double z) {
    if (z > 35) {
      return 1.0;
    }
    if (z < -35) {
      return 0.0;
    }
    return 1 / (1 + Math.exp(-z));
  }

  public double prior() {
    return prior;
  }

  public double[][] m() {
    return m;
  }

  public double[][] u() {
    return u;
  }
}
