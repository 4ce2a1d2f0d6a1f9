package dev.beamglue.transforms.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindMatchesCoreTest {

  @Test
  void textNormalizesTokenizesAndFindsCodes() {
    assertEquals("jose garcia", Text.normalize("  José  GARCÍA!"));
    assertEquals(List.of("sony", "turntable", "pslx350h"), Text.tokens("Sony Turntable - PSLX350H"));
    assertEquals(Set.of("dmcfx35k"), Text.codes("Panasonic DMC-FX35K Camera"));
    assertEquals(Set.of("mar", "art", "rth", "tha"), Text.qgrams("Martha", 3));
    assertEquals("R163", Text.soundex("Robert"));
    assertEquals("R163", Text.soundex("Rupert"));
    assertEquals("A261", Text.soundex("Ashcraft"));
    assertEquals("T522", Text.soundex("Tymczak"));
  }

  @Test
  void similaritiesHaveTheTextbookValues() {
    assertEquals(0.9611, Similarity.jaroWinkler("martha", "marhta"), 1e-4);
    assertEquals(0.84, Similarity.jaroWinkler("dwayne", "duane"), 1e-4);
    assertEquals(0.0, Similarity.jaroWinkler("abc", "xyz"), 1e-9);
    assertEquals(3, Similarity.levenshtein("kitten", "sitting"));
    assertEquals(1 - 3 / 7.0, Similarity.levenshteinSimilarity("kitten", "sitting"), 1e-9);
    assertEquals(0.5, Similarity.jaccard(Set.of("a", "b", "c"), Set.of("b", "c", "d", "a", "e", "f")), 1e-9);
    assertEquals(
        1 / Math.sqrt(1 + 9) * 1 / 1.0,
        Similarity.tfidfCosine(Set.of("a"), Set.of("a", "b"), Map.of("a", 1.0, "b", 3.0), 1),
        1e-9);
    assertEquals(0.9, Similarity.numeric(100, 90), 1e-9);
    assertEquals(1.0, Similarity.codes(Set.of("pslx350h"), Set.of("pslx350h", "x")), 1e-9);
    assertEquals(0.8, Similarity.codes(Set.of("dmcfx35"), Set.of("dmcfx35k")), 1e-9);
    assertEquals(0.0, Similarity.codes(Set.of("ab12"), Set.of()), 1e-9);
  }

  @Test
  void valuesParseNumbersAndDates() {
    assertEquals(1299.0, Values.number("$1,299.00"), 1e-9);
    assertTrue(Double.isNaN(Values.number("n/a")));
    assertEquals(Values.epochDay("1915-11-11"), Values.epochDay("19151111"));
    assertEquals(Values.epochDay("1915-11-11"), Values.epochDay("11/11/1915"));
    assertEquals(Values.NO_DATE, Values.epochDay("19151399"));
  }

  static List<Record> people() {
    List<Record> records = new ArrayList<>();
    String[][] rows = {
      {"1", "robert", "allen", "1971-06-24", "nsw", "5304218", "12.5"},
      {"2", "robert", "alan", "1971-05-24", "nsw", "5304218", "12.0"},
      {"3", "rob", "allen", "1971-06-24", "vic", "5304213", "130"},
      {"4", "julia", "taylor", "1980-01-02", "vic", "4066625", "7.25"},
      {"5", "julia", "tailor", "1980-01-02", "vic", "4066652", "7.25"},
      {"6", "grace", "hopper", "1906-12-09", "qld", "1234567", "99"},
      {"7", "alan", "turing", "1912-06-23", "qld", "7654321", "41.5"},
      {"8", "ada", "lovelace", "1815-12-10", "nsw", "1111111", "3.5"},
    };
    for (String[] row : rows) {
      records.add(new Record(row[0], null, java.util.Arrays.copyOfRange(row, 1, row.length)));
    }
    return records;
  }

  static final List<String> COLUMNS = List.of("first", "last", "dob", "state", "ssn", "amount");

  @Test
  void profilingFindsTheKindOfEachColumnAndTokenFrequencies() {
    Profile profile = Profile.of(COLUMNS, people());
    assertEquals(8, profile.records());
    assertEquals(ColumnKind.SHORT_TEXT, profile.column(0).kind());
    assertEquals(ColumnKind.DATE, profile.column(2).kind());
    assertEquals(ColumnKind.CATEGORY, profile.column(3).kind());
    assertEquals(ColumnKind.IDENTIFIER, profile.column(4).kind());
    assertEquals(ColumnKind.NUMBER, profile.column(5).kind());
    assertEquals(2, profile.column(0).documentFrequency("robert"));
    assertEquals(0, profile.column(0).documentFrequency("nobody"));
    assertTrue(profile.column(0).idf("ada") > profile.column(0).idf("robert"));
  }

  @Test
  void featuresCompareByKindAndMarkNulls() {
    List<Record> records = people();
    Features features = Features.of(Profile.of(COLUMNS, records));
    assertEquals("first:jw", features.names().get(0));
    assertTrue(features.names().contains("dob:days_apart"));
    assertTrue(features.names().contains("ssn:exact"));
    double[] same = features.compare(records.get(0), records.get(0));
    int[] levels = features.levels(same);
    for (int level : levels) {
      assertEquals(1, level);
    }
    Record blank = new Record("9", null, new String[] {"robert", null, null, "nsw", "5304218", "1"});
    double[] x = features.compare(records.get(0), blank);
    assertEquals(1.0, x[features.names().indexOf("last:null")], 1e-9);
    assertEquals(0.0, x[features.names().indexOf("last:jw")], 1e-9);
    assertEquals(0, features.levels(x)[1]);
    assertEquals(1.0, x[features.names().indexOf("ssn:exact")], 1e-9);
  }

  @Test
  void emLearnsThatAgreementMeansMatch() {
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pairs.add(new int[] {1, 1, 2});
      pairs.add(new int[] {4, 4, 4});
      pairs.add(new int[] {4, 4, 4});
      pairs.add(new int[] {4, 3, 4});
    }
    FellegiSunter fs = FellegiSunter.fit(pairs, 3, Features.LEVELS, 50);
    assertEquals(0.1, FellegiSunter.fit(List.of(), 3, Features.LEVELS, 50).prior(), 1e-9);
    assertEquals(0.25, fs.prior(), 0.02);
    assertTrue(fs.weight(0, 1) > 3);
    assertTrue(fs.weight(0, 4) < -3);
    assertEquals(0.0, fs.weight(0, 0), 1e-9);
    assertTrue(fs.probability(new int[] {1, 1, 2}) > 0.99);
    assertTrue(fs.probability(new int[] {4, 4, 4}) < 0.01);
  }

  @Test
  void logisticRegressionSeparatesAndPredicts() {
    List<double[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      xs.add(new double[] {0.9 + i * 0.005, 0.1});
      ys.add(1);
      xs.add(new double[] {0.1 + i * 0.01, 0.9});
      ys.add(0);
    }
    double[] w = LogisticRegression.fit(xs, ys, 0.001, 2000);
    assertEquals(3, w.length);
    assertTrue(w[0] > 0 && w[1] < 0);
    assertTrue(LogisticRegression.predict(w, new double[] {0.95, 0.1}) > 0.9);
    assertTrue(LogisticRegression.predict(w, new double[] {0.2, 0.9}) < 0.1);
    assertThrows(IllegalArgumentException.class, () -> LogisticRegression.fit(List.of(), List.of(), 0, 1));
  }

  @Test
  void clusteringCutsWeakBridgesAndNamesClustersBySmallestKey() {
    // Two triangles joined by one bridge edge: average linkage keeps them apart.
    List<ScoredPair> edges =
        List.of(
            new ScoredPair("1", "2", 0.99),
            new ScoredPair("1", "3", 0.98),
            new ScoredPair("2", "3", 0.97),
            new ScoredPair("3", "10", 0.96),
            new ScoredPair("10", "11", 0.99),
            new ScoredPair("10", "12", 0.99),
            new ScoredPair("11", "12", 0.99));
    Map<String, Clustering.Member> members = Clustering.cluster(edges, false, List.of());
    assertEquals("1", members.get("3").matchId());
    assertEquals("10", members.get("12").matchId());
    assertEquals("10", members.get("10").matchId());
    assertEquals((0.98 + 0.97) / 2, members.get("3").confidence(), 1e-9);
    // Bare connected components would have chained them; labels override the model.
    Map<String, Clustering.Member> labeled =
        Clustering.cluster(
            edges, false, List.of(new LabeledPair("1", "2", false), new LabeledPair("2", "12", true)));
    assertNotEquals(labeled.get("1").matchId(), labeled.get("2").matchId());
    assertEquals(labeled.get("2").matchId(), labeled.get("12").matchId());
  }

  @Test
  void linkageClustersHoldOneRecordPerSource() {
    List<ScoredPair> edges =
        List.of(
            new ScoredPair("a1", "b1", "a", "b", 0.99),
            new ScoredPair("a2", "b1", "a", "b", 0.95),
            new ScoredPair("a2", "b2", "a", "b", 0.9));
    Map<String, Clustering.Member> members = Clustering.cluster(edges, true, List.of());
    assertEquals("a1", members.get("b1").matchId());
    assertEquals("a2", members.get("b2").matchId());
  }

  @Test
  void idsCompareAsNumbersWhenTheyAreIntegers() {
    assertTrue(Record.compareIds("9", "10") < 0);
    assertTrue(Record.compareIds("10", "a") < 0);
    assertTrue(Record.compareIds("rec-1-dup-0", "rec-1-org") < 0);
  }

  @Test
  void blockingBoundsTheCandidatesOfALargeBlock() {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      records.add(new Record(Integer.toString(i), null, new String[] {"smith" + (char) ('a' + i % 26), "x"}));
    }
    Profile profile = Profile.of(List.of("name", "other"), records);
    Features features = Features.of(profile);
    Blocking cheap = Blocking.of(profile, 0.0);
    List<Features.Prepared> block = records.stream().map(features::prepare).toList();
    int[] count = {0};
    cheap.pairs(block, false, (a, b) -> count[0]++);
    assertEquals(10, cheap.maxBlock());
    assertEquals(2, cheap.window());
    assertEquals(300 * 2 - 3, count[0]); // each record with its next two, once sorted
    Blocking rich = Blocking.of(profile, 1.0);
    assertEquals(200, rich.maxBlock());
    assertTrue(rich.keys(block.get(0)).stream().anyMatch(k -> k.startsWith("m:")));
    assertTrue(rich.keys(block.get(0)).stream().anyMatch(k -> k.startsWith("p:0:S")));
    assertThrows(IllegalArgumentException.class, () -> Blocking.of(profile, 1.5));
  }

  @Test
  void localMatcherFindsThePeopleAndTheModelRoundTripsAsJson() {
    LocalMatcher matcher = LocalMatcher.of(COLUMNS, people(), false, 0.5, null);
    MatchModel model = matcher.fit(0.5);
    Map<String, String> ids = matcher.matchIds(model, false);
    assertEquals(ids.get("1"), ids.get("2"));
    assertEquals(ids.get("4"), ids.get("5"));
    assertNotEquals(ids.get("1"), ids.get("4"));
    assertEquals("6", ids.get("6"));
    assertEquals("8", ids.get("8"));
    MatchModel taught =
        matcher.teach(
            model,
            List.of(
                new LabeledPair("1", "2", true),
                new LabeledPair("4", "5", true),
                new LabeledPair("1", "4", false),
                new LabeledPair("6", "7", false)));
    assertTrue(taught.hasLabels());
    String json = taught.toJson();
    assertTrue(json.contains("\"version\" : 2"));
    assertTrue(json.contains("\"kind\" : \"DATE\""));
    assertTrue(json.contains("\"logistic_regression\""));
    MatchModel read = MatchModel.fromJson(json);
    assertEquals(json, read.toJson());
    assertEquals(taught.features(), read.features());
    double[] x = matcher.compare("1", "2");
    int[] levels = matcher.features().levels(x);
    assertEquals(taught.score(x, levels), read.score(x, levels), 1e-12);
    assertEquals(matcher.matchIds(taught, false), matcher.matchIds(read, false));
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> read.checkColumns(List.of("first", "last")));
    assertEquals(
        "The model compares the columns [first, last, dob, state, ssn, amount] but the input has"
            + " [first, last] to compare; teach a model on this input or select the model's columns.",
        wrong.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MatchModel.fromJson("{\"format\": \"other\"}"));
  }

  @Test
  void labelSetsPickUncertainPairsAndSpreadOverBlocks() {
    List<ScoredPair> scored = new ArrayList<>();
    for (int i = 0; i < 40; i += 2) {
      scored.add(new ScoredPair(Integer.toString(i), Integer.toString(i + 1), i / 40.0));
    }
    List<List<String>> sets = LabelSets.choose(scored, 0.5, Set.of("20"), 3, 4);
    assertEquals(3, sets.size());
    // 20-21 is nearest 0.5 but 20 is labeled; 18-19 and 22-23 tie, the smaller keys first.
    assertEquals(List.of("18", "19"), sets.get(0));
    assertEquals(List.of("22", "23"), sets.get(1));
    assertFalse(sets.get(2).contains("20"));
    List<LabeledPair> pairs =
        LabelSets.pairs(List.of("3", "1", "2"), Map.of("1", "x", "2", "y", "3", "x"));
    assertEquals(
        List.of(
            new LabeledPair("1", "3", true),
            new LabeledPair("2", "3", false),
            new LabeledPair("1", "2", false)),
        pairs);
  }
}
