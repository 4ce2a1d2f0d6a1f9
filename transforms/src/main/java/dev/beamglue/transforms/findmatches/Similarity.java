package dev.beamglue.transforms.findmatches;

import java.util.Map;
import java.util.Set;

/**
 * The comparison functions of FindMatches, each giving a similarity in [0, 1] (1 for equal).
 *
 * <p>{@code double s = Similarity.jaroWinkler("martha", "marhta"); // 0.961}
 */
public final class Similarity {

  private Similarity() {}

  /** Jaro-Winkler similarity with the usual prefix scale 0.1 over at most 4 characters. */
  public static double jaroWinkler(String a, String b) {
    if (a.equals(b)) {
      return 1.0;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return 0.0;
    }
    char[] x = a.toCharArray();
    char[] y = b.toCharArray();
    int window = Math.max(0, Math.max(x.length, y.length) / 2 - 1);
    boolean[] usedA = new boolean[x.length];
    boolean[] usedB = new boolean[y.length];
    int matches = 0;
    for (int i = 0; i < x.length; i++) {
      int from = Math.max(0, i - window);
      int to = Math.min(y.length - 1, i + window);
      char c = x[i];
      for (int j = from; j <= to; j++) {
        if (!usedB[j] && c == y[j]) {
          usedA[i] = true;
          usedB[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0.0;
    }
    int transpositions = 0;
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (usedA[i]) {
        while (!usedB[j]) {
          j++;
        }
        if (x[i] != y[j]) {
          transpositions++;
        }
        j++;
      }
    }
    double m = matches;
    double jaro = (m / x.length + m / y.length + (m - transpositions / 2.0) / m) / 3.0;
    int prefix = 0;
    while (prefix < Math.min(4, Math.min(x.length, y.length)) && x[prefix] == y[prefix]) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1.0 - jaro);
  }

  /** The Levenshtein edit distance (insertions, deletions and substitutions each cost 1). */
  public static int levenshtein(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    char[] x = a.toCharArray();
    char[] y = b.toCharArray();
    int[] previous = new int[y.length + 1];
    int[] current = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      current[0] = i;
      char c = x[i - 1];
      for (int j = 1; j <= y.length; j++) {
        int cost = c == y[j - 1] ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length];
  }

  /** One minus the edit distance over the longer length (1 for two empty strings). */
  public static double levenshteinSimilarity(String a, String b) {
    int longer = Math.max(a.length(), b.length());
    return longer == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / longer;
  }

  /** Shared tokens over all distinct tokens (0 when both are empty). */
  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 0.0;
    }
    int shared = 0;
    for (String token : a) {
      if (b.contains(token)) {
        shared++;
      }
    }
    return (double) shared / (a.size() + b.size() - shared);
  }

  /**
   * Cosine of the TF-IDF vectors of two token sets (each token counted once), with the inverse
   * document frequency {@code idf.get(token)}; unknown tokens weigh {@code unknownIdf}.
   */
  public static double tfidfCosine(
      Set<String> a, Set<String> b, Map<String, Double> idf, double unknownIdf) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0.0;
    }
    double dot = 0;
    double normA = 0;
    for (String token : a) {
      double w = idf.getOrDefault(token, unknownIdf);
      normA += w * w;
      if (b.contains(token)) {
        dot += w * w;
      }
    }
    double normB = 0;
    for (String token : b) {
      double w = idf.getOrDefault(token, unknownIdf);
      normB += w * w;
    }
    return normA == 0 || normB == 0 ? 0.0 : Math.min(1.0, dot / Math.sqrt(normA * normB));
  }

  /** One minus the relative difference {@code |a - b| / max(|a|, |b|)}, 1 when both are 0. */
  public static double numeric(double a, double b) {
    double scale = Math.max(Math.abs(a), Math.abs(b));
    return scale == 0 ? 1.0 : Math.max(0.0, 1.0 - Math.abs(a - b) / scale);
  }

  /**
   * How well two sets of product codes agree: 1 when they share a code, 0.8 when a code of one
   * starts the other's (a colour or region suffix), 0 otherwise or when either has none.
   */
  public static double codes(Set<String> a, Set<String> b) {
    double best = 0;
    for (String x : a) {
      if (b.contains(x)) {
        return 1.0;
      }
      for (String y : b) {
        if ((x.length() >= 5 && y.startsWith(x)) || (y.length() >= 5 && x.startsWith(y))) {
          best = 0.8;
        }
      }
    }
    return best;
  }
}
