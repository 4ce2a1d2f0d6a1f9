package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Profiles from the test resources' {@code beamglue/profiles/direct-test.args}. */
class RunnerProfilesTest {

  @Test
  void replacesTheProfileByItsFlags() {
    assertEquals(
        List.of("--runner=DirectRunner", "--targetParallelism=3", "--input=x"),
        RunnerProfiles.apply(List.of("--profile=direct-test", "--input=x")));
  }

  @Test
  void aFlagTheUserGivesWinsOverTheProfile() {
    assertEquals(
        List.of("--runner=DirectRunner", "--input=x", "--targetParallelism=1"),
        RunnerProfiles.apply(
            List.of("--input=x", "--profile=direct-test", "--targetParallelism=1")));
  }

  @Test
  void flagsWithoutAProfileOrRunnerAreLeftAlone() {
    assertEquals(List.of("--input=x"), RunnerProfiles.apply(List.of("--input=x")));
  }

  @Test
  void aRunnerWithoutAProfileGetsTheProfileOfThatRunner() {
    assertEquals(
        List.of("--targetParallelism=3", "--runner=DirectRunner", "--input=x"),
        RunnerProfiles.apply(List.of("--runner=DirectRunner", "--input=x")));
    assertEquals(
        List.of("--runner=FlinkRunner"), RunnerProfiles.apply(List.of("--runner=FlinkRunner")));
  }

  @Test
  void anUnknownProfileNamesTheKnownOnes() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerProfiles.apply(List.of("--profile=flink-cluster")));
    assertEquals(
        "unknown profile 'flink-cluster'; the profiles are direct-test.", unknown.getMessage());
  }
}
