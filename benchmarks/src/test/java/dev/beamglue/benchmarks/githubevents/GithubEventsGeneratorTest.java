package dev.beamglue.benchmarks.githubevents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubEventsGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int EVENTS = 20_000;

  private static byte[] generate(long events, long seed, int malformedEvery) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GithubEventsGenerator.write(out, events, seed, malformedEvery);
    return out.toByteArray();
  }

  private static List<String> lines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"), "the last line ends with a newline");
    return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
  }

  private static JsonNode parseOrNull(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Test
  void sameSeedGivesIdenticalBytesAndOtherSeedDoesNot() throws IOException {
    byte[] first = generate(5_000, 7, 997);
    assertArrayEquals(first, generate(5_000, 7, 997));
    assertFalse(Arrays.equals(first, generate(5_000, 8, 997)));
  }

  @Test
  void writesTheSameBytesToAFileAndGzipsByFlag(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("events.ndjson");
    Path gzipped = dir.resolve("events.ndjson.gz");
    GithubEventsGenerator.write(plain, 3_000, 11, 97);
    GithubEventsGenerator.write(gzipped, 3_000, 11, 97);
    byte[] expected = generate(3_000, 11, 97);
    assertArrayEquals(expected, Files.readAllBytes(plain));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
      assertArrayEquals(expected, in.readAllBytes());
    }
  }

  @Test
  void everyKthLineIsMalformedAndEveryOtherLineParses() throws IOException {
    List<String> lines = lines(generate(EVENTS, 3, 997));
    assertEquals(EVENTS, lines.size());
    List<Integer> malformed = new ArrayList<>();
    int truncated = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode event = parseOrNull(lines.get(i));
      if (event == null) {
        malformed.add(i + 1);
        if (lines.get(i).startsWith("{\"id\":\"")) {
          truncated++;
        } else {
          assertTrue(Arrays.asList(GithubEventsGenerator.BARE_LINES).contains(lines.get(i)), lines.get(i));
        }
      } else {
        assertTrue(event.isObject(), "line " + (i + 1) + " is an object");
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int n = 997; n <= EVENTS; n += 997) {
      expected.add(n);
    }
    assertEquals(expected, malformed);
    assertEquals(GithubEventsGenerator.malformedLines(EVENTS, 997), malformed.size());
    assertTrue(truncated > 0 && truncated < malformed.size(), "both kinds of malformed line: " + truncated);
  }

  @Test
  void malformedEveryZeroWritesOnlyValidJson() throws IOException {
    List<String> lines = lines(generate(3_000, 5, 0));
    for (String line : lines) {
      if (parseOrNull(line) == null) {
        fail("line does not parse: " + line);
      }
    }
    assertEquals(0, GithubEventsGenerator.malformedLines(3_000, 0));
  }

  @Test
  void eventsHaveTheArchiveShapeAndTheMixedTypes() throws IOException {
    List<String> lines = lines(generate(EVENTS, 42, 0));
    Map<String, Integer> types = new HashMap<>();
    int pushes = 0;
    int stringSizes = 0;
    int stringActorIds = 0;
    int orgs = 0;
    long bytes = 0;
    String previousCreated = "";
    long previousId = 0;
    for (String line : lines) {
      bytes += line.length() + 1;
      JsonNode event = parseOrNull(line);
      String type = event.get("type").asText();
      types.merge(type, 1, Integer::sum);
      assertTrue(event.get("id").isTextual() && event.get("id").asText().matches("\\d+"), line);
      long id = Long.parseLong(event.get("id").asText());
      assertTrue(id > previousId, "ids increase");
      previousId = id;
      String created = event.get("created_at").asText();
      assertTrue(created.matches("2015-01-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), created);
      assertTrue(created.compareTo(previousCreated) > 0, "created_at increases: " + created);
      previousCreated = created;
      JsonNode actor = event.get("actor");
      for (String field : List.of("id", "login", "gravatar_id", "url", "avatar_url")) {
        assertTrue(actor.has(field), "actor." + field + " in " + line);
      }
      stringActorIds += actor.get("id").isTextual() ? 1 : 0;
      assertTrue(event.get("repo").get("name").asText().matches("[^/]+/[^/]+"), line);
      assertTrue(event.get("public").isBoolean(), line);
      if (event.has("org")) {
        orgs++;
        assertTrue(event.get("org").has("login") && event.get("org").has("avatar_url"), line);
      }
      JsonNode payload = event.get("payload");
      assertTrue(payload.has("description") && payload.get("description").isNull(), line);
      if (type.equals("PushEvent")) {
        pushes++;
        JsonNode size = payload.get("size");
        stringSizes += size.isTextual() ? 1 : 0;
        int commits = payload.get("commits").size();
        assertTrue(commits >= 1 && commits <= 5, line);
        assertEquals(commits, Integer.parseInt(size.asText()), line);
        assertEquals(payload.get("head").asText(), payload.get("commits").get(commits - 1).get("sha").asText());
        assertTrue(payload.get("commits").get(0).get("author").has("email"), line);
      }
    }
    assertEquals(
        Set.of("PushEvent", "WatchEvent", "CreateEvent", "IssuesEvent", "ForkEvent", "PullRequestEvent",
            "IssueCommentEvent"),
        types.keySet());
    assertTrue(pushes > 0.32 * EVENTS && pushes < 0.40 * EVENTS, "PushEvent is the commonest: " + types);
    int pushCount = pushes;
    assertTrue(types.values().stream().allMatch(n -> n <= pushCount), types.toString());
    assertTrue(types.get("ForkEvent") < types.get("WatchEvent"), types.toString());
    double stringSizeRatio = (double) stringSizes / pushes;
    assertTrue(stringSizeRatio > 0.01 && stringSizeRatio < 0.03, "string payload.size " + stringSizeRatio);
    double stringActorRatio = (double) stringActorIds / EVENTS;
    assertTrue(stringActorRatio > 0.005 && stringActorRatio < 0.015, "string actor.id " + stringActorRatio);
    double orgRatio = (double) orgs / EVENTS;
    assertTrue(orgRatio > 0.27 && orgRatio < 0.33, "org " + orgRatio);
    double averageLine = (double) bytes / EVENTS;
    assertTrue(averageLine > 560 && averageLine < 690, "average line is about 620 bytes: " + averageLine);
  }

  @Test
  void commitsCountsTheCommitsOfTheValidLinesOnly() throws IOException {
    for (int malformedEvery : new int[] {0, 7, 997}) {
      long commits = 0;
      boolean truncatedPush = false;
      for (String line : lines(generate(5_000, 21, malformedEvery))) {
        JsonNode event = parseOrNull(line);
        if (event == null) {
          truncatedPush |= line.contains("PushEvent");
        } else if (event.get("payload").has("commits")) {
          commits += event.get("payload").get("commits").size();
        }
      }
      assertEquals(commits, GithubEventsGenerator.commits(5_000, 21, malformedEvery), "malformedEvery " + malformedEvery);
      assertTrue(commits > 5_000 * 0.36, "about 1.2 commits a push: " + commits);
      if (malformedEvery == 7) {
        assertTrue(truncatedPush, "some truncated lines were pushes, whose commits must not count");
      }
    }
  }
}
