package dev.beamglue.io.personalize;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;

/**
 * Buffers a bundle's events per (userId, sessionId), sends every full batch of 10 at once and
 * the rest when the bundle finishes, and emits each event, with its own timestamp and window, to
 * the rows when Personalize accepted it or to the errors with the reason.
 *
 * <p>{@code input.apply(ParDo.of(new PutEventsFn(...)).withOutputTags(ROWS, TupleTagList.of(ERRORS)));}
 */
final class PutEventsFn extends DoFn<Row, Row> {

  private static final long serialVersionUID = 1L;
  private static final int MAX_ID = 256;
  private static final String[] REQUIRED = {"userId", "sessionId", "eventType"};

  private record Pending(Row event, Instant timestamp, BoundedWindow window) {}

  private record Result(Pending pending, String failure) {}

  private final String trackingId;
  private final double eventsPerSecond;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final int[] positions;
  private final Counter sent = Metrics.counter(PersonalizeEvents.class, "eventsSent");
  private final Counter failed = Metrics.counter(PersonalizeEvents.class, "eventsFailed");
  private final Counter retried = Metrics.counter(PersonalizeEvents.class, "putEventsRetries");

  private transient PersonalizeEventsClient client;
  private transient EventSender sender;
  private transient SessionBatches<Pending> batches;
  private transient List<Result> results;

  PutEventsFn(String trackingId, double eventsPerSecond, int maxAttempts, Duration initialBackoff,
      int[] positions) {
    this.trackingId = trackingId;
    this.eventsPerSecond = eventsPerSecond;
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.positions = positions.clone();
  }

  @StartBundle
  public void startBundle(StartBundleContext context) {
    if (client == null) {
      client = PersonalizeClients.events(context.getPipelineOptions().as(AwsOptions.class));
      sender = new EventSender(client, trackingId, eventsPerSecond, maxAttempts, initialBackoff);
    }
    batches = new SessionBatches<>();
    results = new ArrayList<>();
  }

  @ProcessElement
  public void process(@Element Row input, @Timestamp Instant timestamp, BoundedWindow window)
      throws InterruptedException {
    Object[] values = new Object[positions.length];
    for (int i = 0; i < positions.length; i++) {
      values[i] = input.getValue(positions[i]);
    }
    String invalid = invalid(values);
    if (invalid != null) {
      results.add(new Result(new Pending(input, timestamp, window), invalid));
      return;
    }
    Row event = Row.withSchema(PersonalizeEvents.EVENT_SCHEMA).attachValues(Arrays.asList(values));
    List<Pending> full = batches.add((String) values[PersonalizeEvents.USER_ID],
        (String) values[PersonalizeEvents.SESSION_ID], new Pending(event, timestamp, window));
    if (full != null) {
      send(full);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws InterruptedException {
    for (List<Pending> batch : batches.drain()) {
      send(batch);
    }
    long ok = 0;
    long bad = 0;
    for (Result result : results) {
      Pending p = result.pending();
      if (result.failure() == null) {
        context.output(RowsWithErrors.ROWS, p.event(), p.timestamp(), p.window());
        ok++;
      } else {
        context.output(RowsWithErrors.ERRORS, ErrorRecords.forRow(PersonalizeEvents.STEP,
            result.failure(), p.event()), p.timestamp(), p.window());
        bad++;
      }
    }
    sent.inc(ok);
    failed.inc(bad);
    retried.inc(sender.takeRetries());
    results = null;
  }

  @Teardown
  public void teardown() {
    if (client != null) {
      client.close();
    }
  }

  private void send(List<Pending> batch) throws InterruptedException {
    List<Row> events = new ArrayList<>(batch.size());
    batch.forEach(p -> events.add(p.event()));
    String failure = sender.send(events);
    batch.forEach(p -> results.add(new Result(p, failure)));
  }

  /** Why the event cannot be sent, naming the field, or null. */
  private static String invalid(Object[] values) {
    for (int i = 0; i < REQUIRED.length; i++) {
      Object value = values[i];
      if (value == null || value.toString().isBlank()) {
        return "The event has no " + REQUIRED[i] + "; Personalize needs one.";
      }
      if (value.toString().length() > MAX_ID) {
        return "The event's " + REQUIRED[i] + " has " + value.toString().length()
            + " characters; Personalize allows at most " + MAX_ID + ".";
      }
    }
    if (values[PersonalizeEvents.SENT_AT] == null) {
      return "The event has no sentAt; Personalize needs the time of the event.";
    }
    Object item = values[PersonalizeEvents.ITEM_ID];
    if (item != null && item.toString().length() > MAX_ID) {
      return "The event's itemId has " + item.toString().length() + " characters; Personalize "
          + "allows at most " + MAX_ID + ".";
    }
    return null;
  }
}
