package dev.beamglue.pipelines.playground;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes a synthetic IRS "individual income by zip code" file for 2016 with the layout of {@code
 * 16zpallagi.csv} ({@link IrsColumns}): every state and DC in FIPS order, plausible zip codes from
 * each state's postal prefixes in ascending order, six rows per zip code ({@code agi_stub} 1 to 6),
 * counts of returns that shrink as the income bracket rises, and amounts in thousands of dollars.
 * The same seed and scale give the same bytes.
 *
 * <p>{@code IrsIncomeGenerator.withSeed(2016).withZipCodes("NY", parkZips).writeTo(path);}
 *
 * <p>At scale 1 a state has about a tenth of the zip codes the real file has for it (2,800 in all,
 * 17,000 rows, 15 MB), plus every code given with {@link #withZipCodes}. {@link #withScale}
 * multiplies the drawn codes; a state's drawn codes at a small scale are among those of a larger
 * one. The values of a zip code depend only on the seed and the code, so the required codes (the
 * parks' codes) carry the same values at every scale. When a scale asks for more codes than a
 * state's prefixes hold, the drawn codes repeat, with other values, in further rounds (the IRS
 * file never repeats a code; the required codes are never repeated). The real file also has a
 * state-total row (zipcode 0) and an "other zip codes" row (99999) per state; this one has not.
 */
public final class IrsIncomeGenerator {

  /** The default seed. */
  public static final long DEFAULT_SEED = 2016;

  /** The number of agi_stub rows per zip code. */
  public static final int BRACKETS = 6;

  // Shares of a zip code's returns per bracket (before noise), shrinking with income.
  private static final double[] BRACKET_SHARE = {0.33, 0.24, 0.16, 0.11, 0.10, 0.06};
  // Mean adjusted gross income per return in the bracket, in thousands of dollars.
  private static final double[] MEAN_AGI = {11, 37, 61, 87, 137, 520};
  private static final double[] SINGLE = {0.62, 0.48, 0.33, 0.21, 0.11, 0.07};
  private static final double[] JOINT = {0.14, 0.26, 0.47, 0.66, 0.83, 0.89};
  private static final double[] HEAD_OF_HOUSEHOLD = {0.22, 0.24, 0.17, 0.11, 0.05, 0.03};
  private static final double[] PAID_PREPARER = {0.52, 0.50, 0.52, 0.55, 0.58, 0.68};
  private static final double[] EXEMPTIONS = {1.45, 1.85, 2.0, 2.3, 2.65, 2.7};
  private static final double[] DEPENDENTS = {0.45, 0.62, 0.55, 0.62, 0.75, 0.8};
  private static final double[] VOLUNTEER = {0.012, 0.008, 0.004, 0.002, 0.001, 0.0005};
  private static final double[] VOLUNTEER_EIC = {0.004, 0.002, 0, 0, 0, 0};
  private static final double[] REFUND_CHECK = {0.10, 0.09, 0.05, 0.03, 0.01, 0.005};
  private static final double[] ELDERLY = {0.22, 0.22, 0.24, 0.25, 0.24, 0.30};
  // How much more often (and larger) other income and deduction items occur as income rises.
  private static final double[] ITEM_RISE = {0.4, 0.7, 1.0, 1.3, 1.8, 2.4};

  private final long seed;
  private final double scale;
  private final Map<String, TreeSet<Integer>> required;

  private IrsIncomeGenerator(long seed, double scale, Map<String, TreeSet<Integer>> required) {
    this.seed = seed;
    this.scale = scale;
    this.required = required;
  }

  /** A generator with this seed, scale 1 and no required zip codes. */
  public static IrsIncomeGenerator withSeed(long seed) {
    return new IrsIncomeGenerator(seed, 1.0, new TreeMap<>());
  }

  /** Multiplies the number of drawn zip codes per state; must be more than 0. */
  public IrsIncomeGenerator withScale(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "The income scale must be a number above 0, not " + scale + ".");
    }
    return new IrsIncomeGenerator(seed, scale, required);
  }

  /** Makes the file hold these zip codes of the state (a postal abbreviation such as NY). */
  public IrsIncomeGenerator withZipCodes(String state, Collection<Integer> zips) {
    UsStates.byCode(state);
    Map<String, TreeSet<Integer>> more = new TreeMap<>();
    required.forEach((k, v) -> more.put(k, new TreeSet<>(v)));
    more.computeIfAbsent(state, k -> new TreeSet<>()).addAll(zips);
    return new IrsIncomeGenerator(seed, scale, more);
  }

  /** The columns of the file, in order. */
  public static List<String> columns() {
    return IrsColumns.ALL;
  }

  /** Writes the file (a header, then the rows) to any Beam file system path; returns the rows. */
  public long writeTo(String path) {
    // The stream owns the channel: closing both would close an S3 upload twice, and the second
    // completion of the same multipart upload fails.
    try (OutputStream out = Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT))) {
      return write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the income file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes the file to the stream (left open); returns the number of rows after the header. */
  public long write(OutputStream stream) throws IOException {
    Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    out.write(String.join(",", IrsColumns.ALL));
    out.write('\n');
    long rows = 0;
    StringBuilder line = new StringBuilder(1024);
    long[] values = new long[IrsColumns.MEASURES.size()];
    for (UsStates.State state : UsStates.ALL) {
      for (long zipAndRound : zipCodes(state)) {
        int zip = (int) (zipAndRound >>> 32);
        int round = (int) zipAndRound;
        Random random = new Random(mix(seed, state.fips(), zip, round));
        double returns = Math.exp(Math.log(300) + random.nextDouble() * Math.log(100));
        double tilt = random.nextDouble() * 2 - 1; // poorer (-1) to richer (+1) zip codes
        long previous = Long.MAX_VALUE;
        for (int stub = 0; stub < BRACKETS; stub++) {
          double share = BRACKET_SHARE[stub] * Math.exp(tilt * 0.25 * (stub - 2.5));
          long n1 = Math.min(previous, Math.max(10, Math.round(returns * share * random.noise())));
          previous = n1;
          fill(values, stub, n1, random);
          line.setLength(0);
          line.append(state.fips()).append(',').append(state.code()).append(',').append(zip)
              .append(',').append(stub + 1);
          for (long value : values) {
            line.append(',').append(value);
          }
          line.append('\n');
          out.append(line);
          rows++;
        }
      }
    }
    out.flush();
    return rows;
  }

  /**
   * The state's zip codes in file order, each with its round in the low 32 bits: the required and
   * drawn codes ascending (round 0), then repeated drawn codes (rounds 1, 2, ...) when the scale
   * asks for more codes than the state's prefixes hold.
   */
  List<Long> zipCodes(UsStates.State state) {
    TreeSet<Integer> must = required.getOrDefault(state.code(), new TreeSet<>());
    long wanted = Math.max(1, Math.round(state.zipsAtScaleOne() * scale));
    int space = state.codeSpace();
    int[] order = new int[space];
    for (int i = 0; i < space; i++) {
      order[i] = i;
    }
    Random random = new Random(mix(seed, state.fips(), -1, -1));
    List<Integer> drawn = new ArrayList<>();
    for (int i = 0; i < space && drawn.size() < wanted; i++) {
      int j = i + (int) (random.nextLong(space - i));
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      int code = state.codeAt(order[i]);
      if (!must.contains(code)) {
        drawn.add(code);
      }
    }
    TreeSet<Integer> first = new TreeSet<>(must);
    first.addAll(drawn);
    List<Long> codes = new ArrayList<>();
    for (int zip : first) {
      codes.add((long) zip << 32);
    }
    drawn.sort(null);
    long missing = wanted - drawn.size();
    for (int round = 1; missing > 0 && !drawn.isEmpty(); round++) {
      for (int i = 0; i < drawn.size() && missing > 0; i++, missing--) {
        codes.add(((long) drawn.get(i) << 32) | round);
      }
    }
    return codes;
  }

  private static void fill(long[] values, int stub, long n1, Random random) {
    List<String> names = IrsColumns.MEASURES;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      long value;
      switch (name) {
        case "N1":
        case "N02650":
          value = n1;
          break;
        case "MARS1":
          value = count(n1, SINGLE[stub], random);
          break;
        case "MARS2":
          value = count(n1, JOINT[stub], random);
          break;
        case "MARS4":
          value = count(n1, HEAD_OF_HOUSEHOLD[stub], random);
          break;
        case "PREP":
          value = count(n1, PAID_PREPARER[stub], random);
          break;
        case "N2":
          value = count(n1, EXEMPTIONS[stub], random);
          break;
        case "NUMDEP":
          value = count(n1, DEPENDENTS[stub], random);
          break;
        case "TOTAL_VITA":
          value = count(n1, VOLUNTEER[stub], random);
          break;
        case "VITA":
          value = Math.round(values[i - 1] * 0.65);
          break;
        case "TCE":
          value = values[i - 2] - values[i - 1];
          break;
        case "VITA_EIC":
          value = count(n1, VOLUNTEER_EIC[stub], random);
          break;
        case "RAL":
          value = 0;
          break;
        case "RAC":
          value = count(n1, REFUND_CHECK[stub], random);
          break;
        case "ELDERLY":
          value = count(n1, ELDERLY[stub], random);
          break;
        case "A00100":
        case "A02650":
          value = Math.round(n1 * MEAN_AGI[stub] * random.noise());
          break;
        default:
          value = item(name, i, values, stub, n1, random);
      }
      values[i] = value;
    }
  }

  /** Another count ({@code N...}, SCHF) or amount ({@code A...}) column, shaped by its name. */
  private static long item(String name, int i, long[] values, int stub, long n1, Random random) {
    long shape = mix(0, name.hashCode(), 0, 0);
    if (name.startsWith("A")) {
      double perReturn = 0.2 + ((shape >>> 8) & 0xFFFF) / 65535.0 * 20; // thousands of dollars
      long holders = i > 0 && IrsColumns.MEASURES.get(i - 1).equals("N" + name.substring(1))
          ? values[i - 1]
          : count(n1, 0.3, random);
      return Math.round(holders * perReturn * ITEM_RISE[stub] * random.noise());
    }
    double share = 0.01 + (shape & 0xFFFF) / 65535.0 * 0.6;
    return count(n1, Math.min(0.95, share * ITEM_RISE[stub]), random);
  }

  private static long count(long n1, double share, Random random) {
    return Math.round(n1 * share * random.noise());
  }

  /** A 64-bit mix of the seed and the coordinates (SplitMix64's finalizer over each). */
  static long mix(long seed, int a, int b, int c) {
    long h = seed;
    h = finish(h + 0x9E3779B97F4A7C15L * (a + 1L));
    h = finish(h + 0x9E3779B97F4A7C15L * (b + 2L));
    h = finish(h + 0x9E3779B97F4A7C15L * (c + 3L));
    return h;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** SplitMix64: a small generator whose sequence is fixed here, not by a JDK version. */
  private static final class Random {
    private long state;

    Random(long seed) {
      this.state = seed;
    }

    long next() {
      state += 0x9E3779B97F4A7C15L;
      return finish(state);
    }

    double nextDouble() {
      return (next() >>> 11) * 0x1.0p-53;
    }

    long nextLong(long bound) {
      return Math.floorMod(next(), bound);
    }

    /** A factor between 0.9 and 1.1. */
    double noise() {
      return 0.9 + nextDouble() * 0.2;
    }
  }
}
