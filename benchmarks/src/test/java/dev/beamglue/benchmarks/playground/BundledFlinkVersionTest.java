package dev.beamglue.benchmarks.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledFlinkVersionTest {

  @Test
  void theFlinkVersionIsReadFromTheBundledJar(@TempDir Path root) throws IOException {
    Path target = Files.createDirectories(root.resolve("runners-config/target"));
    try (OutputStream file =
            Files.newOutputStream(target.resolve("beamglue-runners-0.1.0-SNAPSHOT-bundled.jar"));
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new ZipEntry(".flink-runtime.version.properties"));
      jar.write("project.version=9.8.7\n".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    assertEquals("9.8.7", PlaygroundBenchmark.bundledFlink(root));
  }

  @Test
  void withoutABundledJarTheRunnerNamesTheRelease(@TempDir Path root) {
    assertEquals("1.19 (beam-runners-flink-1.19)", PlaygroundBenchmark.bundledFlink(root));
  }
}
