package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Blocking: the keys that put records likely to match into the same small block, and the bounded
 * set of candidate pairs each block yields.
 *
 * <p>{@code Blocking b = Blocking.of(profile, 0.5); List<String> keys = b.keys(features.prepare(r));}
 *
 * <p>Keys: the rarest tokens of each text column (common tokens, by the profile's frequencies,
 * are never keys), product codes across text columns, a MinHash LSH signature of the 3-grams of
 * the short text columns (bands of 4 rows), the Soundex code of each short text column, exact
 * identifiers and dates, and a sorted-neighbourhood key (the first letters of the short text).
 * A block of at most {@link #maxBlock()} records yields all its pairs; a larger block yields only
 * the pairs within {@link #window()} places of each other once sorted by the normalized short
 * text, so no block costs more than {@code size * window} comparisons. The accuracy-cost tradeoff
 * (0 cheap, 1 accurate) scales the block size, the window and the number of LSH bands; below
 * {@value #CHEAP} it also drops the phonetic keys (whose blocks are large, so they cost a window of
 * comparisons each) and keeps only the rarest token of a short text column: the setting for
 * millions of records.
 */
public final class Blocking implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final int ROWS = 4;

  /** Below this accuracy-cost tradeoff, no phonetic keys and one token key per short text column. */
  static final double CHEAP = 0.25;

  private final Profile profile;
  private final double tradeoff;
  private final int maxBlock;
  private final int window;
  private final int bands;
  private final long[] seeds;

  private Blocking(Profile profile, double tradeoff) {
    if (!(tradeoff >= 0 && tradeoff <= 1)) {
      throw new IllegalArgumentException(
          "The accuracy-cost tradeoff must lie in [0, 1], not " + tradeoff + ".");
    }
    this.profile = profile;
    this.tradeoff = tradeoff;
    this.maxBlock = 10 + (int) Math.round(190 * tradeoff);
    this.window = 2 + (int) Math.round(10 * tradeoff);
    this.bands = 4 + (int) Math.round(12 * tradeoff);
    this.seeds = new long[bands * ROWS];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = mix(0x9E3779B97F4A7C15L * (i + 1));
    }
  }

  public static Blocking of(Profile profile, double accuracyCostTradeoff) {
    return new Blocking(profile, accuracyCostTradeoff);
  }

  public double accuracyCostTradeoff() {
    return tradeoff;
  }

  public int maxBlock() {
    return maxBlock;
  }

  public int window() {
    return window;
  }

  /** The keys, one line each, as the model file lists them. */
  public List<String> describe() {
    List<String> keys = new ArrayList<>();
    List<String> shortText = new ArrayList<>();
    for (Profile.Column c : profile.columns()) {
      switch (c.kind()) {
        case SHORT_TEXT -> {
          keys.add("tokens(" + c.name() + ", " + shortTokens() + " rarest)");
          if (phonetic()) {
            keys.add("soundex(" + c.name() + ")");
          }
          shortText.add(c.name());
        }
        case LONG_TEXT -> keys.add("tokens(" + c.name() + ", 4 rarest)");
        case IDENTIFIER, DATE -> keys.add("exact(" + c.name() + ")");
        default -> {}
      }
    }
    keys.add("codes(all text columns)");
    keys.add("minhash_lsh(3-grams of " + shortText + ", " + bands + " bands of " + ROWS + ")");
    keys.add("sorted_neighbourhood(" + shortText + ", window " + window + ")");
    keys.add("max_block " + maxBlock + ", tokens in more than " + tokenLimit() + " records skipped");
    return keys;
  }

  private boolean phonetic() {
    return tradeoff >= CHEAP;
  }

  private int shortTokens() {
    return tradeoff >= CHEAP ? 2 : 1;
  }

  private int tokenLimit() {
    return maxBlock * 10;
  }

  /** The normalized short text of a record, by which large blocks are sorted. */
  public String sortText(Features.Prepared p) {
    if (p.sortText == null) {
      p.sortText = buildSortText(p);
    }
    return p.sortText;
  }

  private String buildSortText(Features.Prepared p) {
    StringBuilder text = new StringBuilder();
    for (int c = 0; c < profile.columns().size(); c++) {
      if (profile.column(c).kind() == ColumnKind.SHORT_TEXT && p.normal[c] != null) {
        text.append(p.normal[c]).append(' ');
      }
    }
    return text.toString();
  }

  /** The block keys of a record. */
  public List<String> keys(Features.Prepared p) {
    Set<String> keys = new LinkedHashSet<>();
    int limit = tokenLimit();
    for (int c = 0; c < profile.columns().size(); c++) {
      Profile.Column col = profile.column(c);
      if (p.normal[c] == null) {
        continue;
      }
      switch (col.kind()) {
        case SHORT_TEXT, LONG_TEXT -> {
          int k = col.kind() == ColumnKind.SHORT_TEXT ? shortTokens() : 4;
          List<String> tokens = new ArrayList<>();
          boolean complete = col.frequenciesComplete();
          for (String t : p.tokens.get(c)) {
            int df = col.documentFrequency(t);
            // A token of one record only would make a block of one: no key.
            if (t.length() >= 2 && df <= limit && !(complete && df == 1)) {
              tokens.add(t);
            }
          }
          tokens.sort(
              Comparator.comparingInt((String t) -> col.documentFrequency(t))
                  .thenComparing(Comparator.naturalOrder()));
          for (int i = 0; i < Math.min(k, tokens.size()); i++) {
            keys.add("t:" + c + ":" + tokens.get(i));
          }
          if (col.kind() == ColumnKind.SHORT_TEXT && phonetic()) {
            String code = Text.soundex(p.normal[c]);
            if (!code.isEmpty()) {
              keys.add("p:" + c + ":" + code);
            }
          }
        }
        case IDENTIFIER, DATE -> keys.add("x:" + c + ":" + p.normal[c]);
        default -> {}
      }
    }
    for (String code : p.codes) {
      keys.add("c:" + code);
    }
    String sort = sortText(p);
    Set<String> grams = Text.qgrams(sort, 3);
    if (!grams.isEmpty()) {
      long[] min = new long[seeds.length];
      java.util.Arrays.fill(min, Long.MAX_VALUE);
      for (String g : grams) {
        long base = fnv(g);
        for (int i = 0; i < seeds.length; i++) {
          long h = mix(base ^ seeds[i]);
          if (h < min[i]) {
            min[i] = h;
          }
        }
      }
      for (int b = 0; b < bands; b++) {
        long band = 17;
        for (int r = 0; r < ROWS; r++) {
          band = mix(band * 31 + min[b * ROWS + r]);
        }
        keys.add("m:" + b + ":" + Long.toHexString(band));
      }
    }
    if (!sort.isEmpty()) {
      int prefix = profile.records() > 100_000 ? 2 : 1;
      keys.add("s:" + sort.substring(0, Math.min(prefix, sort.length())));
    }
    return new ArrayList<>(keys);
  }

  /**
   * Calls {@code out} once for each candidate pair of a block (smaller key first); in linkage mode
   * only pairs from different sources. The block is sorted first, so the pairs do not depend on
   * the order the records arrive in.
   */
  public void pairs(
      List<Features.Prepared> block,
      boolean linkage,
      BiConsumer<Features.Prepared, Features.Prepared> out) {
    List<Features.Prepared> sorted = new ArrayList<>(block);
    sorted.sort(
        Comparator.comparing(this::sortText)
            .thenComparing(p -> p.record.id(), Record::compareIds));
    int n = sorted.size();
    int reach = n <= maxBlock ? n : window;
    for (int i = 0; i < n; i++) {
      Features.Prepared a = sorted.get(i);
      for (int j = i + 1; j < Math.min(n, i + 1 + reach); j++) {
        Features.Prepared b = sorted.get(j);
        if (linkage && java.util.Objects.equals(a.record.source(), b.record.source())) {
          continue;
        }
        if (a.record.id().equals(b.record.id())) {
          continue;
        }
        if (Record.compareIds(a.record.id(), b.record.id()) < 0) {
          out.accept(a, b);
        } else {
          out.accept(b, a);
        }
      }
    }
  }

  /** The keys as sorted 64-bit hashes, to count the keys two records share. */
  static long[] hashes(List<String> keys) {
    long[] h = new long[keys.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = mix(fnv(keys.get(i)));
    }
    java.util.Arrays.sort(h);
    return h;
  }

  /** The number of values two sorted arrays share. */
  static int shared(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        n++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n;
  }

  static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb93f53fe1a85L;
    return z ^ (z >>> 33);
  }
}
