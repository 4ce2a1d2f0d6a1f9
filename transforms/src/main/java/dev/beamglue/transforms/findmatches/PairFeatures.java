package dev.beamglue.transforms.findmatches;

import java.io.Serializable;

/**
 * A candidate pair (smaller primary key first) with its sources and comparison features.
 *
 * <p>{@code new PairFeatures(a.id(), b.id(), null, null, features.compare(a, b))}
 */
public record PairFeatures(
    String left, String right, String leftSource, String rightSource, double[] features)
    implements Serializable {

  /** The text that names the pair: both keys, joined by U+0001. */
  public String key() {
    return left + '\u0001' + right;
  }

  /** A stable 64-bit hash of the pair's keys, by which samples of pairs are chosen. */
  public long hash() {
    return Blocking.mix(Blocking.fnv(key()));
  }
}
