package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

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
        .apply("Profile", Combine.globally(new ProfileFn(columns, kinds)))
        .setCoder(SerializableCoder.of(Profile.class))
        .apply("Profile view", View.asSingleton());
  }

  /** The candidate pairs, each once, with their features. */
  public static PCollection<PairFeatures> pairs(
      PCollection<Record> records,
      PCollectionView<Profile> profile,
      double accuracyCostTradeoff,
      boolean linkage) {
    return records
        .apply(
            "Block keys",
            ParDo.of(new KeysFn(profile, accuracyCostTradeoff)).withSideInputs(profile))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Record.class)))
        .apply("Blocks", GroupByKey.create())
        .apply(
            "Compare",
            ParDo.of(new CompareFn(profile, accuracyCostTradeoff, linkage)).withSideInputs(profile))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(PairFeatures.class)))
        .apply("Each pair once", Combine.perKey(new FirstFn()))
        .apply("Pairs", ParDo.of(new ValuesFn()))
        .setCoder(SerializableCoder.of(PairFeatures.class));
  }

  /** An unsupervised model fitted by EM on the {@value ModelFit#SAMPLE} pairs of smallest hash. */
  public static PCollectionView<MatchModel> fit(
      PCollection<PairFeatures> pairs,
      PCollectionView<Profile> profile,
      double accuracyCostTradeoff,
      double threshold) {
    return pairs
        .apply("Sample pairs", Top.of(ModelFit.SAMPLE, new ModelFit.LargestHashFirst()))
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
        .setCoder(SerializableCoder.of(ScoredPair.class));
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
      return acc.add(record);
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

  static final class KeysFn extends WithProfile<Record, KV<String, Record>> {
    KeysFn(PCollectionView<Profile> profile, double tradeoff) {
      super(profile, tradeoff);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      Record record = c.element();
      for (String key : blocking.keys(features.prepare(record))) {
        c.output(KV.of(key, record));
      }
    }
  }

  static final class CompareFn
      extends WithProfile<KV<String, Iterable<Record>>, KV<String, PairFeatures>> {
    private final boolean linkage;

    CompareFn(PCollectionView<Profile> profile, double tradeoff, boolean linkage) {
      super(profile, tradeoff);
      this.linkage = linkage;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      List<Features.Prepared> block = new ArrayList<>();
      for (Record r : c.element().getValue()) {
        block.add(features.prepare(r));
      }
      if (block.size() < 2) {
        return;
      }
      blocking.pairs(
          block,
          linkage,
          (a, b) -> {
            PairFeatures pair =
                new PairFeatures(
                    a.record().id(),
                    b.record().id(),
                    a.record().source(),
                    b.record().source(),
                    features.compare(a, b));
            c.output(KV.of(pair.key(), pair));
          });
    }
  }

  static final class FirstFn extends Combine.BinaryCombineFn<PairFeatures> {
    @Override
    public PairFeatures apply(PairFeatures a, PairFeatures b) {
      return a;
    }
  }

  static final class ValuesFn extends DoFn<KV<String, PairFeatures>, PairFeatures> {
    @ProcessElement
    public void process(@Element KV<String, PairFeatures> kv, OutputReceiver<PairFeatures> out) {
      out.output(kv.getValue());
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

    ScoreFn(PCollectionView<Profile> profile, PCollectionView<MatchModel> model) {
      super(profile, 0.5);
      this.modelView = model;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      use(c.sideInput(profileView));
      MatchModel model = c.sideInput(modelView);
      PairFeatures p = c.element();
      double[] x = p.features();
      double probability = model.score(x, features.levels(x));
      c.output(new ScoredPair(p.left(), p.right(), p.leftSource(), p.rightSource(), probability));
    }
  }
}
