package dev.beamglue.pipelines.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.personalize.PersonalizeEvents;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class RealtimeEventTest {

  @Test
  void schemaIsTheEventIdThenPersonalizesEvent() {
    assertEquals("eventId", RealtimeEvent.SCHEMA.getField(0).getName());
    assertEquals(PersonalizeEvents.EVENT_SCHEMA.getFields(),
        RealtimeEvent.SCHEMA.getFields().subList(1, RealtimeEvent.SCHEMA.getFieldCount()));
  }

  @Test
  void parsesAFullEvent() {
    RealtimeEvent.Parsed p = RealtimeEvent.parse("{\"eventId\":\"e1\",\"eventType\":\"purchase\","
        + "\"userId\":\"u1\",\"sessionId\":\"s1\",\"itemId\":\"i1\",\"eventValue\":12.5,"
        + "\"timestamp\":\"2026-11-21T10:00:01Z\",\"properties\":{\"channel\":\"web\"}}");
    assertTrue(p.ok(), p.problem());
    Row r = p.row();
    assertEquals("e1", r.getString("eventId"));
    assertEquals("u1", r.getString("userId"));
    assertEquals("s1", r.getString("sessionId"));
    assertEquals("purchase", r.getString("eventType"));
    assertEquals("i1", r.getString("itemId"));
    assertEquals(12.5, r.getDouble("eventValue"));
    assertEquals(1795255201000L, r.getDateTime("sentAt").getMillis());
    assertEquals("{\"channel\":\"web\"}", r.getString("properties"));
  }

  @Test
  void epochMillisAndDefaultSession() {
    RealtimeEvent.Parsed p = RealtimeEvent.parse("{\"eventId\":\"e2\",\"eventType\":\"view\","
        + "\"userId\":\"u2\",\"itemId\":\"i9\",\"timestamp\":1795255201000}");
    assertTrue(p.ok(), p.problem());
    assertEquals("u2", p.row().getString("sessionId"));
    assertNull(p.row().getDouble("eventValue"));
    assertNull(p.row().getString("properties"));
    assertEquals(1795255201000L, p.row().getDateTime("sentAt").getMillis());
    assertEquals(1795255201000L, RealtimeEvent.eventTimeMillis(
        "{\"timestamp\":\"2026-11-21T10:00:01Z\"}", -1));
    assertEquals(-1, RealtimeEvent.eventTimeMillis("{not json", -1));
  }

  @Test
  void refusalsSayWhy() {
    assertRefused("{oops", "The payload is not JSON (");
    assertRefused("[1,2]", "The payload is not a JSON object.");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"click\",\"itemId\":\"i\","
        + "\"timestamp\":1795255201000}", "The event has no userId.");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"click\",\"userId\":\"u\","
        + "\"timestamp\":1795255201000}", "The click event e has no itemId.");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"like\",\"userId\":\"u\",\"itemId\":\"i\","
        + "\"timestamp\":1795255201000}",
        "The eventType 'like' is not one of click, purchase, view.");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"view\",\"userId\":\"u\",\"itemId\":\"i\","
        + "\"timestamp\":\"yesterday\"}", "The timestamp of event e 'yesterday' is not ISO-8601");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"view\",\"userId\":\"u\",\"itemId\":\"i\","
        + "\"timestamp\":5}", "The timestamp of event e 1970-01-01T00:00:00.005Z is outside");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"view\",\"userId\":\"u\",\"itemId\":\"i\"}",
        "The timestamp of event e is missing.");
    assertRefused("{\"eventId\":\"e\",\"eventType\":\"purchase\",\"userId\":\"u\",\"itemId\":\"i\","
        + "\"timestamp\":1795255201000,\"eventValue\":\"ten\"}",
        "The eventValue of event e is not a number: \"ten\".");
  }

  private static void assertRefused(String payload, String reasonStart) {
    RealtimeEvent.Parsed p = RealtimeEvent.parse(payload);
    assertFalse(p.ok(), payload);
    assertTrue(p.problem().startsWith(reasonStart), p.problem());
    assertTrue(p.problem().endsWith("."), p.problem());
  }
}
