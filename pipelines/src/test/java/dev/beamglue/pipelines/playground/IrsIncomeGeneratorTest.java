package dev.beamglue.pipelines.playground;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IrsIncomeGeneratorTest {

  /** The bundled parks file, from the pipelines module's folder. */
  static final String PARKS = "../data/playgrounds/DPR_Parks_001.json";

  private static byte[] generate(IrsIncomeGenerator generator) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    generator.write(out);
    return out.toByteArray();
  }

  private static List<String[]> rows(byte[] file) {
    List<String[]> rows = new ArrayList<>();
    String[] lines = new String(file, StandardCharsets.UTF_8).split("\n");
    for (int i = 1; i < lines.length; i++) {
      rows.add(lines[i].split(",", -1));
    }
    return rows;
  }

  private static String header(byte[] file) {
    String text = new String(file, StandardCharsets.UTF_8);
    return text.substring(0, text.indexOf('\n'));
  }

  @Test
  void theParksFileNames182NewYorkZipCodes() {
    SortedSet<Integer> zips = ParkZipCodes.read(PARKS);
    assertEquals(182, zips.size());
    assertEquals(10001, zips.first());
    assertEquals(11694, zips.last());
    assertTrue(zips.contains(11236) && zips.contains(11239), "both codes of \"11236, 11239\"");
  }

  @Test
  void hasTheIrsColumnsInOrder() throws IOException {
    byte[] file = generate(IrsIncomeGenerator.withSeed(1).withScale(0.05));
    List<String> columns = List.of(header(file).split(","));
    assertEquals(IrsIncomeGenerator.columns(), columns);
    assertEquals(147, columns.size());
    assertEquals(List.of("STATEFIPS", "STATE", "zipcode", "agi_stub", "N1", "MARS1", "MARS2",
        "MARS4", "PREP", "N2", "NUMDEP", "TOTAL_VITA", "VITA", "TCE", "VITA_EIC", "RAL", "RAC",
        "ELDERLY", "A00100", "N02650", "A02650", "N00200", "A00200"), columns.subList(0, 23));
    assertEquals(List.of("N11901", "A11901", "N11902", "A11902"), columns.subList(143, 147));
    assertEquals(columns.size(), new LinkedHashSet<>(columns).size(), "no column twice");
    for (String[] row : rows(file)) {
      assertEquals(147, row.length);
    }
  }

  @Test
  void everyStateSixRowsPerZipCountsShrinkingWithTheBracket() throws IOException {
    List<String[]> rows = rows(generate(IrsIncomeGenerator.withSeed(7)));
    Map<String, List<String[]>> byZip = new LinkedHashMap<>();
    Set<String> states = new TreeSet<>();
    for (String[] row : rows) {
      states.add(row[1]);
      byZip.computeIfAbsent(row[1] + row[2], k -> new ArrayList<>()).add(row);
      for (int i = 4; i < row.length; i++) {
        if (Long.parseLong(row[i]) < 0) {
          throw new AssertionError("a negative value: " + String.join(",", row));
        }
      }
    }
    assertEquals(51, states.size(), states.toString());
    assertTrue(states.contains("DC") && states.contains("NY") && states.contains("WY"));
    assertTrue(byZip.size() > 2_500 && byZip.size() < 3_100, "zip codes at scale 1: " + byZip.size());
    for (List<String[]> zip : byZip.values()) {
      assertEquals(6, zip.size());
      long previous = Long.MAX_VALUE;
      for (int stub = 0; stub < 6; stub++) {
        String[] row = zip.get(stub);
        assertEquals(String.valueOf(stub + 1), row[3]);
        long n1 = Long.parseLong(row[4]);
        assertTrue(n1 > 0 && n1 <= previous, () -> "N1 shrinks with agi_stub at " + row[2]);
        long joint = Long.parseLong(row[6]);
        assertTrue(joint <= n1 * 1.2, () -> "joint returns within N1 at " + row[2]);
        previous = n1;
      }
      // AGI in thousands of dollars: a return of the top bracket averages far above the first's.
      double first = Double.parseDouble(zip.get(0)[18]) / Long.parseLong(zip.get(0)[4]);
      double top = Double.parseDouble(zip.get(5)[18]) / Long.parseLong(zip.get(5)[4]);
      assertTrue(first < 15 && top > 400, () -> "AGI per return " + first + " and " + top);
    }
    // zip codes ascending within a state, and inside the state's postal prefixes
    for (String[] row : rows) {
      int zip = Integer.parseInt(row[2]);
      assertTrue(UsStates.byCode(row[1]).holds(zip), () -> row[1] + " " + zip);
    }
  }

  @Test
  void holdsEveryNewYorkZipCodeOfTheParksFile() throws IOException {
    SortedSet<Integer> parkZips = ParkZipCodes.read(PARKS);
    List<String[]> rows =
        rows(generate(IrsIncomeGenerator.withSeed(2016).withZipCodes("NY", parkZips)));
    Map<Integer, Integer> newYork = new HashMap<>();
    for (String[] row : rows) {
      if (row[1].equals("NY")) {
        assertEquals("36", row[0]);
        newYork.merge(Integer.parseInt(row[2]), 1, Integer::sum);
      }
    }
    for (int zip : parkZips) {
      assertEquals(6, newYork.getOrDefault(zip, 0), "rows of park zip code " + zip);
    }
    assertTrue(newYork.size() >= parkZips.size() + 160, "other New York codes too");
  }

  @Test
  void theSameSeedGivesTheSameBytesAndScaleKeepsTheRequiredCodesValues() throws IOException {
    SortedSet<Integer> parkZips = ParkZipCodes.read(PARKS);
    IrsIncomeGenerator generator = IrsIncomeGenerator.withSeed(2016).withZipCodes("NY", parkZips);
    byte[] once = generate(generator);
    assertArrayEquals(once, generate(generator));
    assertArrayEquals(once,
        generate(IrsIncomeGenerator.withSeed(2016).withZipCodes("NY", parkZips)));
    assertFalse(java.util.Arrays.equals(once, generate(generator.withScale(1.0)
        .withZipCodes("NY", List.of()).withScale(1.0).withZipCodes("NY", parkZips)
        .withScale(1.0).withZipCodes("NY", List.of(14850)))), "another required code");
    assertFalse(java.util.Arrays.equals(once,
        generate(IrsIncomeGenerator.withSeed(2017).withZipCodes("NY", parkZips))));

    List<String[]> small = rows(once);
    List<String[]> big = rows(generate(generator.withScale(3)));
    assertTrue(big.size() > 2.5 * small.size(), big.size() + " rows against " + small.size());
    Map<String, String> parkRowsSmall = parkRows(small, parkZips);
    assertEquals(182 * 6, parkRowsSmall.size());
    assertEquals(parkRowsSmall, parkRows(big, parkZips));
  }

  @Test
  void beyondAStatesCodesTheDrawnCodesRepeatButParkCodesDoNot() throws IOException {
    SortedSet<Integer> parkZips = ParkZipCodes.read(PARKS);
    // DC holds 500 codes and draws 3 at scale 1: scale 400 asks for 1,200.
    List<Long> dc = IrsIncomeGenerator.withSeed(1).withScale(400)
        .zipCodes(UsStates.byCode("DC"));
    assertEquals(1_200, dc.size());
    assertEquals(500, dc.stream().map(z -> z >>> 32).distinct().count());
    List<Long> ny = IrsIncomeGenerator.withSeed(1).withScale(40).withZipCodes("NY", parkZips)
        .zipCodes(UsStates.byCode("NY"));
    assertEquals(182 + 6_400, ny.size());
    for (int zip : parkZips) {
      assertEquals(1, ny.stream().filter(z -> (z >>> 32) == zip).count(), "park code " + zip);
    }
    assertThrows(IllegalArgumentException.class, () -> IrsIncomeGenerator.withSeed(1).withScale(0));
  }

  private static Map<String, String> parkRows(List<String[]> rows, Set<Integer> zips) {
    Map<String, String> found = new HashMap<>();
    for (String[] row : rows) {
      if (row[1].equals("NY") && zips.contains(Integer.parseInt(row[2]))) {
        found.put(row[2] + "/" + row[3], String.join(",", row));
      }
    }
    return found;
  }
}
