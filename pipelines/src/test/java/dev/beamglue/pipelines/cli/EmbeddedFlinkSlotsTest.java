package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Flink gets one task slot per unit of parallelism. */
class EmbeddedFlinkSlotsTest {

  @TempDir Path dir;

  private static FlinkPipelineOptions flink(String... args) {
    FlinkPipelineOptions options =
        PipelineOptionsFactory.fromArgs(args).as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    return options;
  }

  @Test
  void theEmbeddedFlinkGetsASlotPerUnitOfParallelismOnTopOfTheGivenConfiguration()
      throws Exception {
    Path base = Files.createDirectories(dir.resolve("conf"));
    Files.write(base.resolve("flink-conf.yaml"), List.of("parallelism.default: 3"),
        StandardCharsets.UTF_8);
    FlinkPipelineOptions options =
        flink("--flinkMaster=[local]", "--parallelism=2", "--flinkConfDir=" + base);
    Path folder = EmbeddedFlinkSlots.apply(options);
    assertEquals(folder.toString(), options.getFlinkConfDir());
    assertEquals(List.of("parallelism.default: 3", "taskmanager.numberOfTaskSlots: 2"),
        Files.readAllLines(folder.resolve("flink-conf.yaml"), StandardCharsets.UTF_8));
  }

  @Test
  void slotsTheConfigurationSetsARemoteMasterAndOtherRunnersAreLeftAlone() throws Exception {
    Path base = Files.createDirectories(dir.resolve("conf"));
    Files.write(base.resolve("config.yaml"), List.of("taskmanager.numberOfTaskSlots: 4"),
        StandardCharsets.UTF_8);
    FlinkPipelineOptions given = flink("--parallelism=2", "--flinkConfDir=" + base);
    assertNull(EmbeddedFlinkSlots.apply(given));
    assertEquals(base.toString(), given.getFlinkConfDir());
    FlinkPipelineOptions remote = flink("--flinkMaster=10.0.0.1:8081", "--parallelism=2");
    assertNull(EmbeddedFlinkSlots.apply(remote));
    assertNull(remote.getFlinkConfDir());
    assertNull(EmbeddedFlinkSlots.apply(PipelineOptionsFactory.create()));
  }

  @Test
  void withoutABaseFolderTheFileHoldsOnlyTheSlots() throws Exception {
    Path folder = EmbeddedFlinkSlots.write(null, 2);
    assertEquals(List.of("taskmanager.numberOfTaskSlots: 2"),
        Files.readAllLines(folder.resolve("flink-conf.yaml"), StandardCharsets.UTF_8));
  }
}
