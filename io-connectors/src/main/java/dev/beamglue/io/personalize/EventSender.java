package dev.beamglue.io.personalize;

import dev.beamglue.io.aws.AwsProblems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException;

/**
 * Sends one session's batch of event rows ({@link PersonalizeEvents#EVENT_SCHEMA}) with {@code
 * PutEvents}: rate-limited, retried with exponential backoff on throttling, server errors and I/O
 * failures, and the reason as one sentence when it finally fails.
 *
 * <p>{@code String failure = sender.send(batch); // null when Personalize accepted the batch}
 */
final class EventSender {

  static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

  private final PersonalizeEventsClient client;
  private final String trackingId;
  private final EventRate rate;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private int retries;

  EventSender(PersonalizeEventsClient client, String trackingId, double eventsPerSecond,
      int maxAttempts, Duration initialBackoff) {
    this.client = client;
    this.trackingId = trackingId;
    this.rate = new EventRate(eventsPerSecond);
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
  }

  /** The retries made so far (attempts after the first), then resets the count. */
  int takeRetries() {
    int taken = retries;
    retries = 0;
    return taken;
  }

  /** Sends rows of one (userId, sessionId), at most 10; null on success, else why it failed. */
  String send(List<Row> batch) throws InterruptedException {
    Row first = batch.get(0);
    String userId = first.getString(PersonalizeEvents.USER_ID);
    String sessionId = first.getString(PersonalizeEvents.SESSION_ID);
    List<Event> events = new ArrayList<>(batch.size());
    batch.forEach(row -> events.add(event(row)));
    String session = "session " + sessionId + " of user " + userId;
    for (int attempt = 1; ; attempt++) {
      rate.acquire(events.size());
      String failure;
      boolean retryable;
      try {
        client.putEvents(r -> r.trackingId(trackingId).userId(userId).sessionId(sessionId)
            .eventList(events));
        return null;
      } catch (PersonalizeEventsException e) {
        retryable = AwsProblems.isRetryable(e);
        String code = AwsProblems.errorCode(e);
        failure = (code.isEmpty() ? "status " + e.statusCode() : code) + ": "
            + AwsProblems.message(e);
        if (code.equals("ResourceNotFoundException")) {
          return "Personalize has no event tracker " + trackingId + " to record the events of "
              + session + " (" + failure + ").";
        }
      } catch (SdkClientException e) {
        retryable = true;
        failure = AwsProblems.clientProblem("call PutEvents", e).replaceAll("\\.$", "");
      }
      if (!retryable) {
        return "Personalize rejected the events of " + session + " (" + failure + ").";
      }
      if (attempt >= maxAttempts) {
        return "Personalize PutEvents still failed after " + maxAttempts + " attempts for the "
            + "events of " + session + " (" + failure + ").";
      }
      retries++;
      Thread.sleep(backoff(attempt).toMillis());
    }
  }

  /** The wait after the given failed attempt: the initial backoff doubled per attempt, capped. */
  Duration backoff(int attempt) {
    Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  static Event event(Row row) {
    Double value = row.getDouble(PersonalizeEvents.EVENT_VALUE);
    return Event.builder()
        .eventId(eventId(row))
        .eventType(row.getString(PersonalizeEvents.EVENT_TYPE))
        .itemId(row.getString(PersonalizeEvents.ITEM_ID))
        .eventValue(value == null ? null : value.floatValue())
        .sentAt(java.time.Instant.ofEpochMilli(
            row.getDateTime(PersonalizeEvents.SENT_AT).getMillis()))
        .properties(row.getString(PersonalizeEvents.PROPERTIES))
        .build();
  }

  /**
   * An id derived from the event's fields, so that an event sent again (a retry, a replay after a
   * restart) has the id Personalize already saw and is not counted twice in training.
   */
  static String eventId(Row row) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < row.getFieldCount(); i++) {
      key.append(row.getValue(i) == null ? "\u0000" : String.valueOf((Object) row.getValue(i)))
          .append('\u0001');
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM.", e);
    }
  }
}
