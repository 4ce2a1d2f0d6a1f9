package dev.beamglue.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineListTest {

  private static Path script(Path dir, String body) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin")).resolve("beamglue");
    Files.writeString(bin, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  @Test
  void namesAreTheFirstWordOfEachLine() {
    assertEquals(List.of("github-events", "relationalize"), PipelineList.names(
        "beamglue: building the bundled jar (first run, or the sources changed)...\n"
            + "github-events            JSON events to Parquet\nrelationalize            nested to flat\n\n"));
  }

  @Test
  void aListedPipelineCanRunAndAnUnlistedOneSaysWhy(@TempDir Path dir) throws Exception {
    Path bin = script(dir, "[ \"$1\" = list ] || exit 9\necho 'github-events            JSON events to Parquet'");
    PipelineList list = new PipelineList(bin);
    assertNull(list.check("github-events", "flink").get());
    assertEquals(
        "bin/beamglue list does not list relationalize (not in this checkout yet; it lists github-events); or --skip=spark",
        list.check("relationalize", "spark").get());
  }

  @Test
  void aFailingListSaysHow(@TempDir Path dir) throws Exception {
    Path bin = script(dir, "echo 'beamglue: the build failed' >&2; exit 2");
    assertEquals("bin/beamglue list exited with 2: beamglue: the build failed; or --skip=flink",
        new PipelineList(bin).check("relationalize", "flink").get());
  }
}
