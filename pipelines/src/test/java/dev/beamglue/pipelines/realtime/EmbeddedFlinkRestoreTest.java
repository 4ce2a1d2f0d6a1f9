package dev.beamglue.pipelines.realtime;

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

/** --savepointPath on the embedded Flink becomes a Flink configuration that restores it. */
class EmbeddedFlinkRestoreTest {

  @TempDir Path dir;

  private static FlinkPipelineOptions flink(String... args) {
    FlinkPipelineOptions options = PipelineOptionsFactory.fromArgs(args)
        .as(FlinkPipelineOptions.class);
    options.setRunner(FlinkRunner.class);
    return options;
  }

  @Test
  void theEmbeddedFlinkGetsAConfigurationFolderNamingTheSavepoint() throws Exception {
    Path base = Files.createDirectories(dir.resolve("conf"));
    Files.write(base.resolve("flink-conf.yaml"), List.of("taskmanager.numberOfTaskSlots: 4",
        "execution.savepoint.path: file:///old"), StandardCharsets.UTF_8);
    FlinkPipelineOptions options = flink("--flinkMaster=[local]",
        "--savepointPath=file:///tmp/ck/chk-4", "--flinkConfDir=" + base);
    Path folder = EmbeddedFlinkRestore.apply(options);
    assertEquals(folder.toString(), options.getFlinkConfDir());
    assertEquals(List.of("taskmanager.numberOfTaskSlots: 4",
            "execution.savepoint.path: file:///tmp/ck/chk-4",
            "execution.savepoint.ignore-unclaimed-state: false"),
        Files.readAllLines(folder.resolve("flink-conf.yaml"), StandardCharsets.UTF_8));
  }

  @Test
  void aRemoteMasterOrNoSavepointOrAnotherRunnerIsLeftAlone() {
    FlinkPipelineOptions remote = flink("--flinkMaster=10.0.0.1:8081",
        "--savepointPath=file:///tmp/ck/chk-4");
    assertNull(EmbeddedFlinkRestore.apply(remote));
    assertNull(remote.getFlinkConfDir());
    FlinkPipelineOptions noSavepoint = flink("--flinkMaster=[local]");
    assertNull(EmbeddedFlinkRestore.apply(noSavepoint));
    assertNull(noSavepoint.getFlinkConfDir());
    assertNull(EmbeddedFlinkRestore.apply(PipelineOptionsFactory.fromArgs(
        "--savepointPath=file:///tmp/ck/chk-4").withoutStrictParsing().create()));
  }

  @Test
  void withoutABaseFolderTheFileHoldsOnlyTheSavepoint() throws Exception {
    Path folder = EmbeddedFlinkRestore.write(null, "file:///tmp/sp-1", true);
    assertEquals(List.of("execution.savepoint.path: file:///tmp/sp-1",
            "execution.savepoint.ignore-unclaimed-state: true"),
        Files.readAllLines(folder.resolve("flink-conf.yaml"), StandardCharsets.UTF_8));
  }
}
