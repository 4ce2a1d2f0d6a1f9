package dev.beamglue.transforms.findmatches;

import java.util.List;

/**
 * L2-regularised logistic regression fitted by full-batch gradient descent: small, deterministic
 * and enough for a few thousand labeled pairs.
 *
 * <p>{@code double[] w = LogisticRegression.fit(xs, ys, 0.01, 3000); LogisticRegression.predict(w, x);}
 *
 * <p>The returned weights hold one weight per feature followed by the intercept.
 */
public final class LogisticRegression {

  private LogisticRegression() {}

  /**
   * Fits weights to examples {@code xs} with labels {@code ys} (1 match, 0 not), with L2 penalty
   * {@code lambda} on the feature weights, by {@code rounds} steps of gradient descent (with
   * momentum). Classes are weighted so that matches and non-matches count equally.
   */
  public static double[] fit(List<double[]> xs, List<Integer> ys, double lambda, int rounds) {
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("Logistic regression needs at least one labeled pair.");
    }
    int d = xs.get(0).length;
    double[] w = new double[d + 1];
    double[] velocity = new double[d + 1];
    long positives = ys.stream().filter(y -> y == 1).count();
    long negatives = ys.size() - positives;
    double posWeight = positives == 0 ? 0 : ys.size() / (2.0 * positives);
    double negWeight = negatives == 0 ? 0 : ys.size() / (2.0 * negatives);
    double rate = 0.5;
    for (int round = 0; round < rounds; round++) {
      double[] grad = new double[d + 1];
      for (int i = 0; i < xs.size(); i++) {
        double[] x = xs.get(i);
        int y = ys.get(i);
        double error = (predict(w, x) - y) * (y == 1 ? posWeight : negWeight);
        for (int j = 0; j < d; j++) {
          grad[j] += error * x[j];
        }
        grad[d] += error;
      }
      for (int j = 0; j <= d; j++) {
        grad[j] /= xs.size();
        if (j < d) {
          grad[j] += lambda * w[j];
        }
        velocity[j] = 0.9 * velocity[j] - rate * grad[j];
        w[j] += velocity[j];
      }
    }
    return w;
  }

  /** The probability of a match for features {@code x} under weights {@code w}. */
  public static double predict(double[] w, double[] x) {
    double z = w[x.length];
    for (int j = 0; j < x.length; j++) {
      z += w[j] * x[j];
    }
    return FellegiSunter.sigmoid(z);
  }
}
