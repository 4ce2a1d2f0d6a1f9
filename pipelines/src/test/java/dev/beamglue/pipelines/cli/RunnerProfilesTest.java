package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        "unknown profile 'flink-cluster'; the profiles are direct-test, cluster-test.",
        unknown.getMessage());
  }

  @Test
  void theBundledJarPlaceholderNeedsAJarOrTheUsersFlag() {
    // The tests load RunnerProfiles from target/classes, a folder: the profile cannot stage it.
    IllegalArgumentException folder =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunnerProfiles.apply(List.of("--profile=cluster-test")));
    assertTrue(folder.getMessage().startsWith("the profile's --filesToStage stages the bundled jar, "
        + "but beamglue runs from "), folder.getMessage());
    assertTrue(folder.getMessage().endsWith(", not a jar; give --filesToStage=PATH with the bundled "
        + "jar (runners-config/target/*-bundled.jar)."), folder.getMessage());
    assertEquals(
        List.of("--runner=SparkRunner", "--sparkMaster=spark://127.0.0.1:7077",
            "--filesToStage=/my.jar"),
        RunnerProfiles.apply(List.of("--profile=cluster-test", "--filesToStage=/my.jar")));
  }

  @Test
  void theBundledJarIsTheJarThatHoldsBeamglue(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("beamglue-bundled.jar"));
    assertEquals(jar.toAbsolutePath().toString(),
        RunnerProfiles.bundledJar(jar, "--filesToStage=${beamglue.jar}"));
    assertThrows(IllegalArgumentException.class,
        () -> RunnerProfiles.bundledJar(dir, "--filesToStage=${beamglue.jar}"));
    assertThrows(IllegalArgumentException.class,
        () -> RunnerProfiles.bundledJar(null, "--filesToStage=${beamglue.jar}"));
  }
}
