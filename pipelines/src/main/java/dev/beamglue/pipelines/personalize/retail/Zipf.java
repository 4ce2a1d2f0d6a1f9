package dev.beamglue.pipelines.personalize.retail;

import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with Zipf's law (the probability of rank {@code k} proportional to
 * {@code 1 / (k + 1)^s}): a few popular products and busy customers, a long tail of the rest. The
 * cumulative weights are computed once ({@code n} doubles); a draw is a binary search.
 *
 * <p>{@code int item = Zipf.of(items, 1.0).draw(random);}
 */
final class Zipf {

  private final double[] cumulative;

  private Zipf(double[] cumulative) {
    this.cumulative = cumulative;
  }

  static Zipf of(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("Zipf needs 1 or more ranks, not " + n + ".");
    }
    double[] cumulative = new double[n];
    double total = 0;
    for (int k = 0; k < n; k++) {
      total += 1.0 / Math.pow(k + 1, exponent);
      cumulative[k] = total;
    }
    return new Zipf(cumulative);
  }

  int draw(SplittableRandom random) {
    double target = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] < target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
