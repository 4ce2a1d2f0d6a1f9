package dev.beamglue.transforms.findmatches;

import dev.beamglue.transforms.BundleCombine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The Beam steps of FindMatches, usable one by one: profiling, blocking and comparison, the model
 * fit on a bounded sample, and scoring.
 *
 * <p>{@code PCollectionView<Profile> p = MatchSteps.profile(records, columns, null);}
 */
public final class MatchSteps {

  private MatchSteps() {}

  /** The profile of the records as a singleton view; {@code kinds} (a model's) override profiling. */
  public static PCollectionView<Profile> profile(
      PCollection<Record> records, List<String> columns, List<ColumnKind> kinds) {
    return records
        .apply("Profile", BundleCombine.globally(new ProfileFn(columns, kinds)))
        .setCoder(SerializableCoder.of(Profile.class))
        .apply("Profile time", ParDo.of(new ProfileTimeFn()))
        .setCoder(SerializableCoder.of(Profile.class))
        .apply("Profile view", View.asSingleton());
  }

  /**
   * The candidate pairs, each once, with their features. A pair that shares one block key only is
   * found in that block alone and goes straight on; a pair sharing several keys is found in each
   * of them and is deduplicated by a shuffle on the pair, so only these pay for one.
   */
  public static PCollection<PairFeatures> pairs(
      PCollection<Record> records,
      PCollectionView<Profile> profile,
      double accuracyCostTradeoff,
      boolean linkage) {
    return pairParts(records, profile, accuracyCostTradeoff, linkage)
        .apply("All pairs", Flatten.pCollections())
        .setCoder(MatchCoders.PAIR);
  }

