package dev.beamglue.benchmarks.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FebrlPersonsTest {

  private static String csv(FebrlPersons persons, long count) throws IOException {
    StringWriter out = new StringWriter();
    persons.write(count, out);
    return out.toString();
  }

  @Test
  void theOutputDependsOnlyOnTheSizeAndTheSeed() throws IOException {
    String first = csv(FebrlPersons.standard(), 3_000);
    assertEquals(first, csv(FebrlPersons.standard(), 3_000));
    // A larger output starts with the smaller one: every record comes from its own number.
    assertTrue(csv(FebrlPersons.standard(), 5_000).startsWith(first));
    assertNotEquals(first, csv(FebrlPersons.standard().withSeed(7), 3_000));
    String[] lines = first.split("\n");
    assertEquals(3_001, lines.length);
    assertEquals(String.join(",", FebrlPersons.COLUMNS), lines[0]);
    for (int i = 1; i < lines.length; i++) {
      assertEquals(11, lines[i].split(",", -1).length, lines[i]);
    }
    assertEquals("rec-0-org", lines[1].split(",")[0]);
  }

  @Test
  void originalsTakeRealFebrlValues() {
    FebrlPersons persons = FebrlPersons.standard();
    // Values of the Febrl data sets' originals (../shared/data/findmatches/febrl/dataset4a.csv).
    assertTrue(persons.pool("given_name").contains("michaela"));
    assertTrue(persons.pool("surname").contains("neumann"));
    assertTrue(persons.pool("address_1").contains("stanley street"));
    assertTrue(persons.pool("suburb").contains("winston hills"));
    assertEquals(Set.of("act", "nsw", "nt", "qld", "sa", "tas", "vic", "wa"), Set.copyOf(persons.pool("state")));
    assertEquals(848, persons.pool("given_name").size());
    assertEquals(3_011, persons.pool("surname").size());
    assertThrows(IllegalArgumentException.class, () -> persons.pool("rec_id"));
    for (List<String> r : persons.records(2_000)) {
      if (!r.get(0).endsWith("-org")) {
        continue;
      }
      assertTrue(r.get(1).isEmpty() || persons.pool("given_name").contains(r.get(1)), r.toString());
      assertTrue(r.get(2).isEmpty() || persons.pool("surname").contains(r.get(2)), r.toString());
      assertTrue(persons.pool("address_1").contains(r.get(4)), r.toString());
      assertTrue(persons.pool("suburb").contains(r.get(6)), r.toString());
      assertTrue(persons.pool("postcode").contains(r.get(7)), r.toString());
      assertTrue(persons.pool("state").contains(r.get(8)), r.toString());
      assertTrue(r.get(9).matches("(19\\d\\d)(0[1-9]|1[0-2])(0[1-9]|1\\d|2[0-8])"), r.toString());
      assertTrue(r.get(10).matches("[1-9]\\d{6}"), r.toString());
    }
  }

  @Test
  void duplicatesFollowTheirOriginalAndDifferFromIt() {
    List<List<String>> records = FebrlPersons.standard().records(20_000);
    assertEquals(20_000, records.size());
    Map<String, List<String>> originals = new HashMap<>();
    Map<String, Integer> perEntity = new HashMap<>();
    Set<String> ids = new HashSet<>();
    int duplicates = 0;
    int changedFields = 0;
    for (List<String> r : records) {
      String id = r.get(0);
      assertTrue(ids.add(id), "ids are unique: " + id);
      String entity = FebrlPersons.entity(id);
      perEntity.merge(entity, 1, Integer::sum);
      if (id.endsWith("-org")) {
        assertTrue(id.matches("rec-\\d+-org"), id);
        originals.put(entity, r);
        continue;
      }
      assertTrue(id.matches("rec-\\d+-dup-[0-2]"), id);
      duplicates++;
      List<String> original = originals.get(entity);
      assertTrue(original != null, "a duplicate follows its original: " + id);
      int changed = 0;
      for (int i = 1; i < r.size(); i++) {
        if (!r.get(i).equals(original.get(i))) {
          changed++;
        }
      }
      assertTrue(changed <= 4, id + " differs in at most 3 modifications (a swap changes 2 fields): " + r);
      changedFields += changed;
    }
    // 40% of originals have 1 to 3 duplicates: 0.25 + 0.2 + 0.15 = 0.6 duplicates per original.
    double perOriginal = (double) duplicates / originals.size();
    assertTrue(perOriginal > 0.55 && perOriginal < 0.65, "duplicates per original " + perOriginal);
    assertTrue(perEntity.values().stream().allMatch(n -> n >= 1 && n <= 4));
    // Most duplicates differ from their original (a typo in an empty value or a swap of equal values does not).
    assertTrue(changedFields > duplicates, changedFields + " changed fields in " + duplicates + " duplicates");
    assertEquals("rec-17", FebrlPersons.entity("rec-17-dup-2"));
    assertEquals("rec-17", FebrlPersons.entity("rec-17-org"));
  }

  @Test
  void scaleScoresArePairwiseAgainstTheTruth(@TempDir Path dir) throws IOException {
    // rec-1 has an original and two duplicates, rec-2 one duplicate; the matcher merged rec-1-dup-1
    // wrongly with rec-2 and missed rec-2's duplicate.
    Path out = dir.resolve("part-0.csv");
    Files.writeString(
        out,
        "rec_id,given_name,match_id\n"
            + "rec-1-org,a,rec-1-org\n"
            + "rec-1-dup-0,a,rec-1-org\n"
            + "rec-1-dup-1,a,rec-2-org\n"
            + "rec-2-org,b,rec-2-org\n"
            + "rec-2-dup-0,b,rec-2-dup-0\n");
    Files.writeString(dir.resolve(".part-0.csv.crc"), "not data");
    Map<String, String> ids = FindMatchesScale.readMatchIds(dir);
    assertEquals(5, ids.size());
    FindMatchesQuality.Scores s = FindMatchesScale.score(ids);
    assertEquals(2, s.predicted()); // (1-org, 1-dup-0), (1-dup-1, 2-org)
    assertEquals(4, s.truth()); // three pairs of rec-1, one of rec-2
    assertEquals(1, s.correct());
    assertEquals(0.5, s.precision(), 1e-12);
    assertEquals(0.25, s.recall(), 1e-12);
    assertEquals(1.0 / 3, s.f1(), 1e-12);
  }
}
