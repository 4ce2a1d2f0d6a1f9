package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
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
 * Glue's FindIncrementalMatches: matches new records against a frame already matched, keeping
 * every existing {@code match_id} as it is.
 *
 * <p>{@code PCollection<Row> all = newRows.apply(FindIncrementalMatches.onKey("id").against(matched).withModel(model));}
 *
 * <p>The existing frame has a {@code match_id} column (FindMatches' output); the new rows have the
 * same columns without it. Both are blocked and compared together; only pairs touching a new record
 * count. New records are clustered among themselves, and a new cluster joins the match id of its
 * strongest edge to an existing record, or keeps its smallest key as a new match id. The output
 * is the existing rows unchanged followed by the new rows with their match id, in the existing
 * frame's schema (without {@code match_confidence_score}, which is dropped if present).
 */
public final class FindIncrementalMatches extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final String key;
  private final PCollection<Row> existing;
  private final MatchModel model;
  private final String sourceColumn;
  private final double precisionRecall;
  private final List<String> columns;

  private FindIncrementalMatches(
      String key,
      PCollection<Row> existing,
      MatchModel model,
      String sourceColumn,
      double pr,
      List<String> columns) {
    this.columns = List.copyOf(columns);
    this.key = key;
    this.existing = existing;
    this.model = model;
    this.sourceColumn = sourceColumn;
    this.precisionRecall = pr;
  }

  public static FindIncrementalMatches onKey(String key) {
    return new FindIncrementalMatches(key, null, null, null, 0.5, List.of());
  }

  /** The frame already matched (with {@code match_id}). */
  public FindIncrementalMatches against(PCollection<Row> matched) {
    return new FindIncrementalMatches(key, matched, model, sourceColumn, precisionRecall, columns);
  }

  /** The model to score pairs with; without one, Fellegi-Sunter weights are fitted by EM. */
  public FindIncrementalMatches withModel(MatchModel model) {
    return new FindIncrementalMatches(key, existing, model, sourceColumn, precisionRecall, columns);
  }

  public FindIncrementalMatches withSourceColumn(String column) {
    return new FindIncrementalMatches(key, existing, model, column, precisionRecall, columns);
  }

  public FindIncrementalMatches withPrecisionRecallTradeoff(double tradeoff) {
    ModelFit.threshold(tradeoff);
    return new FindIncrementalMatches(key, existing, model, sourceColumn, tradeoff, columns);
  }

  /** Compares only these columns (by default all but the key and the source column). */
  public FindIncrementalMatches withColumns(String... names) {
    return new FindIncrementalMatches(
        key, existing, model, sourceColumn, precisionRecall, List.of(names));
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> fresh) {
    if (existing == null) {
      throw new IllegalArgumentException(
          "FindIncrementalMatches needs the frame already matched: call against(matched).");
    }
    Schema old = existing.getSchema();
    if (!old.hasField("match_id")) {
      throw new IllegalArgumentException(
          "The matched frame has no match_id column (fields: " + old.getFieldNames() + "); match it with FindMatches first.");
    }
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : old.getFields()) {
      if (!f.getName().equals("match_confidence_score")) {
        fields.add(f);
      }
    }
    Schema output = Schema.builder().addFields(fields).build();
    Schema newSchema = fresh.getSchema();
    java.util.Set<String> oldNames = new java.util.TreeSet<>(output.getFieldNames());
    oldNames.remove("match_id");
    if (!oldNames.equals(new java.util.TreeSet<>(newSchema.getFieldNames()))) {
      throw new IllegalArgumentException(
          "The new rows have the fields " + newSchema.getFieldNames() + " but the matched frame has "
              + oldNames + " besides match_id; give both the same columns.");
    }
    FrameColumns frame = FrameColumns.of(newSchema, key, sourceColumn, columns);
    FrameColumns oldFrame = FrameColumns.of(old, key, sourceColumn, frame.compared());
    if (model != null) {
      model.checkColumns(frame.compared());
    }
    boolean linkage = sourceColumn != null;

    PCollection<Record> oldRecords =
        existing.apply("Existing records", ParDo.of(new FindMatches.RecordFn(oldFrame)))
            .setCoder(MatchCoders.RECORD);
    PCollection<Record> newRecords =
        fresh.apply("New records", ParDo.of(new FindMatches.RecordFn(frame)))
            .setCoder(MatchCoders.RECORD);
    PCollection<Record> all =
        PCollectionList.of(oldRecords).and(newRecords).apply("All records", Flatten.pCollections());
    PCollectionView<Profile> profile =
        MatchSteps.profile(all, frame.compared(), model == null ? null : model.kinds());
    double tradeoff = model == null ? 0.5 : model.accuracyCostTradeoff();
    PCollectionList<PairFeatures> parts = MatchSteps.pairParts(all, profile, tradeoff, linkage);
    PCollection<PairFeatures> pairs =
        parts.apply("All pairs", Flatten.pCollections()).setCoder(MatchCoders.PAIR);
    PCollectionView<MatchModel> modelView =
        model == null
            ? MatchSteps.fit(parts, profile, tradeoff, ModelFit.threshold(precisionRecall))
            : MatchSteps.given(fresh.getPipeline().begin(), model);
    PCollection<ScoredPair> edges =
        MatchSteps.score(pairs, profile, modelView)
            .apply("Match edges", ParDo.of(new Clusters.EdgesFn(modelView)).withSideInputs(modelView))
            .setCoder(MatchCoders.SCORED);

    PCollection<KV<String, String>> oldIds =
        existing.apply("Existing ids", ParDo.of(new IdFn(oldFrame, old.indexOf("match_id"))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
    PCollection<KV<String, Row>> newRows =
        fresh.apply("Key new rows", ParDo.of(new FindMatches.KeyRowFn(frame)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(newSchema)));
    PCollection<KV<String, ScoredPair>> ends =
        edges.apply("Edge ends", ParDo.of(new EndsFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.SCORED));

    TupleTag<ScoredPair> edgeTag = new TupleTag<>();
    TupleTag<String> oldTag = new TupleTag<>();
    TupleTag<Row> newTag = new TupleTag<>();
    PCollection<KV<String, String>> assigned =
        KeyedPCollectionTuple.of(edgeTag, ends)
            .and(oldTag, oldIds)
            .and(newTag, newRows)
            .apply("Ends of edges", CoGroupByKey.create())
            .apply("Describe ends", ParDo.of(new DescribeFn(edgeTag, oldTag, newTag)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(IncrementalClustering.End.class)))
            .apply("Edge with ends", GroupByKey.create())
            .apply("Edges", ParDo.of(new EdgeFn()))
            .setCoder(SerializableCoder.of(IncrementalClustering.Edge.class))
            .apply("Gather edges", Combine.globally(new ToListFn()))
            .setCoder(ListCoder.of(SerializableCoder.of(IncrementalClustering.Edge.class)))
            .apply("Assign", ParDo.of(new AssignFn(linkage)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

    TupleTag<Row> rowTag = new TupleTag<>();
    TupleTag<String> idTag = new TupleTag<>();
    PCollection<Row> newOut =
        KeyedPCollectionTuple.of(rowTag, newRows)
            .and(idTag, assigned)
            .apply("Join new", CoGroupByKey.create())
            .apply("New rows", ParDo.of(new NewRowFn(frame, newSchema, output, rowTag, idTag)))
            .setRowSchema(output);
    PCollection<Row> oldOut =
        existing.apply("Existing rows", ParDo.of(new OldRowFn(old, output))).setRowSchema(output);
    return PCollectionList.of(oldOut).and(newOut).apply("All rows", Flatten.pCollections());
  }

  static final class IdFn extends DoFn<Row, KV<String, String>> {
    private final FrameColumns frame;
    private final int matchId;

    IdFn(FrameColumns frame, int matchId) {
      this.frame = frame;
      this.matchId = matchId;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, String>> out) {
      Object id = row.getValue(matchId);
      out.output(KV.of(frame.id(row), id == null ? frame.id(row) : id.toString()));
    }
  }

  static final class EndsFn extends DoFn<ScoredPair, KV<String, ScoredPair>> {
    @ProcessElement
    public void process(@Element ScoredPair p, OutputReceiver<KV<String, ScoredPair>> out) {
      out.output(KV.of(p.left(), p));
      out.output(KV.of(p.right(), p));
    }
  }

  /** For each edge end: the pair's key and what the end is. */
  static final class DescribeFn extends DoFn<KV<String, CoGbkResult>, KV<String, IncrementalClustering.End>> {
    private final TupleTag<ScoredPair> edgeTag;
    private final TupleTag<String> oldTag;
    private final TupleTag<Row> newTag;

    DescribeFn(TupleTag<ScoredPair> edgeTag, TupleTag<String> oldTag, TupleTag<Row> newTag) {
      this.edgeTag = edgeTag;
      this.oldTag = oldTag;
      this.newTag = newTag;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> joined, OutputReceiver<KV<String, IncrementalClustering.End>> out) {
      String id = joined.getKey();
      String matchId = joined.getValue().getOnly(oldTag, null);
      boolean isNew = joined.getValue().getAll(newTag).iterator().hasNext();
      IncrementalClustering.End end = new IncrementalClustering.End(id, isNew, matchId);
      for (ScoredPair p : joined.getValue().getAll(edgeTag)) {
        out.output(KV.of(p.key() + '\u0002' + p.probability() + '\u0002' + p.leftSource() + '\u0002' + p.rightSource(), end));
      }
    }
  }

  static final class EdgeFn extends DoFn<KV<String, Iterable<IncrementalClustering.End>>, IncrementalClustering.Edge> {
    @ProcessElement
    public void process(
        @Element KV<String, Iterable<IncrementalClustering.End>> kv,
        OutputReceiver<IncrementalClustering.Edge> out) {
      String[] parts = kv.getKey().split("\u0002", -1);
      String[] ids = parts[0].split("\u0001", -1);
      IncrementalClustering.End left = null;
      IncrementalClustering.End right = null;
      for (IncrementalClustering.End end : kv.getValue()) {
        if (end.id().equals(ids[0])) {
          left = end;
        } else {
          right = end;
        }
      }
      if (left == null || right == null || !(left.isNew() || right.isNew())) {
        return;
      }
      String ls = "null".equals(parts[2]) ? null : parts[2];
      String rs = "null".equals(parts[3]) ? null : parts[3];
      out.output(
          new IncrementalClustering.Edge(
              new ScoredPair(ids[0], ids[1], ls, rs, Double.parseDouble(parts[1])), left, right));
    }
  }

  static final class ToListFn
      extends Combine.CombineFn<IncrementalClustering.Edge, List<IncrementalClustering.Edge>, List<IncrementalClustering.Edge>> {
    @Override
    public List<IncrementalClustering.Edge> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<IncrementalClustering.Edge> addInput(List<IncrementalClustering.Edge> acc, IncrementalClustering.Edge e) {
      acc.add(e);
      return acc;
    }

    @Override
    public List<IncrementalClustering.Edge> mergeAccumulators(Iterable<List<IncrementalClustering.Edge>> accs) {
      List<IncrementalClustering.Edge> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public List<IncrementalClustering.Edge> extractOutput(List<IncrementalClustering.Edge> acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<List<IncrementalClustering.Edge>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<IncrementalClustering.Edge> input) {
      return ListCoder.of(SerializableCoder.of(IncrementalClustering.Edge.class));
    }
  }

  static final class AssignFn extends DoFn<List<IncrementalClustering.Edge>, KV<String, String>> {
    private final boolean linkage;

    AssignFn(boolean linkage) {
      this.linkage = linkage;
    }

    @ProcessElement
    public void process(@Element List<IncrementalClustering.Edge> edges, OutputReceiver<KV<String, String>> out) {
      Map<String, String> ids = IncrementalClustering.assign(edges, linkage);
      List<String> keys = new ArrayList<>(ids.keySet());
      keys.sort(Record::compareIds);
      for (String id : keys) {
        out.output(KV.of(id, ids.get(id)));
      }
    }
  }

  static final class NewRowFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final FrameColumns frame;
    private final Schema output;
    private final int[] positions; // in the new rows, -1 for match_id
    private final TupleTag<Row> rowTag;
    private final TupleTag<String> idTag;

    NewRowFn(
        FrameColumns frame,
        Schema newSchema,
        Schema output,
        TupleTag<Row> rowTag,
        TupleTag<String> idTag) {
      this.frame = frame;
      this.output = output;
      this.positions =
          output.getFields().stream()
              .mapToInt(f -> f.getName().equals("match_id") ? -1 : newSchema.indexOf(f.getName()))
              .toArray();
      this.rowTag = rowTag;
      this.idTag = idTag;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<Row> out) {
      String matchId = joined.getValue().getOnly(idTag, joined.getKey());
      for (Row row : joined.getValue().getAll(rowTag)) {
        List<Object> values = new ArrayList<>(output.getFieldCount());
        for (int p : positions) {
          values.add(p < 0 ? frame.keyValue(matchId) : row.getValue(p));
        }
        out.output(Row.withSchema(output).attachValues(values));
      }
    }
  }

  static final class OldRowFn extends DoFn<Row, Row> {
    private final int[] positions;
    private final Schema output;

    OldRowFn(Schema old, Schema output) {
      this.output = output;
      this.positions = output.getFields().stream().mapToInt(f -> old.indexOf(f.getName())).toArray();
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      List<Object> values = new ArrayList<>(positions.length);
      for (int p : positions) {
        values.add(row.getValue(p));
      }
      out.output(Row.withSchema(output).attachValues(values));
    }
  }
}
