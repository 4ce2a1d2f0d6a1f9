package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The comparison features of a pair of records, chosen per column from the column's kind: text by
 * Jaro-Winkler, Levenshtein, token Jaccard and TF-IDF cosine; numbers by relative difference;
 * dates by days apart ({@link Dates}: day and month swapped is close, text that is no date is
 * compared by edit distance) and by their digits; categories and identifiers by equality; and for every
 * column whether either value is null.
 *
 * <p>{@code double[] x = Features.of(profile).compare(a, b);}
 *
 * <p>Every feature lies in [0, 1]. A similarity is 0 when either value is null; the column's
 * {@code null} feature says so. Each column also has a Fellegi-Sunter agreement level from its
 * main similarity ({@link #levels}): 0 for null, 1 exact, 2 close, 3 similar, 4 different; a date
 * column takes the better of its {@code days_apart} level and its text ({@code lev}) level.
 */
public final class Features implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The number of agreement levels a column can take, null level 0 included. */
  public static final int LEVELS = 5;

  enum Fn {
    JW,
    LEV,
    JACCARD,
    TFIDF,
    CODES,
    BOTH_CODES,
    NUMERIC,
    DAYS_APART,
    EXACT,
    NULL
  }

  private final Profile profile;
  private final List<Integer> column = new ArrayList<>();
  private final List<Fn> fn = new ArrayList<>();
  private final int[] primary; // per column, the feature index giving its level
  private final int allCodes; // feature index of codes across all text columns, or -1

  private Features(Profile profile) {
    this.profile = profile;
    int n = profile.columns().size();
    primary = new int[n];
    boolean codes = false;
    for (int c = 0; c < n; c++) {
      Profile.Column col = profile.column(c);
      List<Fn> fns =
          switch (col.kind()) {
            case SHORT_TEXT -> List.of(Fn.JW, Fn.LEV, Fn.JACCARD, Fn.TFIDF);
            case LONG_TEXT -> List.of(Fn.TFIDF, Fn.JACCARD);
            case NUMBER -> List.of(Fn.NUMERIC, Fn.EXACT);
            case DATE -> List.of(Fn.DAYS_APART, Fn.LEV, Fn.EXACT);
            case CATEGORY -> List.of(Fn.EXACT);
            case IDENTIFIER -> List.of(Fn.LEV, Fn.EXACT);
          };
      primary[c] = fn.size();
      for (Fn f : fns) {
        column.add(c);
        fn.add(f);
      }
      column.add(c);
      fn.add(Fn.NULL);
      codes |= isText(col.kind()) && col.codeShare() >= 0.2;
    }
    allCodes = codes ? fn.size() : -1;
    if (codes) {
      column.add(-1);
      fn.add(Fn.CODES);
      column.add(-1);
      fn.add(Fn.BOTH_CODES);
    }
  }

  /** The features for the columns of a profile. */
  public static Features of(Profile profile) {
    return new Features(profile);
  }

  public Profile profile() {
    return profile;
  }

  static boolean isText(ColumnKind kind) {
    return kind == ColumnKind.SHORT_TEXT || kind == ColumnKind.LONG_TEXT;
  }

  /** The feature names, {@code column:function}, in the order of {@link #compare}. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fn.size(); i++) {
      String of = column.get(i) < 0 ? "*" : profile.column(column.get(i)).name();
      names.add(of + ":" + fn.get(i).name().toLowerCase());
    }
    return Collections.unmodifiableList(names);
  }

  public int size() {
    return fn.size();
  }

  /** The column a feature compares, -1 for the features of all text columns together. */
  public int columnOf(int feature) {
    return column.get(feature);
  }

  /** A record with its values normalized, tokenized and parsed once for many comparisons. */
  public static final class Prepared implements Serializable {
    private static final long serialVersionUID = 1L;
    final Record record;
    final String[] normal;
    final List<Set<String>> tokens = new ArrayList<>();
    final double[] numbers;
    final long[] dates; // Dates.parse of each value
    final Set<String> codes = new LinkedHashSet<>();
    /** The normalized short text {@link Blocking#sortText} made of it, once. */
    transient String sortText;
    /** Per column, the inverse document frequency of each token, once (see {@link #idf}). */
    private transient Map<String, Double>[] idf;

    Prepared(Record record) {
      this.record = record;
      int n = record.size();
      normal = new String[n];
      numbers = new double[n];
      dates = new long[n];
      for (int c = 0; c < n; c++) {
        String v = record.value(c);
        normal[c] = v == null ? null : Text.normalize(v);
        tokens.add(v == null ? Set.of() : Text.tokenSet(v));
        numbers[c] = Values.number(v);
        dates[c] = Dates.parse(v);
        codes.addAll(Text.codes(v));
      }
    }

    public Record record() {
      return record;
    }
  }

  public Prepared prepare(Record record) {
    return new Prepared(record);
  }

  /** The features of two records. */
  public double[] compare(Record a, Record b) {
    return compare(prepare(a), prepare(b));
  }

  /** The features of two prepared records. */
  public double[] compare(Prepared a, Prepared b) {
    double[] x = new double[fn.size()];
    for (int i = 0; i < x.length; i++) {
      int c = column.get(i);
      if (c < 0) {
        x[i] =
            fn.get(i) == Fn.CODES
                ? Similarity.codes(a.codes, b.codes)
                : (a.codes.isEmpty() || b.codes.isEmpty() ? 0 : 1);
        continue;
      }
      boolean missing = a.normal[c] == null || b.normal[c] == null;
      if (fn.get(i) == Fn.NULL) {
        x[i] = missing ? 1 : 0;
        continue;
      }
      if (missing) {
        continue;
      }
      String s = a.normal[c];
      String t = b.normal[c];
      x[i] =
          switch (fn.get(i)) {
            case JW -> Similarity.jaroWinkler(s, t);
            case LEV -> Similarity.levenshteinSimilarity(s, t);
            case JACCARD -> Similarity.jaccard(a.tokens.get(c), b.tokens.get(c));
            case TFIDF -> tfidfCosine(a, b, c);
            case NUMERIC ->
                Double.isNaN(a.numbers[c]) || Double.isNaN(b.numbers[c])
                    ? (s.equals(t) ? 1 : 0)
                    : Similarity.numeric(a.numbers[c], b.numbers[c]);
            case DAYS_APART -> {
              double days = Dates.similarity(a.dates[c], b.dates[c]);
              yield Double.isNaN(days) ? Similarity.levenshteinSimilarity(s, t) : days;
            }
            case EXACT -> s.equals(t) ? 1 : 0;
            default -> 0;
          };
    }
    return x;
  }

  /**
   * {@link Similarity#tfidfCosine} of a column's tokens, with the weights of each record's tokens
   * looked up once per record rather than once per pair (the same sums, in the same order).
   */
  private double tfidfCosine(Prepared a, Prepared b, int c) {
    Set<String> x = a.tokens.get(c);
    Set<String> y = b.tokens.get(c);
    if (x.isEmpty() || y.isEmpty()) {
      return 0.0;
    }
    Map<String, Double> wa = idf(a, c);
    Map<String, Double> wb = idf(b, c);
    double dot = 0;
    double normA = 0;
    for (String token : x) {
      double w = wa.get(token);
      normA += w * w;
      if (y.contains(token)) {
        dot += w * w;
      }
    }
    double normB = 0;
    for (String token : y) {
      double w = wb.get(token);
      normB += w * w;
    }
    return normA == 0 || normB == 0 ? 0.0 : Math.min(1.0, dot / Math.sqrt(normA * normB));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Double> idf(Prepared p, int c) {
    if (p.idf == null) {
      p.idf = new Map[p.normal.length];
    }
    if (p.idf[c] == null) {
      Profile.Column col = profile.column(c);
      Map<String, Double> weights = new HashMap<>();
      for (String t : p.tokens.get(c)) {
        weights.put(t, col.idf(t));
      }
      p.idf[c] = weights;
    }
    return p.idf[c];
  }

  /** The agreement level of each column (0 null, 1 exact, 2 close, 3 similar, 4 different). */
  public int[] levels(double[] x) {
    int n = primary.length;
    int[] levels = new int[n + (allCodes >= 0 ? 1 : 0)];
    for (int c = 0; c < n; c++) {
      int nullFeature = primary[c];
      while (fn.get(nullFeature) != Fn.NULL) {
        nullFeature++;
      }
      if (x[nullFeature] == 1) {
        levels[c] = 0;
        continue;
      }
      double s = x[primary[c]];
      ColumnKind kind = profile.column(c).kind();
      double close = kind == ColumnKind.LONG_TEXT ? 0.7 : 0.92;
      double similar = kind == ColumnKind.LONG_TEXT ? 0.4 : 0.8;
      levels[c] = level(s, close, similar);
      if (kind == ColumnKind.DATE) {
        // a digit typed wrong (edit distance) tells as much as a date a month off
        levels[c] = Math.min(levels[c], level(x[primary[c] + 1], close, similar));
      }
    }
    if (allCodes >= 0) {
      double s = x[allCodes];
      levels[n] = x[allCodes + 1] == 0 ? 0 : s >= 0.9999 ? 1 : s > 0 ? 2 : 4;
    }
    return levels;
  }

  private static int level(double s, double close, double similar) {
    return s >= 0.9999 ? 1 : s >= close ? 2 : s >= similar ? 3 : 4;
  }

  /** The number of level columns: one per column, and one for the codes of all text columns. */
  public int levelColumns() {
    return primary.length + (allCodes >= 0 ? 1 : 0);
  }

  /** The name of a level column. */
  public String levelName(int levelColumn) {
    return levelColumn < primary.length ? profile.column(levelColumn).name() : "*codes";
  }
}
