package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A candidate pair (smaller primary key first) with its sources and comparison features.
 *
 * <p>{@code new PairFeatures(a.id(), b.id(), null, null, features.compare(a, b))}
 *
 * <p>Its {@link #hash()} is computed once: the model's sample orders every pair by it.
 */
public final class PairFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String left;
  private final String right;
  private final String leftSource;
  private final String rightSource;
  private final double[] features;
  private transient long hash;
  private transient boolean hashed;

  public PairFeatures(
      String left, String right, String leftSource, String rightSource, double[] features) {
    this.left = left;
    this.right = right;
    this.leftSource = leftSource;
    this.rightSource = rightSource;
    this.features = features;
  }

  public String left() {
    return left;
  }

  public String right() {
    return right;
  }

  public String leftSource() {
    return leftSource;
  }

  public String rightSource() {
    return rightSource;
  }

  public double[] features() {
    return features;
  }

  /** The text that names the pair: both keys, joined by U+0001. */
  public String key() {
    return left + '\u0001' + right;
  }

  /** A stable 64-bit hash of the pair's keys, by which samples of pairs are chosen. */
  public long hash() {
    if (!hashed) {
      hash = Blocking.mix(Blocking.fnv(key()));
      hashed = true;
    }
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PairFeatures p
        && left.equals(p.left)
        && right.equals(p.right)
        && Objects.equals(leftSource, p.leftSource)
        && Objects.equals(rightSource, p.rightSource)
        && features == p.features;
  }

  @Override
  public int hashCode() {
    return Objects.hash(left, right, leftSource, rightSource, features);
  }

  @Override
  public String toString() {
    return "PairFeatures[left=" + left + ", right=" + right + ", leftSource=" + leftSource
        + ", rightSource=" + rightSource + ", features=" + Arrays.toString(features) + "]";
  }
}
