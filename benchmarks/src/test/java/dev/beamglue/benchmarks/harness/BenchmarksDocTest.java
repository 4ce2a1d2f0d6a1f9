package dev.beamglue.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarksDocTest {

  @Test
  void replacesOnlyTheMarkedSection() {
    String doc = "# Benchmarks\n\nintro\n\n<!-- github-events:begin -->\nold table\n<!-- github-events:end -->\n\n"
        + "<!-- relationalize:begin -->\nother\n<!-- relationalize:end -->\ntail\n";
    String updated = BenchmarksDoc.withSection(doc, "github-events", "new table\n", "## ignored");
    assertEquals(
        "# Benchmarks\n\nintro\n\n<!-- github-events:begin -->\nnew table\n<!-- github-events:end -->\n\n"
            + "<!-- relationalize:begin -->\nother\n<!-- relationalize:end -->\ntail\n",
        updated);
  }

  @Test
  void appendsIntroAndMarkersWhenMissingAndCreatesTheFile(@TempDir Path dir) throws IOException {
    Path doc = dir.resolve("docs/BENCHMARKS.md");
    BenchmarksDoc.replaceSection(doc, "github-events", "first", "# Benchmarks", "## github-events");
    BenchmarksDoc.replaceSection(doc, "github-events", "second", "# Benchmarks", "## github-events");
    assertEquals(
        "# Benchmarks\n\n## github-events\n\n<!-- github-events:begin -->\nsecond\n<!-- github-events:end -->\n",
        new String(Files.readAllBytes(doc), StandardCharsets.UTF_8));
  }

  @Test
  void refusesALoneMarker() {
    assertThrows(IllegalStateException.class,
        () -> BenchmarksDoc.withSection("<!-- github-events:end -->\n", "github-events", "x", "y"));
  }

  @Test
  void settingsWriteTheSectionOrNothing(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("runners-config"));
    Files.writeString(dir.resolve("runners-config/jvm.properties"), "beamglue.jvm.flags=-Da=b\n");
    Path doc = dir.resolve("B.md");
    Settings.parse(new String[] {"--repoRoot=" + dir, "--doc=" + doc}).writeDoc("x", "table", "## x");
    assertEquals(Settings.DOC_HEADER + "\n\n## x\n\n<!-- x:begin -->\ntable\n<!-- x:end -->\n", Files.readString(doc));
    Settings.parse(new String[] {"--repoRoot=" + dir, "--doc=none"}).writeDoc("y", "table", "## y");
    assertTrue(Files.notExists(dir.resolve("docs")));
  }
}
