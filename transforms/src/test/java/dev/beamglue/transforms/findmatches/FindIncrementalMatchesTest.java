package dev.beamglue.transforms.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class FindIncrementalMatchesTest {

  @Test
  void newClustersJoinTheStrongestExistingMatchIdOrKeepTheirOwn() {
    IncrementalClustering.End old1 = new IncrementalClustering.End("1", false, "0");
    IncrementalClustering.End old5 = new IncrementalClustering.End("5", false, "5");
    IncrementalClustering.End new7 = new IncrementalClustering.End("7", true, null);
    IncrementalClustering.End new8 = new IncrementalClustering.End("8", true, null);
    IncrementalClustering.End new9 = new IncrementalClustering.End("9", true, null);
    IncrementalClustering.End new12 = new IncrementalClustering.End("12", true, null);
    IncrementalClustering.End new13 = new IncrementalClustering.End("13", true, null);
    Map<String, String> ids =
        IncrementalClustering.assign(
            List.of(
                new IncrementalClustering.Edge(new ScoredPair("1", "7", 0.9), old1, new7),
                new IncrementalClustering.Edge(new ScoredPair("5", "7", 0.8), old5, new7),
                new IncrementalClustering.Edge(new ScoredPair("7", "8", 0.95), new7, new8),
                new IncrementalClustering.Edge(new ScoredPair("5", "9", 0.7), old5, new9),
                new IncrementalClustering.Edge(new ScoredPair("12", "13", 0.9), new12, new13)),
            false);
    assertEquals(Map.of("7", "0", "8", "0", "9", "5", "12", "12", "13", "12"), ids);
  }

  @Test
  void newRowsWithOtherColumnsAreOneSentence() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> matched =
        pipeline
            .apply("Old", Create.of(FindMatchesFixtures.persons(0, 4)).withRowSchema(FindMatchesFixtures.PERSON))
            .apply("Match old", FindMatches.onKey("unique_id").withColumns("first_name"));
    Schema other = Schema.builder().addInt64Field("unique_id").addStringField("first_name").build();
    PCollection<Row> fresh =
        pipeline.apply(
            "New", Create.of(Row.withSchema(other).attachValues(List.of(100L, "ann"))).withRowSchema(other));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> fresh.apply(FindIncrementalMatches.onKey("unique_id").against(matched)));
    assertEquals(
        "The new rows have the fields [unique_id, first_name] but the matched frame has [city, cluster,"
            + " dob, email, first_name, surname, unique_id] besides match_id; give both the same columns.",
        e.getMessage());
  }

  @PipelineTest
  void keepsExistingMatchIdsAndAttachesNewRecords() {
    List<Record> records =
        FindMatchesFixtures.persons(0, 60).stream().map(FindMatchesFixtures::personRecord).toList();
    MatchModel model =
        LocalMatcher.of(FindMatchesFixtures.PERSON_COLUMNS, records, false, 0.5, null).fit(0.5);
    HashMap<Long, Long> before = FindMatchesTest.expectedPersons(40);
    HashMap<Long, Long> truth = new HashMap<>();
    for (Row row : FindMatchesFixtures.persons(0, 60)) {
      truth.put(row.getInt64("unique_id"), row.getInt64("cluster"));
    }
    String[] columns = FindMatchesFixtures.PERSON_COLUMNS.toArray(new String[0]);

    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> matched =
        pipeline
            .apply("Old", Create.of(FindMatchesFixtures.persons(0, 40)).withRowSchema(FindMatchesFixtures.PERSON))
            .apply("Match old", FindMatches.onKey("unique_id").withColumns(columns));
    PCollection<Row> out =
        pipeline
            .apply("New", Create.of(FindMatchesFixtures.persons(40, 60)).withRowSchema(FindMatchesFixtures.PERSON))
            .apply(
                FindIncrementalMatches.onKey("unique_id")
                    .against(matched)
                    .withModel(model)
                    .withColumns(columns));
    assertEquals(
        Schema.builder()
            .addFields(FindMatchesFixtures.PERSON.getFields())
            .addInt64Field("match_id")
            .build(),
        out.getSchema());
    PAssert.that(out)
        .satisfies(
            rows -> {
              int attached = 0;
              int count = 0;
              for (Row row : rows) {
                count++;
                long id = row.getInt64("unique_id");
                long match = row.getInt64("match_id");
                if (id < 40) {
                  assertEquals(before.get(id), match, "existing " + id);
                } else if (match < 40) {
                  attached++;
                  assertEquals(truth.get(match), truth.get(id), id + " joined " + match);
                } else {
                  assertTrue(match >= 40 && match <= id, id + " has " + match);
                }
              }
              assertEquals(60, count);
              assertTrue(attached >= 3, "attached " + attached);
              return null;
            });
    TestPipelines.runToEnd(pipeline);
  }
}
