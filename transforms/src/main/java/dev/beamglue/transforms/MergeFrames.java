package dev.beamglue.transforms;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Glue's mergeDynamicFrame: the records of a staging frame replace the records of a source frame
 * that have the same primary key; the other records of both frames are kept.
 *
 * <p>{@code MergeFrames.frames(customers, updates).apply(MergeFrames.on("id"))}
 *
 * <p>As in Glue, nothing is deduplicated: for each key, if the staging frame has records with it,
 * all of them are output and none of the source's; otherwise all of the source's are. So two
 * staging records with one key both replace the source's records of that key (deduplicate the
 * staging frame first to keep one). A record with a null key column has no key: it replaces
 * nothing and is kept, from either frame. Keys are Glue paths, present in both frames, compared as
 * {@link Join} compares keys (an int key matches a long one, a numeric key its decimal text).
 *
 * <p>The output schema unifies the two frames' schemas as {@link UnionFrames} does ({@link
 * SchemaUnion}); a field one frame lacks is null in its records.
 */
public final class MergeFrames extends PTransform<PCollectionTuple, PCollection<Row>> {

  /** The tag of the source frame in the input tuple. */
  public static final TupleTag<Row> SOURCE = new TupleTag<>("source");

  /** The tag of the staging frame in the input tuple. */
  public static final TupleTag<Row> STAGING = new TupleTag<>("staging");

  /** The step name in messages. */
  public static final String STEP = "MergeFrames";

  private final List<String> primaryKeys;

  private MergeFrames(List<String> primaryKeys) {
    JoinKeys.checkKeys(STEP, primaryKeys, primaryKeys);
    this.primaryKeys = List.copyOf(primaryKeys);
  }

  /** Merges on the given primary key columns (Glue paths). */
  public static MergeFrames on(String... primaryKeys) {
    return on(Arrays.asList(primaryKeys));
  }

  /** Merges on the given primary key columns (Glue paths). */
  public static MergeFrames on(List<String> primaryKeys) {
    return new MergeFrames(primaryKeys);
  }

  /** The input: {@code source} under {@link #SOURCE}, {@code staging} under {@link #STAGING}. */
  public static PCollectionTuple frames(PCollection<Row> source, PCollection<Row> staging) {
    return PCollectionTuple.of(SOURCE, source).and(STAGING, staging);
  }

  public List<String> getPrimaryKeys() {
    return primaryKeys;
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple input) {
    if (!input.has(SOURCE) || !input.has(STAGING)) {
      throw new IllegalArgumentException(
          "MergeFrames needs a source and a staging frame: apply it to "
              + "MergeFrames.frames(source, staging).");
    }
    PCollection<Row> source = input.get(SOURCE);
    PCollection<Row> staging = input.get(STAGING);
    JoinKeys keys =
        JoinKeys.plan(
            STEP,
            "source",
            source.getSchema(),
            primaryKeys,
            "staging",
            staging.getSchema(),
            primaryKeys);
    Schema unified = SchemaUnion.unify(List.of(source.getSchema(), staging.getSchema()));

    JoinKeys.Keyed s = JoinKeys.key(source, "KeySource", keys.left(), keys.keySchema());
    JoinKeys.Keyed t = JoinKeys.key(staging, "KeyStaging", keys.right(), keys.keySchema());
    PCollection<Row> merged =
        KeyedPCollectionTuple.of(SOURCE, s.keyed)
            .and(STAGING, t.keyed)
            .apply("Group", CoGroupByKey.create())
            .apply(
                "Merge",
                ParDo.of(
                    new MergeFn(
                        SchemaUnion.conformer(source.getSchema(), unified),
                        SchemaUnion.conformer(staging.getSchema(), unified))))
            .setRowSchema(unified);
    PCollection<Row> sourceWithoutKey =
        s.unkeyed.apply("CastSourceWithoutKey", SchemaUnion.castTo(unified));
    PCollection<Row> stagingWithoutKey =
        t.unkeyed.apply("CastStagingWithoutKey", SchemaUnion.castTo(unified));
    return PCollectionList.of(merged)
        .and(sourceWithoutKey)
        .and(stagingWithoutKey)
        .apply("Together", Flatten.pCollections());
  }

  private static final class MergeFn extends DoFn<KV<Row, CoGbkResult>, Row> {
    private final SchemaUnion.Conformer source;
    private final SchemaUnion.Conformer staging;

    MergeFn(SchemaUnion.Conformer source, SchemaUnion.Conformer staging) {
      this.source = source;
      this.staging = staging;
    }

    @ProcessElement
    public void process(@Element KV<Row, CoGbkResult> group, OutputReceiver<Row> out) {
      boolean replaced = false;
      for (Row row : group.getValue().getAll(STAGING)) {
        replaced = true;
        out.output(staging.apply(row));
      }
      if (!replaced) {
        for (Row row : group.getValue().getAll(SOURCE)) {
          out.output(source.apply(row));
        }
      }
    }
  }
}
