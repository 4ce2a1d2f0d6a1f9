package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beamglue run personalize-export} with no source options, as the README runs it: the
 * generated data in an embedded PostgreSQL, a users CSV and an items JSON; published datasets
 * with their {@code schema.json}, the validation report, the dry-run import; a rerun that replaces
 * the export; and a run below Personalize's minimums that fails and leaves the export alone.
 */
class PersonalizeWorkflowTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int beamglue(String... args) {
    out.reset();
    err.reset();
    return new Beamglue(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void exportsPublishesAndReplacesTheGeneratedData() throws IOException {
    Path export = dir.resolve("export");
    assertEquals(0, beamglue("run", "personalize-export", "--output=" + export,
        "--interactions=2000"), this::output);
    assertTrue(output().contains("generated 1,027 orders, 2,000 order lines -> embedded "
        + "PostgreSQL"), output());
    assertTrue(output().lines().anyMatch(l -> l.trim().startsWith("interactions")
        && l.contains("rejected: 4 empty id, 2 impossible timestamp, 2 unknown user, "
            + "2 unknown item")), output());
    assertTrue(output().contains("Would import " + export + "/interactions/ into the "
        + "Interactions dataset of (no dataset group given)"),
        output());
    assertTrue(output().contains("personalize-export finished 3 stages"), output());
    for (String dataset : List.of("interactions", "items", "users")) {
      Path folder = export.resolve(dataset);
      assertTrue(Files.readString(folder.resolve("schema.json"))
          .contains("\"namespace\" : \"com.amazonaws.personalize.schema\""));
      assertFalse(csvFiles(folder).isEmpty(), dataset);
    }
    String report = Files.readString(export.resolve("validation-report.json"));
    assertTrue(report.contains("\"passed\" : true"), report);
    assertFalse(Files.exists(export.resolve(".next")));
    List<Path> first = csvFiles(export.resolve("interactions"));

    assertEquals(0, beamglue("run", "personalize-export", "--output=" + export,
        "--interactions=2000", "--seed=5"), this::output);
    List<Path> second = csvFiles(export.resolve("interactions"));
    assertNotEquals(first, second);
    assertTrue(second.stream().noneMatch(first::contains), "the old files are gone: " + second);

    assertEquals(1, beamglue("run", "personalize-export", "--output=" + export,
        "--interactions=600"), this::output);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("stage export failed: Personalize "
        + "needs at least 1,000 interactions, and the export has 5"), output());
    assertEquals(second, csvFiles(export.resolve("interactions")));
  }

  private static List<Path> csvFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
    }
  }
}
