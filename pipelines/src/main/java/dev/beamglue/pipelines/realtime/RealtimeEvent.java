package dev.beamglue.pipelines.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.personalize.PersonalizeEvents;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * One real-time event as JSON, checked and turned into a Row of {@link #SCHEMA}: Personalize's
 * event shape ({@link PersonalizeEvents#EVENT_SCHEMA}) with the {@code eventId} that duplicates
 * share in front.
 *
 * <p>{@code RealtimeEvent.Parsed p = RealtimeEvent.parse("{\"eventId\":\"e1\", ...}");}
 *
 * <p>The JSON object has {@code eventId}, {@code eventType} ({@code click}, {@code view} or
 * {@code purchase}), {@code userId}, {@code itemId}, {@code timestamp} (ISO-8601 with a zone, or
 * epoch milliseconds), and may have {@code sessionId} (the userId when absent), {@code
 * eventValue} (a number) and {@code properties} (an object, kept as JSON text).
 */
public final class RealtimeEvent {

  /** The parsed event: its id, then Personalize's fields in {@code EVENT_SCHEMA}'s order. */
  public static final Schema SCHEMA;

  static {
    Schema.Builder builder = Schema.builder().addStringField("eventId");
    PersonalizeEvents.EVENT_SCHEMA.getFields().forEach(builder::addField);
    SCHEMA = builder.build();
  }

  /** The event types this pipeline takes, and whether each needs an itemId. */
  public static final Map<String, Boolean> EVENT_TYPES =
      Map.of("click", true, "view", true, "purchase", true);

  /** Event times before this (2000-01-01T00:00:00Z) are refused as impossible. */
  static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** Event times from this (2100-01-01T00:00:00Z) on are refused as impossible. */
  static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  static final int MAX_ID_LENGTH = 256;

  private static final ObjectMapper JSON = new ObjectMapper();

  private RealtimeEvent() {}

  /** A parsed event, or the sentence that says why the payload is not one. */
  public record Parsed(Row row, String problem) {
    public boolean ok() {
      return row != null;
    }
  }

  /** Parses and checks one payload; never throws. */
  public static Parsed parse(String payload) {
    if (payload == null || payload.isBlank()) {
      return problem("the payload is empty");
    }
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return problem("the payload is not JSON (" + firstLine(e.getOriginalMessage()) + ")");
    }
    if (node == null || !node.isObject()) {
      return problem("the payload is not a JSON object");
    }
    List<String> missing = new ArrayList<>();
    String eventId = text(node, "eventId", missing);
    String eventType = text(node, "eventType", missing);
    String userId = text(node, "userId", missing);
    if (!missing.isEmpty()) {
      return problem("the event has no " + String.join(", no ", missing));
    }
    Boolean needsItem = EVENT_TYPES.get(eventType);
    if (needsItem == null) {
      return problem("the eventType '" + eventType + "' is not one of "
          + String.join(", ", EVENT_TYPES.keySet().stream().sorted().toList()));
    }
    String itemId = text(node, "itemId", missing);
    if (needsItem && itemId == null) {
      return problem("the " + eventType + " event " + eventId + " has no itemId");
    }
    String sessionId = text(node, "sessionId", new ArrayList<>());
    if (sessionId == null) {
      sessionId = userId;
    }
    for (String[] id : new String[][] {{"eventId", eventId}, {"userId", userId},
        {"sessionId", sessionId}, {"itemId", itemId}}) {
      if (id[1] != null && id[1].length() > MAX_ID_LENGTH) {
        return problem("the " + id[0] + " of event " + eventId + " is longer than "
            + MAX_ID_LENGTH + " characters");
      }
    }
    Instant at;
    try {
      at = timestamp(node.get("timestamp"));
    } catch (IllegalArgumentException e) {
      return problem("the timestamp of event " + eventId + " " + e.getMessage());
    }
    Double value = null;
    JsonNode valueNode = node.get("eventValue");
    if (valueNode != null && !valueNode.isNull()) {
      if (!valueNode.isNumber()) {
        return problem("the eventValue of event " + eventId + " is not a number: " + valueNode);
      }
      value = valueNode.doubleValue();
      if (!Double.isFinite(value)) {
        return problem("the eventValue of event " + eventId + " is not finite");
      }
    }
    String properties = null;
    JsonNode propertiesNode = node.get("properties");
    if (propertiesNode != null && !propertiesNode.isNull()) {
      if (!propertiesNode.isObject()) {
        return problem("the properties of event " + eventId + " are not a JSON object");
      }
      properties = propertiesNode.toString();
    }
    List<Object> values = new ArrayList<>(8);
    values.add(eventId);
    values.add(userId);
    values.add(sessionId);
    values.add(eventType);
    values.add(itemId);
    values.add(value);
    values.add(new org.joda.time.Instant(at.toEpochMilli()));
    values.add(properties);
    return new Parsed(Row.withSchema(SCHEMA).attachValues(values), null);
  }

  /**
   * The event time of a payload in epoch milliseconds, or {@code fallback} when it has none that
   * parses: what a Kafka timestamp policy needs before the event is checked.
   */
  public static long eventTimeMillis(String payload, long fallback) {
    try {
      JsonNode node = JSON.readTree(payload);
      if (node != null && node.isObject()) {
        return timestamp(node.get("timestamp")).toEpochMilli();
      }
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      // not an event: the parse step sends it to the dead letters
    }
    return fallback;
  }

  private static Instant timestamp(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new IllegalArgumentException("is missing");
    }
    Instant at;
    if (node.isIntegralNumber()) {
      at = Instant.ofEpochMilli(node.longValue());
    } else if (node.isTextual()) {
      try {
        at = Instant.parse(node.textValue());
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("'" + node.textValue()
            + "' is not ISO-8601 with a zone (2026-11-21T10:00:00Z) nor epoch milliseconds");
      }
    } else {
      throw new IllegalArgumentException(node + " is not ISO-8601 text nor epoch milliseconds");
    }
    if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
      throw new IllegalArgumentException(at + " is outside " + EARLIEST + " to " + LATEST);
    }
    return at;
  }

  private static String text(JsonNode node, String field, List<String> missing) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
      missing.add(field);
      return null;
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }

  private static Parsed problem(String sentence) {
    return new Parsed(null, sentence.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
        + sentence.substring(1) + ".");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static FieldType eventType() {
    return FieldType.row(SCHEMA);
  }
}
