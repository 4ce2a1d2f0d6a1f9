package dev.beamglue.benchmarks.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.benchmarks.harness.ResultsFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaledReportTest {

  private static ResultsFile.Run run(long events, double flink, double spark, double duck) {
    return new ResultsFile.Run("github-events", "2 cores (AMD EPYC), 23.5 GiB memory",
        events + " events", "benchmarks/run-github-events.sh --events=" + events + " --runs=2",
        List.of(new ResultsFile.Input("events", events + " events", events * 600, List.of(
            new ResultsFile.Contestant("flink", "beamglue on Flink", List.of(flink, flink + 2), null),
            new ResultsFile.Contestant("sparksql", "Spark SQL", List.of(spark, spark), null),
            new ResultsFile.Contestant("duckdb", "DuckDB", List.of(duck), null),
            new ResultsFile.Contestant("spark", "beamglue on Spark", List.of(),
                "run 1 exited with 1")))));
  }

  @Test
  void tablesPerScaleGrowthAndAPlotFromTheResults(@TempDir Path dir) throws IOException {
    ScaledReport report = new ScaledReport("github-events",
        Map.of(10L, run(10_000, 19, 20, 2), 1L, run(1_000, 9, 10, 1)),
        "Versions: Beam 2.62.0.", "benchmarks/run-all.sh --only=github-events --scales=1,10");
    Path png = dir.resolve("benchmarks/github-events.png");
    List<String> lines = report.write(png, "benchmarks/github-events.png").lines().toList();

    assertEquals("Machine: 2 cores (AMD EPYC), 23.5 GiB memory.", lines.get(0));
    assertEquals("Versions: Beam 2.62.0.", lines.get(2));
    assertEquals("Command: `benchmarks/run-all.sh --only=github-events --scales=1,10` (each scale"
        + " runs `benchmarks/run-github-events.sh` with the sizes below).", lines.get(4));
    assertTrue(lines.contains("**1x** (600,000 bytes): 1000 events."
        + " Harness: `benchmarks/run-github-events.sh --events=1000 --runs=2`"), lines.toString());
    assertTrue(lines.contains("**10x** (6.0 MB): 10000 events."
        + " Harness: `benchmarks/run-github-events.sh --events=10000 --runs=2`"), lines.toString());
    // 1x: Flink's median of 9 and 11 is 10, Spark SQL's 10, DuckDB's 1.
    assertTrue(lines.contains("| beamglue on Flink | 2 | 10.0 | 9.0 | 11.0 | 1.00x | 10.00x |"));
    assertTrue(lines.contains("| beamglue on Flink | 2 | 20.0 | 19.0 | 21.0 | 1.00x | 10.00x |"));
    assertTrue(lines.contains("| DuckDB | 1 | 2.0 | 2.0 | 2.0 | 0.10x | 1.00x |"));
    assertTrue(lines.contains("| beamglue on Spark | 0 | not measured: run 1 exited with 1 | | | | |"));
    assertTrue(lines.contains("| contestant | 1x s | 10x s | 10x / 1x |"), lines.toString());
    assertTrue(lines.contains("| beamglue on Flink | 10.0 | 20.0 | 2.0x |"));
    assertTrue(lines.contains("| beamglue on Spark | not measured | not measured | |"));
    assertEquals("![github-events: median wall time by data scale](benchmarks/github-events.png)",
        lines.get(lines.size() - 1));

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(600, image.getWidth());
    assertTrue(image.getHeight() > 400);
    assertTrue(coloured(image), "the lines are drawn in colour");
  }

  private static boolean coloured(BufferedImage image) {
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.abs(r - g) > 60 || Math.abs(g - b) > 60) {
          return true;
        }
      }
    }
    return false;
  }
}
