package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Glue's FindMatches: finds records that refer to the same thing and gives them the same
 * {@code match_id}, deduplicating one source or, with a source column, linking sources.
 *
 * <p>{@code PCollection<Row> out = rows.apply(FindMatches.onKey("id").withPrecisionRecallTradeoff(0.7));}
 *
 * <p>Steps, all in Beam but the model fit: the compared columns are profiled (kinds, token
 * frequencies); blocking keys group records into blocks of bounded size whose pairs are compared
 * ({@link Blocking}, {@link Features}); without a model, Fellegi-Sunter weights are fitted by EM on
 * at most {@value ModelFit#SAMPLE} candidate pairs in memory; every pair is scored; pairs at or
 * above the threshold are clustered in memory ({@link Clustering}: held there are only these match
 * edges, never the records), and the clusters are joined back to the rows. The output is the input
 * schema plus {@code match_id} (the key's type: the smallest key of the record's cluster, its own
 * key when it matches nothing) and, with {@link #computeMatchConfidenceScores()}, {@code
 * match_confidence_score} (a double in [0, 1]: for a matched record the mean probability of its
 * edges in the cluster, for a lone record one minus its best pair's probability). The result is
 * the same on every runner. A primary key value occurring twice fails the pipeline naming it.
 */
public final class FindMatches extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final String key;
  private final String sourceColumn;
  private final List<String> columns;
  private final double precisionRecall;
  private final double accuracyCost;
  private final MatchModel model;
  private final boolean enforceLabels;
  private final boolean confidence;

  private FindMatches(
      String key,
      String sourceColumn,
      List<String> columns,
      double precisionRecall,
      double accuracyCost,
      MatchModel model,
      boolean enforceLabels,
      boolean confidence) {
    this.key = key;
    this.sourceColumn = sourceColumn;
    this.columns = List.copyOf(columns);
    this.precisionRecall = precisionRecall;
    this.accuracyCost = accuracyCost;
    this.model = model;
    this.enforceLabels = enforceLabels;
    this.confidence = confidence;
    ModelFit.threshold(precisionRecall); // validates
    Blocking.of(new Profile.Builder(List.of()).build(), accuracyCost); // validates
  }

  /** Matches the rows of a frame whose primary key is the field {@code key}. */
  public static FindMatches onKey(String key) {
    return new FindMatches(key, null, List.of(), 0.5, 0.5, null, false, false);
  }

  /** 0 favours recall, 1 precision; 0.5 by default. Ignored when a model is given. */
  public FindMatches withPrecisionRecallTradeoff(double tradeoff) {
    return new FindMatches(key, sourceColumn, columns, tradeoff, accuracyCost, model, enforceLabels, confidence);
  }

  /** 0 compares fewest pairs, 1 most; 0.5 by default. Ignored when a model is given. */
  public FindMatches withAccuracyCostTradeoff(double tradeoff) {
    return new FindMatches(key, sourceColumn, columns, precisionRecall, tradeoff, model, enforceLabels, confidence);
  }

  /** Uses a taught model (its columns, kinds, weights, threshold and blocking) instead of EM. */
  public FindMatches withModel(MatchModel model) {
    return new FindMatches(key, sourceColumn, columns, precisionRecall, accuracyCost, model, enforceLabels, confidence);
  }

  /** Linkage: records match only across the values of this column. */
  public FindMatches withSourceColumn(String column) {
    return new FindMatches(key, column, columns, precisionRecall, accuracyCost, model, enforceLabels, confidence);
  }

  /** Compares only these columns (by default all but the key and the source column). */
  public FindMatches withColumns(String... names) {
    return new FindMatches(key, sourceColumn, List.of(names), precisionRecall, accuracyCost, model, enforceLabels, confidence);
  }

  /** Labeled pairs of the model win over its predictions: labeled matches together, non-matches apart. */
  public FindMatches enforceProvidedLabels() {
    return new FindMatches(key, sourceColumn, columns, precisionRecall, accuracyCost, model, true, confidence);
  }

  /** Adds {@code match_confidence_score}. */
  public FindMatches computeMatchConfidenceScores() {
    return new FindMatches(key, sourceColumn, columns, precisionRecall, accuracyCost, model, enforceLabels, true);
  }

  /** The output schema for an input schema. */
  public Schema outputSchema(Schema input) {
    FrameColumns frame = FrameColumns.of(input, key, sourceColumn, columns);
    Schema.Builder out = Schema.builder();
    for (Schema.Field f : input.getFields()) {
      if (!FrameColumns.OUTPUT_COLUMNS.contains(f.getName())) {
        out.addField(f);
      }
    }
    out.addField("match_id", frame.keyType().withNullable(false));
    if (confidence) {
      out.addDoubleField("match_confidence_score");
    }
    return out.build();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    FrameColumns frame = FrameColumns.of(schema, key, sourceColumn, columns);
    if (model != null) {
      model.checkColumns(frame.compared());
    }
    Schema output = outputSchema(schema);
    boolean linkage = sourceColumn != null;

    PCollection<KV<String, Row>> keyed =
        input
            .apply("Key rows", ParDo.of(new KeyRowFn(frame)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(schema)));
    PCollection<Record> records =
        input
            .apply("Records", ParDo.of(new RecordFn(frame)))
            .setCoder(MatchCoders.RECORD);
    PCollectionView<Profile> profile =
        MatchSteps.profile(records, frame.compared(), model == null ? null : model.kinds());
    double tradeoff = model == null ? accuracyCost : model.accuracyCostTradeoff();
    PCollectionList<PairFeatures> parts = MatchSteps.pairParts(records, profile, tradeoff, linkage);
    PCollection<PairFeatures> pairs =
        parts.apply("All pairs", Flatten.pCollections()).setCoder(MatchCoders.PAIR);
    PCollectionView<MatchModel> modelView =
        model == null
            ? MatchSteps.fit(parts, profile, tradeoff, ModelFit.threshold(precisionRecall))
            : MatchSteps.given(input.getPipeline().begin(), model);
    PCollection<ScoredPair> scored = MatchSteps.score(pairs, profile, modelView);

    PCollection<KV<String, Clustering.Member>> members =
        Clusters.of(scored, modelView, linkage, enforceLabels);
    TupleTag<Row> rowTag = new TupleTag<>();
    TupleTag<Clustering.Member> memberTag = new TupleTag<>();
    KeyedPCollectionTuple<String> joined =
        KeyedPCollectionTuple.of(rowTag, keyed).and(memberTag, members);
    TupleTag<Double> bestTag = null;
    if (confidence) {
      // A lone record's confidence needs its best pair: only then does each pair's probability go
      // to both its ends, the best per record and bundle, joined with the rows in one shuffle.
      bestTag = new TupleTag<>();
      joined =
          joined.and(
              bestTag,
              scored
                  .apply("Pair ends", ParDo.of(new EndsFn()))
                  .setCoder(
                      KvCoder.of(StringUtf8Coder.of(), org.apache.beam.sdk.coders.DoubleCoder.of())));
    }
    return joined
        .apply("Join clusters", CoGroupByKey.create())
        .apply(
            "Add match_id",
            ParDo.of(new OutputFn(frame, schema, output, confidence, rowTag, memberTag, bestTag)))
        .setRowSchema(output);
  }

  static final class KeyRowFn extends DoFn<Row, KV<String, Row>> {
    private final FrameColumns frame;

    KeyRowFn(FrameColumns frame) {
      this.frame = frame;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Row>> out) {
      out.output(KV.of(frame.id(row), row));
    }
  }

  static final class RecordFn extends DoFn<Row, Record> {
    private final FrameColumns frame;

    RecordFn(FrameColumns frame) {
      this.frame = frame;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Record> out) {
      out.output(frame.record(row));
    }
  }

  /** Each record's best pair probability among the pairs of a bundle, emitted when it ends. */
  static final class EndsFn extends DoFn<ScoredPair, KV<String, Double>> {
    private transient java.util.HashMap<String, Double> best;

    @StartBundle
    public void start() {
      best = new java.util.HashMap<>();
    }

    @ProcessElement
    public void process(@Element ScoredPair p) {
      best.merge(p.left(), p.probability(), Math::max);
      best.merge(p.right(), p.probability(), Math::max);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      for (java.util.Map.Entry<String, Double> e : best.entrySet()) {
        c.output(
            KV.of(e.getKey(), e.getValue()),
            org.apache.beam.sdk.transforms.windowing.GlobalWindow.INSTANCE.maxTimestamp(),
            org.apache.beam.sdk.transforms.windowing.GlobalWindow.INSTANCE);
      }
      best = null;
    }
  }

  static final class OutputFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final FrameColumns frame;
    private final Schema output;
    private final int[] kept;
    private final boolean confidence;
    private final TupleTag<Row> rowTag;
    private final TupleTag<Clustering.Member> memberTag;
    private final TupleTag<Double> bestTag;

    OutputFn(
        FrameColumns frame,
        Schema input,
        Schema output,
        boolean confidence,
        TupleTag<Row> rowTag,
        TupleTag<Clustering.Member> memberTag,
        TupleTag<Double> bestTag) {
      this.frame = frame;
      this.output = output;
      this.kept =
          input.getFields().stream()
              .filter(f -> !FrameColumns.OUTPUT_COLUMNS.contains(f.getName()))
              .mapToInt(f -> input.indexOf(f.getName()))
              .toArray();
      this.confidence = confidence;
      this.rowTag = rowTag;
      this.memberTag = memberTag;
      this.bestTag = bestTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<Row> out) {
      String id = joined.getKey();
      Row row = null;
      for (Row r : joined.getValue().getAll(rowTag)) {
        if (row != null) {
          throw new IllegalArgumentException(
              "The primary key '"
                  + frame.key()
                  + "' has the value '"
                  + id
                  + "' more than once; FindMatches needs a unique key per record.");
        }
        row = r;
      }
      if (row == null) {
        return;
      }
      Clustering.Member member = joined.getValue().getOnly(memberTag, null);
      Double best = null;
      if (bestTag != null) {
        for (Double p : joined.getValue().getAll(bestTag)) {
          best = best == null ? p : Math.max(best, p);
        }
      }
      List<Object> values = new ArrayList<>(output.getFieldCount());
      for (int index : kept) {
        values.add(row.getValue(index));
      }
      values.add(frame.keyValue(member == null ? id : member.matchId()));
      if (confidence) {
        values.add(member != null ? member.confidence() : best == null ? 1.0 : 1.0 - best);
      }
      out.output(Row.withSchema(output).attachValues(values));
    }
  }
}