  /**
   * The candidate pairs of {@link #pairs} in two parts, the pairs found once and the deduplicated
   * ones, before they are flattened: a step applied to each part (the model's sample) runs in the
   * task that made it instead of reading every pair back from a shuffle.
   */
  public static PCollectionList<PairFeatures> pairParts(
      PCollection<Record> records,
      PCollectionView<Profile> profile,
      double accuracyCostTradeoff,
      boolean linkage) {
    PCollectionTuple compared =
        records
            .apply(
                "Block keys",
                ParDo.of(new KeysFn(profile, accuracyCostTradeoff)).withSideInputs(profile))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.MEMBER))
            .apply("Blocks", GroupByKey.create())
            .apply(
                "Compare",
                ParDo.of(new CompareFn(profile, accuracyCostTradeoff, linkage))
                    .withSideInputs(profile)
                    .withOutputTags(ONE_KEY, TupleTagList.of(SEVERAL_KEYS)));
    PCollection<PairFeatures> once = compared.get(ONE_KEY).setCoder(MatchCoders.PAIR);
    PCollection<PairFeatures> deduplicated =
        compared
            .get(SEVERAL_KEYS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), MatchCoders.PAIR))
            .apply("Each pair once", Combine.perKey(new FirstFn()))
            .apply("Pair values", ParDo.of(new ValuesFn()))
            .setCoder(MatchCoders.PAIR);
    return PCollectionList.of(once).and(deduplicated);
  }

  static final TupleTag<PairFeatures> ONE_KEY = new TupleTag<>() {};
  static final TupleTag<KV<String, PairFeatures>> SEVERAL_KEYS = new TupleTag<>() {};

  /** An unsupervised model fitted by EM on the {@value ModelFit#SAMPLE} pairs of smallest hash. */
  public static PCollectionView<MatchModel> fit(
      PCollection<PairFeatures> pairs,
      PCollectionView<Profile> profile,
      double accuracyCostTradeoff,
      double threshold) {
    return fit(PCollectionList.of(pairs), profile, accuracyCostTradeoff, threshold);
  }

  /**
   * {@link #fit(PCollection, PCollectionView, double, double)} on pairs in parts: each part is
   * sampled where it is made, and the parts' samples are merged.
   */
  public static PCollectionView<MatchModel> fit(
      PCollectionList<PairFeatures> parts,
      PCollectionView<Profile> profile,
      double accuracyCostTradeoff,
      double threshold) {
    Top.TopCombineFn<PairFeatures, ModelFit.LargestHashFirst> sample =
        new Top.TopCombineFn<>(ModelFit.SAMPLE, new ModelFit.LargestHashFirst());
    PCollectionList<List<PairFeatures>> samples = PCollectionList.empty(parts.getPipeline());
    for (int i = 0; i < parts.size(); i++) {
      samples =
          samples.and(
              parts.get(i)
                  .apply("Sample candidates " + i, ParDo.of(new SampleCandidatesFn()))
                  .setCoder(MatchCoders.PAIR)
                  .apply("Sample pairs " + i, BundleCombine.globally(sample))
                  .setCoder(ListCoder.of(MatchCoders.PAIR)));
    }
    return samples
        .apply("Samples", Flatten.pCollections())
        .setCoder(ListCoder.of(MatchCoders.PAIR))
        .apply("Sampled pairs", Flatten.iterables())
        .setCoder(MatchCoders.PAIR)
        .apply("Sample pairs", BundleCombine.globally(sample))
        .apply(
            "Fit model",
            ParDo.of(new FitFn(profile, accuracyCostTradeoff, threshold)).withSideInputs(profile))
        .setCoder(SerializableCoder.of(MatchModel.class))
        .apply("Model view", View.asSingleton());
  }

  /** A given model as a singleton view. */
  public static PCollectionView<MatchModel> given(
      org.apache.beam.sdk.values.PBegin begin, MatchModel model) {
    return begin
        .apply("Model", Create.of(model).withCoder(SerializableCoder.of(MatchModel.class)))
        .apply("Model view", View.asSingleton());
  }

  /** Every pair with its match probability. */
  public static PCollection<ScoredPair> score(
      PCollection<PairFeatures> pairs,
      PCollectionView<Profile> profile,
      PCollectionView<MatchModel> model) {
    return pairs
        .apply("Score", ParDo.of(new ScoreFn(profile, model)).withSideInputs(profile, model))
        .setCoder(MatchCoders.SCORED);
  }

  static final class ProfileFn extends Combine.CombineFn<Record, Profile.Builder, Profile> {
    private final List<String> columns;
    private final List<ColumnKind> kinds;

    ProfileFn(List<String> columns, List<ColumnKind> kinds) {
      this.columns = new ArrayList<>(columns);
      this.kinds = kinds == null ? null : new ArrayList<>(kinds);
    }

    @Override
    public Profile.Builder createAccumulator() {
      return new Profile.Builder(columns);
    }

    @Override
    public Profile.Builder addInput(Profile.Builder acc, Record record) {
      return acc.addTimed(record);
    }

    @Override
    public Profile.Builder mergeAccumulators(Iterable<Profile.Builder> accs) {
      Profile.Builder merged = null;
      for (Profile.Builder acc : accs) {
        merged = merged == null ? acc : merged.merge(acc);
      }
      return merged == null ? createAccumulator() : merged;
    }

    @Override
    public Profile extractOutput(Profile.Builder acc) {
      Profile profile = acc.build();
      return kinds == null ? profile : profile.withKinds(kinds);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Profile.Builder> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Record> input) {
      return SerializableCoder.of(Profile.Builder.class);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<Profile> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<Record> input) {
      return SerializableCoder.of(Profile.class);
    }
  }

  /** Adds the profiling time and record count to the counters once, where the profile is made. */
  static final class ProfileTimeFn extends DoFn<Profile, Profile> {
    private final StageMetrics.Timer timer = StageMetrics.timer("profiling", "records");

    @ProcessElement
    public void process(@Element Profile profile, OutputReceiver<Profile> out) {
      timer.since(System.nanoTime() - profile.profilingNanos(), profile.records());
      timer.flush();
      out.output(profile);
    }
  }

  /** Builds features and blocking once per profile a worker sees. */
  abstract static class WithProfile<I, O> extends DoFn<I, O> {
    final PCollectionView<Profile> profileView;
    final double tradeoff;
    transient Profile seen;
    transient Features features;
    transient Blocking blocking;

    WithProfile(PCollectionView<Profile> profileView, double tradeoff) {
      this.profileView = profileView;
      this.tradeoff = tradeoff;
    }

    void use(Profile profile) {
      if (profile != seen) {
        seen = profile;
        features = Features.of(profile);
        blocking = Blocking.of(profile, tradeoff);
      }
    }
  }

  static final class KeysFn extends WithProfile<Record, KV<String, BlockMember>> {
    private final StageMetrics.Timer timer = StageMetrics.timer("blocking", "block_keys");

    KeysFn(PCollectionView<Profile> profile, double tradeoff) {
      super(profile, tradeoff);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      Record record = c.element();
      long start = System.nanoTime();
      List<String> keys = blocking.keys(features.prepare(record));
      BlockMember member = new BlockMember(record, Blocking.hashes(keys));
      timer.since(start, keys.size());
      for (String key : keys) {
        c.output(KV.of(key, member));
      }
    }

    @FinishBundle
    public void finish() {
      timer.flush();
    }
  }

  static final class CompareFn
      extends WithProfile<KV<String, Iterable<BlockMember>>, PairFeatures> {
    private final boolean linkage;
    private final StageMetrics.Timer timer = StageMetrics.timer("comparing", "compared_pairs");
    private final StageMetrics.Timer once = StageMetrics.timer("pairing", "candidate_pairs");

    CompareFn(PCollectionView<Profile> profile, double tradeoff, boolean linkage) {
      super(profile, tradeoff);
      this.linkage = linkage;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      long start = System.nanoTime();
      List<Features.Prepared> block = new ArrayList<>();
      Map<String, long[]> keys = new HashMap<>();
      for (BlockMember m : c.element().getValue()) {
        block.add(features.prepare(m.record()));
        keys.put(m.record().id(), m.keys());
      }
      timer.since(start, 0);
      if (block.size() < 2) {
        return;
      }
      blocking.pairs(
          block,
          linkage,
          (a, b) -> {
            long t = System.nanoTime();
            PairFeatures pair =
                new PairFeatures(
                    a.record().id(),
                    b.record().id(),
                    a.record().source(),
                    b.record().source(),
                    features.compare(a, b));
            boolean several = Blocking.shared(keys.get(pair.left()), keys.get(pair.right())) > 1;
            timer.since(t, 1);
            if (several) {
              c.output(SEVERAL_KEYS, KV.of(pair.key(), pair));
            } else {
              once.count(1);
              c.output(pair);
            }
          });
    }

    @FinishBundle
    public void finish() {
      timer.flush();
      once.flush();
    }
  }

  static final class FirstFn extends Combine.BinaryCombineFn<PairFeatures> {
    @Override
    public PairFeatures apply(PairFeatures a, PairFeatures b) {
      return a;
    }
  }

  static final class ValuesFn extends DoFn<KV<String, PairFeatures>, PairFeatures> {
    private final StageMetrics.Timer pairs = StageMetrics.timer("pairing", "candidate_pairs");

    @ProcessElement
    public void process(@Element KV<String, PairFeatures> kv, OutputReceiver<PairFeatures> out) {
      pairs.count(1);
      out.output(kv.getValue());
    }

    @FinishBundle
    public void finish() {
      pairs.flush();
    }
  }

  /**
   * Passes on only the pairs that are among the {@value ModelFit#SAMPLE} smallest hashes this
   * worker has seen so far: a superset of the worker's share of the global sample, a small part of
   * all pairs (about {@code SAMPLE * (1 + ln(n / SAMPLE))} of n in random hash order), so that the
   * global sample's single merge does not receive every pair. The sample is the same as without it.
   */
  static final class SampleCandidatesFn extends DoFn<PairFeatures, PairFeatures> {
    private transient java.util.PriorityQueue<PairFeatures> largestFirst;

    @ProcessElement
    public void process(@Element PairFeatures pair, OutputReceiver<PairFeatures> out) {
      if (largestFirst == null) {
        largestFirst = new java.util.PriorityQueue<>(new ModelFit.LargestHashFirst());
      }
      if (largestFirst.size() < ModelFit.SAMPLE) {
        largestFirst.add(pair);
        out.output(pair);
      } else if (ModelFit.BY_HASH.compare(pair, largestFirst.peek()) < 0) {
        largestFirst.poll();
        largestFirst.add(pair);
        out.output(pair);
      }
    }
  }

  static final class FitFn extends WithProfile<List<PairFeatures>, MatchModel> {
    private final double threshold;

    FitFn(PCollectionView<Profile> profile, double tradeoff, double threshold) {
      super(profile, tradeoff);
      this.threshold = threshold;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      c.output(ModelFit.unsupervised(features, blocking, c.element(), threshold));
    }
  }

  static final class ScoreFn extends WithProfile<PairFeatures, ScoredPair> {
    private final PCollectionView<MatchModel> modelView;
    private final StageMetrics.Timer timer = StageMetrics.timer("scoring", null);

    ScoreFn(PCollectionView<Profile> profile, PCollectionView<MatchModel> model) {
      super(profile, 0.5);
      this.modelView = model;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      MatchModel model = c.sideInput(modelView);
      PairFeatures p = c.element();
      long start = System.nanoTime();
      double[] x = p.features();
      double probability = model.score(x, features.levels(x));
      timer.since(start, 1);
      c.output(new ScoredPair(p.left(), p.right(), p.leftSource(), p.rightSource(), probability));
    }

    @FinishBundle
    public void finish() {
      timer.flush();
    }
  }
}
