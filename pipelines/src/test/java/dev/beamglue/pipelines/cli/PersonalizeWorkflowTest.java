package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

  private final CommandLine cli = new CommandLine();

  @Test
  void exportsPublishesAndReplacesTheGeneratedData() throws IOException {
    Path export = dir.resolve("export");
    assertEquals(0, cli.run("run", "personalize-export", "--output=" + export,
        "--interactions=2000"), cli::output);
    assertTrue(cli.output().contains("generated 1,027 orders, 2,000 order lines -> embedded "
        + "PostgreSQL"), cli.output());
    assertTrue(cli.output().lines().anyMatch(l -> l.trim().startsWith("interactions")
        && l.contains("rejected: 4 empty id, 2 impossible timestamp, 2 unknown user, "
            + "2 unknown item")), cli.output());
    assertTrue(cli.output().contains("Would import " + export + "/interactions/ into the "
        + "Interactions dataset of (no dataset group given)"),
        cli.output());
    assertTrue(cli.output().contains("personalize-export finished 3 stages"), cli.output());
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

    assertEquals(0, cli.run("run", "personalize-export", "--output=" + export,
        "--interactions=2000", "--seed=5"), cli::output);
    List<Path> second = csvFiles(export.resolve("interactions"));
    assertNotEquals(first, second);
    assertTrue(second.stream().noneMatch(first::contains), "the old files are gone: " + second);

    assertEquals(1, cli.run("run", "personalize-export", "--output=" + export,
        "--interactions=600"), cli::output);
    assertTrue(cli.err().contains("stage export failed: Personalize "
        + "needs at least 1,000 interactions, and the export has 5"), cli.output());
    assertEquals(second, csvFiles(export.resolve("interactions")));
  }

  private static List<Path> csvFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList();
    }
  }
}
