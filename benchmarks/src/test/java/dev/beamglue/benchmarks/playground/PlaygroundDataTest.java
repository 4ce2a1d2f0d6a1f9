package dev.beamglue.benchmarks.playground;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.benchmarks.harness.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaygroundDataTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path BUNDLED = ChildJvm.repoRoot(null).resolve("data/playgrounds");
  private static final int SCALE = 3;
  private static final double INCOME_SCALE = 0.05;

  private static List<Map<String, Object>> jsonLines(Path file) throws IOException {
    List<Map<String, Object>> records = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> record = MAPPER.readValue(line, LinkedHashMap.class);
      records.add(record);
    }
    return records;
  }

  private static Path make(Path workDir, long seed) throws IOException {
    return new PlaygroundData(SCALE, INCOME_SCALE, seed).make(workDir, BUNDLED);
  }

  @Test
  void replicatesEveryRecordScaleTimesWithUniqueIdsAndTheSameZipCodes(@TempDir Path dir) throws IOException {
    Path folder = make(dir, 2016);
    List<Map<String, Object>> parks = PlaygroundData.records(BUNDLED.resolve(PlaygroundData.PARKS));
    List<Map<String, Object>> playgrounds = PlaygroundData.records(BUNDLED.resolve(PlaygroundData.PLAYGROUNDS));
    assertEquals(1_675, parks.size());
    assertEquals(1_269, playgrounds.size());

    List<Map<String, Object>> scaledParks = jsonLines(PlaygroundData.parks(folder));
    List<Map<String, Object>> scaledPlaygrounds = jsonLines(PlaygroundData.playgrounds(folder));
    assertEquals(SCALE * 1_675, scaledParks.size());
    assertEquals(SCALE * 1_269, scaledPlaygrounds.size());

    // Replica 0 is the bundled data as it is; replica 2 has its ids suffixed, the rest unchanged.
    assertEquals(parks, scaledParks.subList(0, 1_675));
    assertEquals(playgrounds, scaledPlaygrounds.subList(0, 1_269));
    Map<String, Object> park = scaledParks.get(2 * 1_675);
    assertEquals(List.of("Prop_ID", "Name", "Location", "Zip"), new ArrayList<>(park.keySet()));
    assertEquals("B001-r2", park.get("Prop_ID"));
    assertEquals(parks.get(0).get("Zip"), park.get("Zip"));
    assertEquals(parks.get(0).get("Name"), park.get("Name"));
    Map<String, Object> playground = scaledPlaygrounds.get(1_269 + 1);
    assertEquals("B007-r1", playground.get("Prop_ID"));
    assertEquals("B007-01-r1", playground.get("Playground_ID"));
    assertEquals("Y", playground.get("Accessible"));

    // Park ids are unique over all replicas; playground ids as unique as in the bundled file.
    assertEquals(SCALE * 1_675L, scaledParks.stream().map(r -> r.get("Prop_ID")).distinct().count());
    long bundledPlaygroundIds = playgrounds.stream().map(r -> r.get("Playground_ID"))
        .filter(id -> id != null).distinct().count();
    assertEquals(SCALE * bundledPlaygroundIds, scaledPlaygrounds.stream().map(r -> r.get("Playground_ID"))
        .filter(id -> id != null).distinct().count());
    long nullIds = playgrounds.stream().filter(r -> r.get("Playground_ID") == null).count();
    assertEquals(248, nullIds);
    assertEquals(SCALE * nullIds, scaledPlaygrounds.stream().filter(r -> r.get("Playground_ID") == null).count());

    // Every playground of a replica finds its park in the same replica, never in another one.
    Set<Object> parkIds = scaledParks.stream().map(r -> r.get("Prop_ID")).collect(Collectors.toSet());
    Set<Object> bundledParkIds = parks.stream().map(r -> r.get("Prop_ID")).collect(Collectors.toSet());
    long matched = playgrounds.stream().filter(r -> bundledParkIds.contains(r.get("Prop_ID"))).count();
    assertEquals(SCALE * matched, scaledPlaygrounds.stream().filter(r -> parkIds.contains(r.get("Prop_ID"))).count());

    // The zip codes of every replica are the bundled ones.
    Map<Object, Long> zips = parks.stream().filter(r -> r.get("Zip") != null)
        .collect(Collectors.groupingBy(r -> r.get("Zip"), Collectors.counting()));
    Map<Object, Long> scaledZips = new HashMap<>();
    zips.forEach((zip, n) -> scaledZips.put(zip, n * SCALE));
    assertEquals(scaledZips, scaledParks.stream().filter(r -> r.get("Zip") != null)
        .collect(Collectors.groupingBy(r -> r.get("Zip"), Collectors.counting())));
  }

  @Test
  void theIncomeFileHoldsSixNewYorkRowsForEveryParkZipCode(@TempDir Path dir) throws IOException {
    Path folder = make(dir, 2016);
    SortedSet<Integer> parkZips =
        PlaygroundData.zipCodes(PlaygroundData.records(BUNDLED.resolve(PlaygroundData.PARKS)));
    assertTrue(parkZips.contains(11236) && parkZips.contains(11239), "both codes of \"11236, 11239\"");
    assertFalse(parkZips.contains(1), "a fragment cut short is no code");
    List<String> lines = Files.readAllLines(PlaygroundData.income(folder));
    assertTrue(lines.get(0).startsWith("STATEFIPS,STATE,zipcode,agi_stub,N1,MARS1,MARS2,MARS4,PREP,N2"));
    Map<Integer, Integer> newYorkRows = new HashMap<>();
    Set<String> states = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", 4);
      states.add(cells[1]);
      if (cells[1].equals("NY")) {
        newYorkRows.merge(Integer.parseInt(cells[2]), 1, Integer::sum);
      }
    }
    assertEquals(51, states.size(), "every state and DC");
    for (int zip : parkZips) {
      assertEquals(6, newYorkRows.get(zip), "agi_stub 1 to 6 for " + zip);
    }
  }

  @Test
  void theSameSettingsGiveTheSameBytesAndAnotherSeedAnotherIncomeFile(@TempDir Path dir) throws IOException {
    Path first = make(dir.resolve("a"), 2016);
    Path again = make(dir.resolve("b"), 2016);
    Path otherSeed = make(dir.resolve("c"), 7);
    for (String file : List.of(PlaygroundData.PARKS_FILE, PlaygroundData.PLAYGROUNDS_FILE, PlaygroundData.INCOME_FILE)) {
      assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
    }
    assertArrayEquals(Files.readAllBytes(PlaygroundData.parks(first)), Files.readAllBytes(PlaygroundData.parks(otherSeed)));
    assertFalse(Files.readString(PlaygroundData.income(first)).equals(Files.readString(PlaygroundData.income(otherSeed))));
  }

  @Test
  void aCompleteFolderIsReusedAndAnIncompleteOneMadeAgain(@TempDir Path dir) throws IOException {
    PlaygroundData data = new PlaygroundData(SCALE, INCOME_SCALE, 2016);
    Path folder = data.make(dir, BUNDLED);
    assertEquals(dir.resolve("playground-x3-income0.05-seed2016"), folder);
    Files.writeString(PlaygroundData.parks(folder), "kept\n");
    data.make(dir, BUNDLED);
    assertEquals("kept\n", Files.readString(PlaygroundData.parks(folder)));
    Files.delete(folder.resolve("_COMPLETE"));
    data.make(dir, BUNDLED);
    assertEquals(SCALE * 1_675L, PlaygroundData.lines(PlaygroundData.parks(folder)));
  }

  @Test
  void expectsTheProcessedRowsOfTheBundledDataTimesTheScale() throws IOException {
    // 8,709 is what the transform stage writes for the bundled data (Direct, Flink and Spark agree).
    assertEquals(8_709, new PlaygroundData(1, 1, 2016).expectedProcessedRows(BUNDLED));
    assertEquals(8_709_000, new PlaygroundData(1_000, 1, 2016).expectedProcessedRows(BUNDLED));
  }

  @Test
  void replicaOnlyRenamesIdsThatAreThere() {
    Map<String, Object> school = new LinkedHashMap<>();
    school.put("Prop_ID", "B");
    school.put("Playground_ID", null);
    school.put("Name", "PS 6K");
    Map<String, Object> copy = PlaygroundData.replica(school, 12);
    assertEquals("B-r12", copy.get("Prop_ID"));
    assertNull(copy.get("Playground_ID"));
    assertEquals("PS 6K", copy.get("Name"));
    assertEquals("B", school.get("Prop_ID"), "the bundled record is not changed");
    assertEquals(new TreeSet<>(List.of("11236", "11239")), new TreeSet<>(PlaygroundData.codes("11236, 11239")));
    assertEquals(List.of("11207"), PlaygroundData.codes("11207, 1"));
    assertEquals(List.of(), PlaygroundData.codes(null));
  }

  @Test
  void refusesAScaleBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlaygroundData(0, 1, 1));
    assertEquals("--scale must be at least 1 and --incomeScale above 0, not 0 and 1.0", e.getMessage());
  }
}
