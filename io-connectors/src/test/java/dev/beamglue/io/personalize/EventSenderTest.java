package dev.beamglue.io.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamglue.testing.personalize.FakePersonalize;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/** PutEvents batching, retries and failures against a local endpoint that checks the requests. */
class EventSenderTest {

  static final long SENT = 1_763_700_000_000L;

  private FakePersonalize server;
  private PersonalizeEventsClient client;

  @BeforeEach
  void start() throws IOException {
    server = FakePersonalize.start();
    client = PersonalizeClients.events(PersonalizeImportTest.awsOptions(server));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static Row event(String user, String session, int i) {
    return Row.withSchema(PersonalizeEvents.EVENT_SCHEMA).attachValues(Arrays.asList(user, session,
        i % 5 == 0 ? "purchase" : "click", "item-" + i, i % 5 == 0 ? 19.5 + i : null,
        new Instant(SENT + i * 1000L), "{\"page\":" + i + "}"));
  }

  private EventSender sender(int attempts) {
    return new EventSender(client, "track-1", 10_000, attempts, Duration.ofMillis(10));
  }

  @Test
  void twentyFiveEventsOfOneSessionAreThreeCallsOfAtMostTen() throws InterruptedException {
    SessionBatches<Row> batches = new SessionBatches<>();
    EventSender sender = sender(3);
    List<Row> sent = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Row event = event("u1", "s1", i);
      List<Row> full = batches.add("u1", "s1", event);
      if (full != null) {
        assertNull(sender.send(full));
      }
      sent.add(event);
    }
    for (List<Row> rest : batches.drain()) {
      assertNull(sender.send(rest));
    }
    List<FakePersonalize.Request> calls = server.requests("PutEvents");
    assertEquals(List.of(10, 10, 5), calls.stream().map(c -> c.body().get("eventList").size())
        .toList());
    Set<String> ids = new HashSet<>();
    int i = 0;
    for (FakePersonalize.Request call : calls) {
      assertEquals("/events", call.path());
      assertTrue(call.authorization().contains("/us-east-1/personalize/aws4_request"),
          call.authorization());
      JsonNode body = call.body();
      assertEquals("track-1", body.get("trackingId").asText());
      assertEquals("u1", body.get("userId").asText());
      assertEquals("s1", body.get("sessionId").asText());
      for (JsonNode event : body.get("eventList")) {
        assertEquals(i % 5 == 0 ? "purchase" : "click", event.get("eventType").asText());
        assertEquals("item-" + i, event.get("itemId").asText());
        assertEquals((SENT + i * 1000L) / 1000.0, event.get("sentAt").asDouble(), 1e-9);
        assertEquals("{\"page\":" + i + "}", event.get("properties").asText());
        if (i % 5 == 0) {
          assertEquals(19.5 + i, event.get("eventValue").asDouble(), 1e-6);
        } else {
          assertTrue(!event.has("eventValue"), event.toString());
        }
        assertEquals(EventSender.eventId(sent.get(i)), event.get("eventId").asText());
        assertTrue(event.get("eventId").asText().matches("[0-9a-f]{32}"));
        ids.add(event.get("eventId").asText());
        i++;
      }
    }
    assertEquals(25, ids.size());
    assertEquals(0, sender.takeRetries());
  }

  @Test
  void batchesKeepSessionsApart() {
    SessionBatches<Integer> batches = new SessionBatches<>();
    for (int i = 0; i < 9; i++) {
      assertNull(batches.add("u1", "s1", i));
      assertNull(batches.add("u1", "s2", 100 + i));
    }
    assertNull(batches.add("u2", "s1", 200));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), batches.add("u1", "s1", 9));
    assertEquals(List.of(List.of(100, 101, 102, 103, 104, 105, 106, 107, 108), List.of(200)),
        batches.drain());
    assertEquals(List.of(), batches.drain());
  }

  @Test
  void throttlingIsRetriedWithTheSameEventsUntilAccepted() throws InterruptedException {
    server.throttle.set(2);
    EventSender sender = sender(5);
    assertNull(sender.send(List.of(event("u1", "s1", 1), event("u1", "s1", 2))));
    List<FakePersonalize.Request> calls = server.requests("PutEvents");
    assertEquals(Arrays.asList("ThrottlingException", "ThrottlingException", null),
        calls.stream().map(FakePersonalize.Request::error).toList());
    assertEquals(calls.get(0).body(), calls.get(2).body());
    assertEquals(2, sender.takeRetries());
    assertEquals(0, sender.takeRetries());
  }

  @Test
  void serverErrorsAfterTheLastAttemptAreOneSentence() throws InterruptedException {
    server.unavailable = true;
    String failure = sender(3).send(List.of(event("u1", "s9", 1)));
    assertEquals("Personalize PutEvents still failed after 3 attempts for the events of session "
        + "s9 of user u1 (ServiceUnavailableException: Service is unavailable).", failure);
    assertEquals(3, server.requests("PutEvents").size());
  }

  @Test
  void rejectedEventsAndUnknownTrackersAreNotRetried() throws InterruptedException {
    server.rejectUser = "u7";
    assertEquals("Personalize rejected the events of session s1 of user u7 "
        + "(InvalidInputException: The user u7 is invalid).",
        sender(5).send(List.of(event("u7", "s1", 1))));
    assertEquals(1, server.requests("PutEvents").size());
    String unknown = new EventSender(client, "nope", 100, 5, Duration.ZERO)
        .send(List.of(event("u1", "s1", 1)));
    assertEquals("Personalize has no event tracker nope to record the events of session s1 of "
        + "user u1 (ResourceNotFoundException: Tracking ID not found).", unknown);
    assertEquals(2, server.requests("PutEvents").size());
  }

  @Test
  void backoffDoublesUpToItsCap() {
    EventSender sender = new EventSender(client, "track-1", 1, 10, Duration.ofMillis(500));
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(16), Duration.ofSeconds(20)),
        List.of(sender.backoff(1), sender.backoff(2), sender.backoff(3), sender.backoff(6),
            sender.backoff(7)));
  }

  @Test
  void theRateSpacesCalls() throws InterruptedException {
    EventRate rate = new EventRate(100);
    long start = System.nanoTime();
    rate.acquire(10);
    rate.acquire(10);
    rate.acquire(1);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(elapsedMs >= 195 && elapsedMs < 2000, elapsedMs + " ms");
  }

  @Test
  void rowsWithoutTheEventFieldsAreRefusedWhenTheSinkIsBuilt() {
    Schema wrong = Schema.builder().addStringField("userId").addInt64Field("sessionId")
        .addNullableField("eventType", FieldType.STRING).build();
    assertEquals("PersonalizeEvents.write needs rows of PersonalizeEvents.EVENT_SCHEMA, but "
        + "sessionId is INT64, not STRING, no field itemId, no field eventValue, no field sentAt, "
        + "no field properties.", assertThrows(IllegalArgumentException.class,
            () -> PersonalizeEvents.positions(wrong)).getMessage());
  }
}
