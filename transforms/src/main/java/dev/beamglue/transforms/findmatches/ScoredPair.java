package dev.beamglue.transforms.findmatches;

import java.io.Serializable;

/**
 * A candidate pair (smaller primary key first, both as text, with their sources in linkage mode)
 * and its match probability.
 *
 * <p>{@code new ScoredPair("1", "7", 0.98)}
 */
public record ScoredPair(
    String left, String right, String leftSource, String rightSource, double probability)
    implements Serializable {

  /** A pair without sources (deduplication). */
  public ScoredPair(String left, String right, double probability) {
    this(left, right, null, null, probability);
  }

  /** Orders by probability, highest first, then by the keys: the order clustering merges in. */
  public static int strongestFirst(ScoredPair a, ScoredPair b) {
    int byP = Double.compare(b.probability, a.probability);
    if (byP != 0) {
      return byP;
    }
    int byLeft = Record.compareIds(a.left, b.left);
    return byLeft != 0 ? byLeft : Record.compareIds(a.right, b.right);
  }

  String key() {
    return left + '\u0001' + right;
  }

  static String key(String a, String b) {
    return Record.compareIds(a, b) < 0 ? a + '\u0001' + b : b + '\u0001' + a;
  }
}
