package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile of the compared columns of a frame: the kind of each column and the document
 * frequency of its tokens (for TF-IDF weights and for skipping common tokens in blocking).
 *
 * <p>{@code Profile p = Profile.of(List.of("name", "dob"), records); p.column(1).kind(); // DATE}
 *
 * <p>A profile is built by adding records to a {@link Builder}; builders merge, so profiling runs
 * as a Beam combine. Each column keeps at most {@value #MAX_TOKENS} distinct tokens: tokens first
 * seen after that count as rare (and which tokens those are may then depend on how the runner
 * bundles records: below that count the profile is the same on every runner).
 */
public final class Profile implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Distinct tokens counted per column at most. */
  public static final int MAX_TOKENS = 400_000;

  private static final int MAX_DISTINCT = 2_000;

  private final long records;
  private final List<Column> columns;
  private final long profilingNanos;

  Profile(long records, List<Column> columns) {
    this(records, columns, 0);
  }

  Profile(long records, List<Column> columns, long profilingNanos) {
    this.profilingNanos = profilingNanos;
    this.records = records;
    this.columns = Collections.unmodifiableList(columns);
  }

  /** Profiles records in memory (tests, samples). */
  public static Profile of(List<String> names, Iterable<Record> records) {
    Builder builder = new Builder(names);
    for (Record record : records) {
      builder.add(record);
    }
    return builder.build();
  }

  /** The nanoseconds the builders spent adding records, summed over workers (0 when not timed). */
  public long profilingNanos() {
    return profilingNanos;
  }

  public long records() {
    return records;
  }

  public List<Column> columns() {
    return columns;
  }

  public Column column(int index) {
    return columns.get(index);
  }

  /** This profile with the kinds given (a model's), keeping the token frequencies. */
  public Profile withKinds(List<ColumnKind> kinds) {
    List<Column> changed = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      changed.add(new Column(c.name, kinds.get(i), c.nonNull, c.distinct, c.codeShare, c.df));
    }
    return new Profile(records, changed, profilingNanos);
  }

  /** One column's kind and token statistics. */
  public static final class Column implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final ColumnKind kind;
    private final long nonNull;
    private final int distinct;
    private final double codeShare;
    private final HashMap<String, Integer> df;

    Column(
        String name,
        ColumnKind kind,
        long nonNull,
        int distinct,
        double codeShare,
        HashMap<String, Integer> df) {
      this.name = name;
      this.kind = kind;
      this.nonNull = nonNull;
      this.distinct = distinct;
      this.codeShare = codeShare;
      this.df = df;
    }

    public String name() {
      return name;
    }

    public ColumnKind kind() {
      return kind;
    }

    public long nonNull() {
      return nonNull;
    }

    /** Distinct values seen, capped at 2,000. */
    public int distinct() {
      return distinct;
    }

    /** The share of non-null values holding a product code (letters and digits). */
    public double codeShare() {
      return codeShare;
    }

    /** Whether every token's frequency is known (the column has fewer than {@value #MAX_TOKENS} tokens). */
    public boolean frequenciesComplete() {
      return df.size() < MAX_TOKENS;
    }

    /** In how many records the token occurs (0 when unknown). */
    public int documentFrequency(String token) {
      return df.getOrDefault(token, 0);
    }

    /** The inverse document frequency {@code ln((1 + n) / (1 + df)) + 1}. */
    public double idf(String token) {
      return Math.log((1.0 + nonNull) / (1.0 + documentFrequency(token))) + 1.0;
    }

    /** The TF-IDF weights of the tokens of this column. */
    public Map<String, Double> idfOf(Set<String> a, Set<String> b) {
      Map<String, Double> weights = new HashMap<>();
      for (String t : a) {
        weights.put(t, idf(t));
      }
      for (String t : b) {
        weights.put(t, idf(t));
      }
      return weights;
    }
  }

  /** Adds records, merges with other builders, and builds the profile. */
  public static final class Builder implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<String> names;
    long records;
    final long[] nonNull;
    final long[] numeric;
    final long[] integers;
    final long[] dates;
    final long[] tokens;
    final long[] withCodes;
    final List<Set<Integer>> widths = new ArrayList<>();
    final List<Set<String>> distinct = new ArrayList<>();
    final List<HashMap<String, Integer>> df = new ArrayList<>();
    long nanos;

    public Builder(List<String> names) {
      this.names = new ArrayList<>(names);
      int n = names.size();
      nonNull = new long[n];
      numeric = new long[n];
      integers = new long[n];
      dates = new long[n];
      tokens = new long[n];
      withCodes = new long[n];
      for (int i = 0; i < n; i++) {
        widths.add(new HashSet<>());
        distinct.add(new HashSet<>());
        df.add(new HashMap<>());
      }
    }

    public Builder add(Record record) {
      records++;
      for (int i = 0; i < names.size(); i++) {
        String value = record.value(i);
        if (value == null) {
          continue;
        }
        nonNull[i]++;
        String trimmed = value.trim();
        double number = Values.number(trimmed);
        if (!Double.isNaN(number)) {
          numeric[i]++;
          if (trimmed.chars().allMatch(Character::isDigit)) {
            integers[i]++;
            if (widths.get(i).size() < 10) {
              widths.get(i).add(trimmed.length());
            }
          }
        }
        if (Values.epochDay(trimmed) != Values.NO_DATE) {
          dates[i]++;
        }
        if (distinct.get(i).size() <= MAX_DISTINCT) {
          distinct.get(i).add(trimmed);
        }
        Set<String> set = Text.tokenSet(trimmed);
        tokens[i] += set.size();
        if (!Text.codes(trimmed).isEmpty()) {
          withCodes[i]++;
        }
        HashMap<String, Integer> counts = df.get(i);
        for (String token : set) {
          Integer old = counts.get(token);
          if (old != null) {
            counts.put(token, old + 1);
          } else if (counts.size() < MAX_TOKENS) {
            counts.put(token, 1);
          }
        }
      }
      return this;
    }

    /** Adds a record and the time adding it took. */
    public Builder addTimed(Record record) {
      long start = System.nanoTime();
      add(record);
      nanos += System.nanoTime() - start;
      return this;
    }

    public Builder merge(Builder other) {
      long start = System.nanoTime();
      records += other.records;
      for (int i = 0; i < names.size(); i++) {
        nonNull[i] += other.nonNull[i];
        numeric[i] += other.numeric[i];
        integers[i] += other.integers[i];
        dates[i] += other.dates[i];
        tokens[i] += other.tokens[i];
        withCodes[i] += other.withCodes[i];
        widths.get(i).addAll(other.widths.get(i));
        for (String value : other.distinct.get(i)) {
          if (distinct.get(i).size() > MAX_DISTINCT) {
            break;
          }
          distinct.get(i).add(value);
        }
        HashMap<String, Integer> counts = df.get(i);
        for (Map.Entry<String, Integer> e : other.df.get(i).entrySet()) {
          Integer old = counts.get(e.getKey());
          if (old != null) {
            counts.put(e.getKey(), old + e.getValue());
          } else if (counts.size() < MAX_TOKENS) {
            counts.put(e.getKey(), e.getValue());
          }
        }
      }
      nanos += other.nanos + System.nanoTime() - start;
      return this;
    }

    public Profile build() {
      List<Column> columns = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        columns.add(
            new Column(
                names.get(i),
                kindOf(i),
                nonNull[i],
                distinct.get(i).size(),
                nonNull[i] == 0 ? 0 : (double) withCodes[i] / nonNull[i],
                df.get(i)));
      }
      return new Profile(records, columns, nanos);
    }

    private ColumnKind kindOf(int i) {
      long n = nonNull[i];
      if (n == 0) {
        return ColumnKind.SHORT_TEXT;
      }
      int seen = distinct.get(i).size();
      double avgTokens = (double) tokens[i] / n;
      if (dates[i] >= 0.9 * n) {
        return ColumnKind.DATE;
      }
      if (seen <= Math.max(12, Math.min(60, n / 50)) && seen * 2 <= n && avgTokens <= 3) {
        return ColumnKind.CATEGORY;
      }
      if (numeric[i] >= 0.9 * n) {
        boolean fixedWidth = integers[i] >= 0.9 * n && widths.get(i).size() <= 2;
        return fixedWidth ? ColumnKind.IDENTIFIER : ColumnKind.NUMBER;
      }
      if (avgTokens > 5) {
        return ColumnKind.LONG_TEXT;
      }
      return ColumnKind.SHORT_TEXT;
    }
  }
}
