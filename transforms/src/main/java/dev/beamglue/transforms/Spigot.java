package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.RowJson;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;

/**
 * Glue's Spigot: passes every row through unchanged and writes a sample of them, as JSON lines
 * ({@link RowJson}), to files for inspection.
 *
 * <p>{@code rows.apply(Spigot.to("s3://bucket/samples/events").first(20)).apply(...)}
 *
 * <p>The files are Beam {@link TextIO} shards named {@code <prefix>-SSSSS-of-NNNNN.json}; the
 * prefix may be any path Beam's file systems know. Two samples:
 *
 * <ul>
 *   <li>{@link #first(int) first(k)} (the default, with k = 100 as Glue's {@code topk} allows at
 *       most): Glue writes the first k records read, but a Beam collection has no order, so this
 *       writes the k records whose JSON text is the smallest, sorted, in one file: the same lines
 *       on every runner and every run. The k lines are gathered on one worker.
 *   <li>{@link #withProbability(double, long) withProbability(p, seed)}: each record is written
 *       with probability p, decided from a hash of the seed and the record's JSON text, so the
 *       same input and seed always give the same sample, on any runner and any number of
 *       workers; equal records are either all written or none.
 * </ul>
 *
 * <p>Of {@code first} and {@code withProbability}, the one called last applies. The output is the
 * input: same schema, same rows. The input must be bounded and globally
 * windowed (a batch job).
 */
public final class Spigot extends PTransform<PCollection<Row>, PCollection<Row>> {

  /** How many rows {@link #to(String)} writes when no sample is chosen. */
  public static final int DEFAULT_FIRST = 100;

  private final String prefix;
  private final int first; // -1 with a probability
  private final double probability;
  private final long seed;

  private Spigot(String prefix, int first, double probability, long seed) {
    this.prefix = prefix;
    this.first = first;
    this.probability = probability;
    this.seed = seed;
  }

  /** Writes the first {@value #DEFAULT_FIRST} rows to files named from {@code pathPrefix}. */
  public static Spigot to(String pathPrefix) {
    if (pathPrefix == null || pathPrefix.isBlank()) {
      throw new IllegalArgumentException("Spigot.to needs a path prefix to write the sample to.");
    }
    return new Spigot(pathPrefix, DEFAULT_FIRST, 0, 0);
  }

  /** Writes the k rows with the smallest JSON text, sorted; k may be 0 (an empty file). */
  public Spigot first(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("Spigot.first needs k >= 0, not " + k + ".");
    }
    return new Spigot(prefix, k, 0, 0);
  }

  /** Writes each row with probability {@code p} (0 to 1), the same rows for the same seed. */
  public Spigot withProbability(double p, long seed) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "Spigot.withProbability needs a probability from 0 to 1, not " + p + ".");
    }
    return new Spigot(prefix, -1, p, seed);
  }

  public String getPrefix() {
    return prefix;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    TextIO.Write write = TextIO.write().to(prefix).withSuffix(".json");
    if (first >= 0) {
      // Each bundle keeps its k smallest first: runners that do not lift combiners (Flink's
      // DataStream batch mode) would otherwise send every record to one worker.
      input
          .apply("Smallest per bundle", ParDo.of(new SmallestPerBundleFn(first)))
          .setCoder(StringUtf8Coder.of())
          .apply("Smallest " + first, Top.<String>smallest(first))
          .apply("As one text", ParDo.of(new JoinLinesFn()))
          .setCoder(StringUtf8Coder.of())
          .apply("Write sample", write.withNumShards(1));
    } else {
      input
          .apply("Sample", ParDo.of(new SampleFn(probability, seed)))
          .setCoder(StringUtf8Coder.of())
          .apply("Write sample", write);
    }
    return input
        .apply("Pass through", ParDo.of(new PassThroughFn()))
        .setRowSchema(input.getSchema());
  }

  /**
   * Whether the record with this JSON text is in the probability sample: the top 53 bits of a
   * 128-bit MurmurHash3 of the seed and the text, as a fraction of 1, below {@code p}.
   */
  static boolean sampled(String json, double p, long seed) {
    long hash =
        Hashing.murmur3_128()
            .newHasher()
            .putLong(seed)
            .putString(json, StandardCharsets.UTF_8)
            .hash()
            .asLong();
    return (hash >>> 11) * 0x1.0p-53 < p;
  }

  /** The JSON text of the records the probability sample takes. */
  private static final class SampleFn extends DoFn<Row, String> {
    private final double probability;
    private final long seed;

    SampleFn(double probability, long seed) {
      this.probability = probability;
      this.seed = seed;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<String> out) {
      String json = RowJson.toJson(row);
      if (sampled(json, probability, seed)) {
        out.output(json);
      }
    }
  }

  /** The k smallest JSON texts of each bundle, duplicates included. */
  private static final class SmallestPerBundleFn extends DoFn<Row, String> {
    private final int k;
    private transient PriorityQueue<String> largestFirst;

    SmallestPerBundleFn(int k) {
      this.k = k;
    }

    @StartBundle
    public void startBundle() {
      largestFirst = new PriorityQueue<>(Comparator.reverseOrder());
    }

    @ProcessElement
    public void process(@Element Row row) {
      if (k == 0) {
        return;
      }
      String json = RowJson.toJson(row);
      if (largestFirst.size() < k) {
        largestFirst.add(json);
      } else if (json.compareTo(largestFirst.peek()) < 0) {
        largestFirst.poll();
        largestFirst.add(json);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      for (String json : largestFirst) {
        context.output(json, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      largestFirst = null;
    }
  }

  /** The sorted lines as one element, so that the file keeps their order; none when empty. */
  private static final class JoinLinesFn extends DoFn<List<String>, String> {
    @ProcessElement
    public void process(@Element List<String> lines, OutputReceiver<String> out) {
      if (!lines.isEmpty()) {
        out.output(String.join("\n", lines));
      }
    }
  }

  private static final class PassThroughFn extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(row);
    }
  }
}
