package dev.beamglue.transforms.ml;

import dev.beamglue.transforms.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.HashFunction;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;

/**
 * Splits rows into a training and a validation set by a hash of each row's content and a seed, so
 * that the split is the same on every runner and every run, whatever the bundling, the order and
 * the parallelism: a row goes to training when {@link #position} (a number in [0, 1) drawn from
 * the hash) is below the fraction. About {@code fraction} of the rows go to training.
 *
 * <p>{@code TrainValidation split = rows.apply(DeterministicSplit.of(0.8, 42).byFields("id"));}
 *
 * <p>The hash is the 128-bit MurmurHash3 (seed 0; its first 8 bytes read as a little-endian long,
 * whose top 53 bits give the position) of the seed as 8 little-endian bytes followed by the UTF-8
 * bytes of the row's canonical text ({@link CanonicalJson}: the values in
 * field order; with {@link #byFields} only those fields' values, in the order named). Rows with
 * equal content therefore land on the same side, which keeps duplicates out of both sets at once.
 * Both outputs have the input schema.
 */
public final class DeterministicSplit extends PTransform<PCollection<Row>, TrainValidation> {

  private static final HashFunction MURMUR = Hashing.murmur3_128();

  private final double fraction;
  private final long seed;
  private final List<String> fields;

  private DeterministicSplit(double fraction, long seed, List<String> fields) {
    this.fraction = fraction;
    this.seed = seed;
    this.fields = fields;
  }

  /** Sends about {@code fraction} (0 to 1) of the rows to training, the rest to validation. */
  public static DeterministicSplit of(double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "The training fraction must be between 0 and 1, not " + fraction + ".");
    }
    return new DeterministicSplit(fraction, seed, Collections.emptyList());
  }

  /** Hashes only these top-level fields, in this order (for example an id), not the whole row. */
  public DeterministicSplit byFields(String... fields) {
    if (fields.length == 0) {
      throw new IllegalArgumentException("DeterministicSplit.byFields needs at least one field.");
    }
    return new DeterministicSplit(fraction, seed, List.of(fields));
  }

  public double getFraction() {
    return fraction;
  }

  public long getSeed() {
    return seed;
  }

  /** Where a canonical text falls in [0, 1) for a seed; training takes positions below the fraction. */
  public static double position(long seed, String canonicalText) {
    long hash =
        MURMUR.newHasher().putLong(seed).putString(canonicalText, StandardCharsets.UTF_8).hash()
            .asLong();
    return (hash >>> 11) * 0x1.0p-53;
  }

  @Override
  public TrainValidation expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    int[] positions = new int[fields.size()];
    List<FieldType> types = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      String field = fields.get(i);
      if (!schema.hasField(field)) {
        throw new IllegalArgumentException(
            "DeterministicSplit.byFields names '" + field + "', which is not a field of the rows: "
                + schema.getFieldNames() + ".");
      }
      positions[i] = schema.indexOf(field);
      types.add(schema.getField(field).getType());
    }
    PCollectionTuple split =
        input.apply(
            "Split by hash",
            ParDo.of(new SplitFn(fraction, seed, positions, types))
                .withOutputTags(TrainValidation.TRAIN, TupleTagList.of(TrainValidation.VALIDATION)));
    PCollection<Row> train = split.get(TrainValidation.TRAIN).setRowSchema(schema);
    PCollection<Row> validation = split.get(TrainValidation.VALIDATION).setRowSchema(schema);
    return TrainValidation.of(train, validation);
  }

  private static final class SplitFn extends DoFn<Row, Row> {
    private final double fraction;
    private final long seed;
    private final int[] positions;
    private final List<FieldType> types;

    SplitFn(double fraction, long seed, int[] positions, List<FieldType> types) {
      this.fraction = fraction;
      this.seed = seed;
      this.positions = positions;
      this.types = types;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      String text;
      if (positions.length == 0) {
        text = CanonicalJson.of(row);
      } else {
        Object[] values = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
          values[i] = row.getValue(positions[i]);
        }
        text = CanonicalJson.ofValues(types, values);
      }
      boolean train = position(seed, text) < fraction;
      out.get(train ? TrainValidation.TRAIN : TrainValidation.VALIDATION).output(row);
    }
  }
}
