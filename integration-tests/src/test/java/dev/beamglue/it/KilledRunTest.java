package dev.beamglue.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.bookmarks.JobBookmarks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code beamglue run convert} process killed in the middle of its run (SIGKILL, no chance to
 * clean up) leaves the final output folder without data files and the job bookmark exactly as it
 * was; the next run reads every file the killed one had been reading.
 */
class KilledRunTest {

  private static final int FILES = 20;
  private static final int RECORDS_PER_FILE = 1_000;

  @TempDir Path dir;

  @Test
  void aKilledRunCommitsNeitherOutputNorBookmark() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input);
    write(input.resolve("first.json"), 0, 3);
    assertEquals(0, convert().waitFor(), "the first run succeeds");
    Path bookmark = JobBookmarks.inCatalogFolder(dir.resolve("catalog")).folder()
        .resolve("nightly.json");
    byte[] stateBefore = Files.readAllBytes(bookmark);
    List<Path> outputBefore = dataFiles(dir.resolve("out"));

    for (int f = 0; f < FILES; f++) {
      write(input.resolve("batch-" + f + ".json"), f * RECORDS_PER_FILE, RECORDS_PER_FILE);
    }
    Process killed = convert();
    waitForStagedFiles(killed);
    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertArrayEquals(stateBefore, Files.readAllBytes(bookmark), "the bookmark did not move");
    assertEquals(outputBefore, dataFiles(dir.resolve("out")), "no data file reached the output");

    assertEquals(0, convert().waitFor(), "the next run succeeds");
    long records = 0;
    for (Path file : dataFiles(dir.resolve("out"))) {
      records += Files.readAllLines(file).size();
    }
    assertEquals(3 + (long) FILES * RECORDS_PER_FILE, records, "every batch record, once");
  }

  private Process convert() throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "dev.beamglue.pipelines.cli.Beamglue",
        "run", "convert", "--runner=DirectRunner", "--catalog=" + dir.resolve("catalog"),
        "--input=" + dir.resolve("in"), "--inputFormat=json", "--bookmark=enable",
        "--bookmarkJob=nightly", "--output=" + dir.resolve("out"), "--outputFormat=json",
        "--errors=" + dir.resolve("errors"), "--overwrite"));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("run.log").toFile()).start();
  }

  /** Waits until the run has staged output (it is mid-write), or fails if it ended first. */
  private void waitForStagedFiles(Process run) throws Exception {
    Path staging = dir.resolve("out").resolve(".beamglue-staging");
    for (int i = 0; i < 1200; i++) {
      if (!run.isAlive()) {
        throw new AssertionError("the run ended before it was killed: "
            + Files.readString(dir.resolve("run.log")));
      }
      if (Files.exists(staging) && hasFiles(staging)) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the run staged nothing in a minute");
  }

  private static boolean hasFiles(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.anyMatch(Files::isRegularFile);
    }
  }

  private static List<Path> dataFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !folder.relativize(p).toString().startsWith("."))
          .sorted().toList();
    }
  }

  private static void write(Path file, int firstId, int records) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < records; i++) {
      text.append("{\"id\":").append(firstId + i).append(",\"name\":\"n").append(firstId + i)
          .append("\"}\n");
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
