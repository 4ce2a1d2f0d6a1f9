package dev.beamglue.benchmarks.findmatches;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic generator of Febrl-style person records: originals and duplicates with typos,
 * swapped and missing values, any number of them, the same for the same size and seed.
 *
 * <p>{@code FebrlPersons.standard().write(1_000_000, writer);}
 *
 * <p>Columns are the Febrl data sets': {@code rec_id, given_name, surname, street_number,
 * address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id}. Names, streets,
 * localities, suburbs, postcodes and states are drawn from the values of the original records of
 * the real Febrl data sets (the resource {@code febrl-pools.txt}, taken from {@code
 * ../shared/data/findmatches/febrl/}); street numbers, dates of birth and social security numbers
 * are drawn as Febrl draws them. An original is {@code rec-N-org}; its duplicates, when it has any
 * (40% of originals have 1 to 3), are {@code rec-N-dup-K}, so two records match exactly when their
 * {@code N} agree ({@link #entity}). A duplicate carries 1 to 3 modifications: a character typo
 * (insert, delete, substitute, transpose), a missing value, given name and surname swapped, day
 * and month swapped, a digit changed, or a value replaced by another of its pool. Every record is
 * generated from its own number, so the output depends only on the size and the seed.
 */
public final class FebrlPersons {

  /** The CSV header, as the Febrl data sets name their columns. */
  public static final List<String> COLUMNS =
      List.of(
          "rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb",
          "postcode", "state", "date_of_birth", "soc_sec_id");

  private static final String POOLS = "febrl-pools.txt";
  private static final String KEYBOARD = "qwertyuiopasdfghjklzxcvbnm";

  private final Map<String, List<String>> pools;
  private final long seed;

  private FebrlPersons(Map<String, List<String>> pools, long seed) {
    this.pools = pools;
    this.seed = seed;
  }

  /** The generator with the Febrl pools and seed 42. */
  public static FebrlPersons standard() {
    return new FebrlPersons(loadPools(), 42);
  }

  /** The same pools with another seed. */
  public FebrlPersons withSeed(long seed) {
    return new FebrlPersons(pools, seed);
  }

  /** A pool of real values: given_name, surname, address_1, address_2, suburb, postcode or state. */
  public List<String> pool(String column) {
    List<String> pool = pools.get(column);
    if (pool == null) {
      throw new IllegalArgumentException("FebrlPersons has no pool for the column '" + column + "'.");
    }
    return pool;
  }

  /** The entity a record id names: {@code rec-N} for {@code rec-N-org} and {@code rec-N-dup-K}. */
  public static String entity(String id) {
    int second = id.indexOf('-', 4);
    return second < 0 ? id : id.substring(0, second);
  }

  /** The number of duplicates of original {@code n}: 0 for 60%, 1 for 25%, 2 for 10%, 3 for 5%. */
  int duplicates(long n) {
    int draw = (int) Long.remainderUnsigned(mix(seed * 31 + n) , 100);
    return draw < 60 ? 0 : draw < 85 ? 1 : draw < 95 ? 2 : 3;
  }

  /** The first {@code count} records, in order: each original followed by its duplicates. */
  public List<List<String>> records(int count) {
    List<List<String>> out = new ArrayList<>(count);
    forEach(count, out::add);
    return out;
  }

  /** Writes the header and the first {@code count} records as CSV. */
  public void write(long count, Writer out) throws IOException {
    out.write(String.join(",", COLUMNS));
    out.write('\n');
    IOException[] failed = new IOException[1];
    StringBuilder line = new StringBuilder(160);
    forEach(
        count,
        values -> {
          if (failed[0] != null) {
            return;
          }
          line.setLength(0);
          for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
              line.append(',');
            }
            line.append(values.get(i));
          }
          line.append('\n');
          try {
            out.write(line.toString());
          } catch (IOException e) {
            failed[0] = e;
          }
        });
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  private void forEach(long count, java.util.function.Consumer<List<String>> sink) {
    long written = 0;
    for (long n = 0; written < count; n++) {
      List<String> original = original(n);
      List<String> org = new ArrayList<>(original.size() + 1);
      org.add("rec-" + n + "-org");
      org.addAll(original);
      sink.accept(org);
      written++;
      int dups = duplicates(n);
      for (int k = 0; k < dups && written < count; k++) {
        List<String> dup = new ArrayList<>(original.size() + 1);
        dup.add("rec-" + n + "-dup-" + k);
        dup.addAll(duplicate(original, n, k));
        sink.accept(dup);
        written++;
      }
    }
  }

  /** The ten values of original {@code n}, without its id. */
  List<String> original(long n) {
    SplittableRandom r = new SplittableRandom(mix(seed ^ mix(n * 2 + 1)));
    List<String> v = new ArrayList<>(10);
    v.add(r.nextInt(100) < 3 ? "" : pick(r, "given_name"));
    v.add(r.nextInt(100) < 2 ? "" : pick(r, "surname"));
    int number = r.nextInt(100) < 70 ? 1 + r.nextInt(99) : 1 + r.nextInt(999);
    v.add(r.nextInt(100) < 5 ? "" : Integer.toString(number));
    v.add(pick(r, "address_1"));
    v.add(r.nextInt(100) < 40 ? "" : pick(r, "address_2"));
    v.add(pick(r, "suburb"));
    v.add(pick(r, "postcode"));
    v.add(pick(r, "state"));
    int year = 1900 + r.nextInt(100);
    int month = 1 + r.nextInt(12);
    int day = 1 + r.nextInt(28);
    v.add(String.format(java.util.Locale.ROOT, "%04d%02d%02d", year, month, day));
    v.add(Integer.toString(1_000_000 + r.nextInt(9_000_000)));
    return v;
  }

  /** Duplicate {@code k} of an original: 1 to 3 modifications, Febrl's kinds. */
  List<String> duplicate(List<String> original, long n, int k) {
    SplittableRandom r = new SplittableRandom(mix(seed ^ mix(n * 2 + 2) ^ (k + 1) * 0x9E3779B97F4A7C15L));
    List<String> v = new ArrayList<>(original);
    int changes = 1 + r.nextInt(3);
    for (int c = 0; c < changes; c++) {
      int field = r.nextInt(v.size());
      int kind = r.nextInt(100);
      if (kind < 45) {
        v.set(field, typo(r, v.get(field)));
      } else if (kind < 60) {
        v.set(field, "");
      } else if (kind < 68) {
        String given = v.get(0);
        v.set(0, v.get(1));
        v.set(1, given);
      } else if (kind < 74) {
        String date = v.get(8);
        if (date.length() == 8) {
          v.set(8, date.substring(0, 4) + date.substring(6, 8) + date.substring(4, 6));
        }
      } else if (kind < 88) {
        v.set(field, digit(r, v.get(field)));
      } else {
        String column = COLUMNS.get(field + 1);
        if (pools.containsKey(column) && !column.equals("state")) {
          v.set(field, pick(r, column));
        } else {
          v.set(field, typo(r, v.get(field)));
        }
      }
    }
    return v;
  }

  private String pick(SplittableRandom r, String column) {
    List<String> pool = pools.get(column);
    return pool.get(r.nextInt(pool.size()));
  }

  /** One character inserted, deleted, substituted or two transposed. */
  static String typo(SplittableRandom r, String value) {
    if (value.isEmpty()) {
      return value;
    }
    StringBuilder s = new StringBuilder(value);
    int at = r.nextInt(s.length());
    char letter = KEYBOARD.charAt(r.nextInt(KEYBOARD.length()));
    switch (r.nextInt(4)) {
      case 0 -> s.insert(at, letter);
      case 1 -> {
        if (s.length() > 1) {
          s.deleteCharAt(at);
        } else {
          s.insert(at, letter);
        }
      }
      case 2 -> s.setCharAt(at, Character.isDigit(s.charAt(at)) ? (char) ('0' + r.nextInt(10)) : letter);
      default -> {
        if (at + 1 < s.length()) {
          char a = s.charAt(at);
          s.setCharAt(at, s.charAt(at + 1));
          s.setCharAt(at + 1, a);
        } else {
          s.append(letter);
        }
      }
    }
    return s.toString();
  }

  /** One digit of a number changed; text gets a typo instead. */
  static String digit(SplittableRandom r, String value) {
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < value.length(); i++) {
      if (Character.isDigit(value.charAt(i))) {
        digits.add(i);
      }
    }
    if (digits.isEmpty()) {
      return typo(r, value);
    }
    int at = digits.get(r.nextInt(digits.size()));
    char old = value.charAt(at);
    char now = (char) ('0' + (old - '0' + 1 + r.nextInt(9)) % 10);
    return value.substring(0, at) + now + value.substring(at + 1);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb93f53fe1a85L;
    return z ^ (z >>> 33);
  }

  private static Map<String, List<String>> loadPools() {
    Map<String, List<String>> pools = new LinkedHashMap<>();
    try (InputStream in = FebrlPersons.class.getResourceAsStream(POOLS)) {
      if (in == null) {
        throw new IllegalStateException("The resource " + POOLS + " is missing from the benchmarks jar.");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> current = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isEmpty()) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          current = new ArrayList<>();
          pools.put(line.substring(1, line.length() - 1), current);
        } else if (current != null) {
          current.add(line);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read the resource " + POOLS + ": " + e.getMessage(), e);
    }
    for (Map.Entry<String, List<String>> e : pools.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    return Map.copyOf(pools);
  }
}
