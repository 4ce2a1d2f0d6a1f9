package dev.beamglue.transforms.findmatches;

import dev.beamglue.transforms.BundleCombine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The clustering step in Beam: keeps the pairs at or above the model's threshold, gathers these
 * match edges on one worker (bounded by the number of matching pairs, not of records) and emits
 * each clustered record's match id.
 *
 * <p>{@code PCollection<KV<String, Clustering.Member>> m = Clusters.of(scored, model, false, false);}
 */
public final class Clusters {

  private Clusters() {}

  public static PCollection<KV<String, Clustering.Member>> of(
      PCollection<ScoredPair> scored,
      PCollectionView<MatchModel> model,
      boolean linkage,
      boolean enforceLabels) {
    return scored
        .apply("Match edges", ParDo.of(new EdgesFn(model)).withSideInputs(model))
        .setCoder(MatchCoders.SCORED)
        .apply("Gather edges", BundleCombine.globally(new ToListFn()))
        .setCoder(ListCoder.of(MatchCoders.SCORED))
        .apply("Cluster", ParDo.of(new ClusterFn(model, linkage, enforceLabels)).withSideInputs(model))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Clustering.Member.class)));
  }

  static final class EdgesFn extends DoFn<ScoredPair, ScoredPair> {
    private final PCollectionView<MatchModel> model;
    private final StageMetrics.Timer edges = StageMetrics.timer("edges", "match_edges");

    EdgesFn(PCollectionView<MatchModel> model) {
      this.model = model;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (c.element().probability() >= c.sideInput(model).threshold()) {
        edges.count(1);
        c.output(c.element());
      }
    }

    @FinishBundle
    public void finish() {
      edges.flush();
    }
  }

  static final class ToListFn extends Combine.CombineFn<ScoredPair, List<ScoredPair>, List<ScoredPair>> {
    @Override
    public List<ScoredPair> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<ScoredPair> addInput(List<ScoredPair> acc, ScoredPair e) {
      acc.add(e);
      return acc;
    }

    @Override
    public List<ScoredPair> mergeAccumulators(Iterable<List<ScoredPair>> accs) {
      List<ScoredPair> all = new ArrayList<>();
      for (List<ScoredPair> acc : accs) {
        all.addAll(acc);
      }
      return all;
    }

    @Override
    public List<ScoredPair> extractOutput(List<ScoredPair> acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<List<ScoredPair>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<ScoredPair> input) {
      return ListCoder.of(MatchCoders.SCORED);
    }
  }

  static final class ClusterFn extends DoFn<List<ScoredPair>, KV<String, Clustering.Member>> {
    private final PCollectionView<MatchModel> model;
    private final boolean linkage;
    private final boolean enforceLabels;
    private final StageMetrics.Timer timer = StageMetrics.timer("clustering", null);

    ClusterFn(PCollectionView<MatchModel> model, boolean linkage, boolean enforceLabels) {
      this.model = model;
      this.linkage = linkage;
      this.enforceLabels = enforceLabels;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<LabeledPair> labels = enforceLabels ? c.sideInput(model).labels() : List.of();
      long start = System.nanoTime();
      Map<String, Clustering.Member> members = Clustering.cluster(c.element(), linkage, labels);
      List<String> ids = new ArrayList<>(members.keySet());
      ids.sort(Record::compareIds);
      timer.since(start, 0);
      timer.flush();
      for (String id : ids) {
        c.output(KV.of(id, members.get(id)));
      }
    }
  }
}
