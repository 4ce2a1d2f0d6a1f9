package dev.beamglue.transforms.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

class FindMatchesTest {

  /** The match ids the in-memory steps give: the Beam transform must give the same. */
  static HashMap<Long, Long> expectedPersons(int n) {
    List<Record> records =
        FindMatchesFixtures.persons(0, n).stream().map(FindMatchesFixtures::personRecord).toList();
    LocalMatcher matcher = LocalMatcher.of(FindMatchesFixtures.PERSON_COLUMNS, records, false, 0.5, null);
    HashMap<Long, Long> expected = new HashMap<>();
    matcher.matchIds(matcher.fit(0.5), false)
        .forEach((id, match) -> expected.put(Long.parseLong(id), Long.parseLong(match)));
    return expected;
  }

  @Test
  void theInMemoryStepsFindTheFakePersonsClusters() {
    HashMap<Long, Long> ids = expectedPersons(120);
    Map<Long, Long> truth = new HashMap<>();
    for (Row row : FindMatchesFixtures.persons(0, 120)) {
      truth.put(row.getInt64("unique_id"), row.getInt64("cluster"));
    }
    long predicted = 0;
    long correct = 0;
    for (long a : ids.keySet()) {
      for (long b : ids.keySet()) {
        if (a < b && ids.get(a).equals(ids.get(b))) {
          predicted++;
          correct += truth.get(a).equals(truth.get(b)) ? 1 : 0;
        }
      }
    }
    assertTrue(predicted >= 60, "predicted pairs " + predicted);
    assertTrue(correct >= 0.9 * predicted, correct + " of " + predicted);
    assertEquals(0L, ids.get(1L)); // Robert Alan / Robert Allen
  }

  @PipelineTest
  void deduplicatesWithTheSameMatchIdsOnEveryRunner() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input =
        pipeline.apply(
            Create.of(FindMatchesFixtures.persons(0, 60)).withRowSchema(FindMatchesFixtures.PERSON));
    PCollection<Row> out =
        input.apply(
            FindMatches.onKey("unique_id")
                .withColumns(FindMatchesFixtures.PERSON_COLUMNS.toArray(new String[0]))
                .computeMatchConfidenceScores());
    Schema expectedSchema =
        Schema.builder()
            .addFields(FindMatchesFixtures.PERSON.getFields())
            .addInt64Field("match_id")
            .addDoubleField("match_confidence_score")
            .build();
    assertEquals(expectedSchema, out.getSchema());
    HashMap<Long, Long> expected = expectedPersons(60);
    PAssert.that(out)
        .satisfies(
            rows -> {
              Map<Long, Long> actual = new HashMap<>();
              for (Row row : rows) {
                actual.put(row.getInt64("unique_id"), row.getInt64("match_id"));
                double score = row.getDouble("match_confidence_score");
                assertTrue(score >= 0 && score <= 1, "score " + score);
              }
              assertEquals(expected, actual);
              return null;
            });
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void linksAcrossSourcesOnly() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> out =
        pipeline
            .apply(Create.of(FindMatchesFixtures.febrl()).withRowSchema(FindMatchesFixtures.FEBRL))
            .apply(FindMatches.onKey("rec_id").withSourceColumn("source"));
    assertEquals("match_id", out.getSchema().getField(12).getName());
    assertEquals(Schema.FieldType.STRING, out.getSchema().getField(12).getType());
    assertEquals(13, out.getSchema().getFieldCount());
    PAssert.that(out)
        .satisfies(
            rows -> {
              int count = 0;
              for (Row row : rows) {
                count++;
                String id = row.getString("rec_id");
                String[] parts = id.split("-");
                String match = row.getString("match_id");
                if (id.endsWith("-org")) {
                  assertEquals("rec-" + parts[1] + "-dup-0", match, id);
                } else if (match.endsWith("-org")) {
                  throw new AssertionError(id + " matched " + match);
                } else {
                  // A duplicate is its own match id, or it is the match id of its original.
                  assertEquals(id, match);
                }
              }
              assertEquals(45, count);
              return null;
            });
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void aMissingPrimaryKeyIsOneSentence() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input =
        pipeline.apply(
            Create.of(FindMatchesFixtures.persons(0, 3)).withRowSchema(FindMatchesFixtures.PERSON));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> input.apply(FindMatches.onKey("id")));
    assertEquals(
        "FindMatches needs a primary key, but the input has no field 'id' (fields: [unique_id,"
            + " first_name, surname, dob, city, email, cluster]).",
        e.getMessage());
    IllegalArgumentException tradeoff =
        assertThrows(
            IllegalArgumentException.class,
            () -> FindMatches.onKey("id").withPrecisionRecallTradeoff(2));
    assertEquals("The precision-recall tradeoff must lie in [0, 1], not 2.0.", tradeoff.getMessage());
  }

  @PipelineTest
  void duplicatePrimaryKeysFailNamingTheValue() {
    Pipeline pipeline = TestPipelines.create();
    List<Row> rows = new java.util.ArrayList<>(FindMatchesFixtures.persons(0, 6));
    rows.add(FindMatchesFixtures.persons(3, 4).get(0));
    pipeline
        .apply(Create.of(rows).withRowSchema(FindMatchesFixtures.PERSON))
        .apply(FindMatches.onKey("unique_id").withColumns("first_name", "surname"));
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.runToEnd(pipeline));
    StringBuilder messages = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertTrue(
        messages.toString()
            .contains(
                "The primary key 'unique_id' has the value '3' more than once; FindMatches needs a"
                    + " unique key per record."),
        messages.toString());
  }

  @Test
  void aModelForOtherColumnsIsRefused() {
    List<Record> records =
        FindMatchesFixtures.persons(0, 20).stream().map(FindMatchesFixtures::personRecord).toList();
    MatchModel model =
        LocalMatcher.of(FindMatchesFixtures.PERSON_COLUMNS, records, false, 0.5, null).fit(0.5);
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input =
        pipeline.apply(
            Create.of(FindMatchesFixtures.persons(0, 3)).withRowSchema(FindMatchesFixtures.PERSON));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> input.apply(FindMatches.onKey("unique_id").withModel(model)));
    assertEquals(
        "The model compares the columns [first_name, surname, dob, city, email] but the input has"
            + " [first_name, surname, dob, city, email, cluster] to compare; teach a model on this"
            + " input or select the model's columns.",
        e.getMessage());
  }
}
