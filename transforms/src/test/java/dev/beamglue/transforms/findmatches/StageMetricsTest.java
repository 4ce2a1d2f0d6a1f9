package dev.beamglue.transforms.findmatches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class StageMetricsTest {

  private static <T> T roundTrip(Coder<T> coder, T value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(value, out);
    return coder.decode(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void theCodersKeepEveryFieldAndNull() throws IOException {
    Record record = new Record("rec-1-org", null, new String[] {"michaela", null, "19151111"});
    Record back = roundTrip(MatchCoders.RECORD, record);
    assertEquals(record, back);
    assertNull(back.value(1));
    assertNull(back.source());
    Record linked = new Record("7", "abt", new String[] {"sony tv"});
    assertEquals("abt", roundTrip(MatchCoders.RECORD, linked).source());

    PairFeatures pair = new PairFeatures("1", "2", "a", null, new double[] {0.25, 1.0, 0.0});
    PairFeatures pairBack = roundTrip(MatchCoders.PAIR, pair);
    assertEquals(List.of("1", "2", "a"), List.of(pairBack.left(), pairBack.right(), pairBack.leftSource()));
    assertNull(pairBack.rightSource());
    assertArrayEquals(new double[] {0.25, 1.0, 0.0}, pairBack.features());

    ScoredPair scored = new ScoredPair("1", "2", 0.875);
    assertEquals(scored, roundTrip(MatchCoders.SCORED, scored));
  }

  @Test
  void cheapBlockingHasNoPhoneticKeysAndOneTokenPerShortText() {
    List<Record> records =
        FindMatchesFixtures.persons(0, 60).stream().map(FindMatchesFixtures::personRecord).toList();
    Profile profile = Profile.of(FindMatchesFixtures.PERSON_COLUMNS, records);
    Features features = Features.of(profile);
    Blocking cheap = Blocking.of(profile, 0.0);
    Blocking usual = Blocking.of(profile, 0.5);
    int cheapKeys = 0;
    int usualKeys = 0;
    for (Record r : records) {
      List<String> keys = cheap.keys(features.prepare(r));
      assertTrue(keys.stream().noneMatch(k -> k.startsWith("p:")), keys.toString());
      for (int c = 0; c < profile.columns().size(); c++) {
        String prefix = "t:" + c + ":";
        long tokens = keys.stream().filter(k -> k.startsWith(prefix)).count();
        assertTrue(tokens <= (profile.column(c).kind() == ColumnKind.LONG_TEXT ? 4 : 1), keys.toString());
      }
      cheapKeys += keys.size();
      usualKeys += usual.keys(features.prepare(r)).size();
    }
    assertTrue(cheapKeys < usualKeys, cheapKeys + " cheap keys, " + usualKeys + " usual keys");
    assertTrue(cheap.describe().stream().noneMatch(k -> k.startsWith("soundex")), cheap.describe().toString());
    assertTrue(usual.describe().stream().anyMatch(k -> k.startsWith("soundex")), usual.describe().toString());
  }

  @PipelineTest
  void countsTheWorkOfEachStage() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> out =
        pipeline
            .apply(Create.of(FindMatchesFixtures.persons(0, 60)).withRowSchema(FindMatchesFixtures.PERSON))
            .apply(
                FindMatches.onKey("unique_id")
                    .withColumns(FindMatchesFixtures.PERSON_COLUMNS.toArray(new String[0])));
    Schema expected =
        Schema.builder().addFields(FindMatchesFixtures.PERSON.getFields()).addInt64Field("match_id").build();
    assertEquals(expected, out.getSchema());
    HashMap<Long, Long> expectedIds = FindMatchesTest.expectedPersons(60);
    PAssert.that(out)
        .satisfies(
            rows -> {
              Map<Long, Long> actual = new HashMap<>();
              for (Row row : rows) {
                actual.put(row.getInt64("unique_id"), row.getInt64("match_id"));
              }
              assertEquals(expectedIds, actual);
              return null;
            });
    PipelineResult result = TestPipelines.runToEnd(pipeline);

    List<Record> records =
        FindMatchesFixtures.persons(0, 60).stream().map(FindMatchesFixtures::personRecord).toList();
    LocalMatcher local = LocalMatcher.of(FindMatchesFixtures.PERSON_COLUMNS, records, false, 0.5, null);
    Map<String, Long> counters = new HashMap<>();
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(StageMetrics.NAMESPACE))
                    .build())
            .getCounters()) {
      counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    assertEquals(60L, counters.get("records"));
    assertEquals((long) local.pairs().size(), counters.get("candidate_pairs"));
    assertTrue(counters.get("compared_pairs") >= counters.get("candidate_pairs"), counters.toString());
    assertTrue(counters.get("block_keys") >= 60, counters.toString());
    long edges = counters.getOrDefault("match_edges", 0L);
    long sameId = 0;
    Map<Long, Long> sizes = new HashMap<>();
    expectedIds.values().forEach(m -> sizes.merge(m, 1L, Long::sum));
    for (long n : sizes.values()) {
      sameId += n - 1;
    }
    assertTrue(edges >= sameId, edges + " match edges join " + sameId + " records to clusters");
    for (String stage : List.of("profiling", "blocking", "comparing", "scoring")) {
      assertTrue(counters.getOrDefault(stage + "_ns", 0L) > 0, stage + " took no time: " + counters);
    }
  }
}
