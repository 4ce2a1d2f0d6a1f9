package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Mean;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

class BundleCombineTest {

  private static PCollection<Integer> numbers(Pipeline pipeline, int n) {
    List<Integer> values = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      values.add(i);
    }
    // eight groups: eight bundles on the Direct runner, which makes a bundle of every key
    return pipeline
        .apply("Numbers", Create.of(values).withCoder(VarIntCoder.of()))
        .apply("Key", WithKeys.of((Integer i) -> i % 8).withKeyType(TypeDescriptors.integers()))
        .apply("Group", GroupByKey.create())
        .apply("Ungroup", Values.create())
        .apply("Numbers of groups", Flatten.iterables());
  }

  @PipelineTest
  void countsEveryElementOfManyBundlesOnce() {
    Pipeline pipeline = TestPipelines.create();

    PCollection<Long> count = numbers(pipeline, 10_000).apply(BundleCombine.count());

    PAssert.thatSingleton(count).isEqualTo(10_000L);
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void mergesTheBundlesAccumulatorsOfAnyCombine() {
    Pipeline pipeline = TestPipelines.create();

    PCollection<Double> mean =
        numbers(pipeline, 1_000).apply(BundleCombine.globally(Mean.<Integer>of()));

    PAssert.thatSingleton(mean).isEqualTo(500.5);
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void anEmptyInputGivesTheCombinesDefault() {
    Pipeline pipeline = TestPipelines.create();

    PCollection<Long> count = pipeline
        .apply(Create.empty(VarIntCoder.of()))
        .apply(BundleCombine.count());

    PAssert.thatSingleton(count).isEqualTo(0L);
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void refusesAWindowedInputInOneSentence() {
    Pipeline pipeline = Pipeline.create();
    PCollection<Integer> windowed = pipeline
        .apply(Create.of(1, 2, 3))
        .apply("Minutes", Window.into(FixedWindows.of(Duration.standardMinutes(1))));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> windowed.apply(BundleCombine.count()));

    assertEquals("BundleCombine combines a collection in the global window; "
        + windowed.getName() + " is windowed by FixedWindows: use Combine.globally for windowed "
        + "collections.", e.getMessage());
  }
}
