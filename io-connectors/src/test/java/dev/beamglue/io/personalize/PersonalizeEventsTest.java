package dev.beamglue.io.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.personalize.FakePersonalize;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithTimestamps;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The PutEvents sink in a pipeline, against a local endpoint that checks the requests: batches of
 * one session, a throttled call retried, rejected and invalid events in the errors, and every
 * output in its event's window.
 */
class PersonalizeEventsTest {

  /** The events as a source might give them: another field order, every field nullable. */
  static final Schema INPUT = Schema.builder()
      .addNullableField("sentAt", FieldType.DATETIME)
      .addNullableField("eventType", FieldType.STRING)
      .addNullableField("userId", FieldType.STRING)
      .addNullableField("sessionId", FieldType.STRING)
      .addNullableField("itemId", FieldType.STRING)
      .addNullableField("eventValue", FieldType.DOUBLE)
      .addNullableField("properties", FieldType.STRING)
      .addNullableField("source", FieldType.STRING)
      .build();

  private FakePersonalize server;

  @BeforeEach
  void start() throws IOException {
    server = FakePersonalize.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Row input(Row event) {
    return Row.withSchema(INPUT).addValues(event.getDateTime("sentAt"),
        event.getString("eventType"), event.getString("userId"), event.getString("sessionId"),
        event.getString("itemId"), event.getDouble("eventValue"), event.getString("properties"),
        "web").build();
  }

  /** The 10-second window starting that many seconds after the events' first sentAt. */
  static IntervalWindow window(int second) {
    Instant start = new Instant(EventSenderTest.SENT + second * 1000L);
    return new IntervalWindow(start, start.plus(org.joda.time.Duration.standardSeconds(10)));
  }

  @PipelineTest
  void sendsSessionBatchesRetriesThrottlingAndReportsRejectedEvents() {
    server.throttle.set(1);
    server.rejectUser = "u7";
    List<Row> accepted = new ArrayList<>();
    Map<String, String> sessionOfItem = new HashMap<>();
    for (int i = 0; i < 25; i++) {
      accepted.add(EventSenderTest.event("u1", "s1", i));
    }
    for (int i = 100; i < 103; i++) {
      accepted.add(EventSenderTest.event("u2", "s2", i));
    }
    List<Row> rejected = List.of(EventSenderTest.event("u7", "s7", 200),
        EventSenderTest.event("u7", "s7", 201));
    List<Row> inputs = new ArrayList<>();
    for (Row event : accepted) {
      inputs.add(input(event));
      sessionOfItem.put(event.getString("itemId"),
          event.getString("userId") + "/" + event.getString("sessionId"));
    }
    rejected.forEach(event -> inputs.add(input(event)));
    Row noUser = Row.fromRow(input(EventSenderTest.event("x", "s3", 300)))
        .withFieldValue("userId", null).build();
    inputs.add(noUser);

    Pipeline p = TestPipelines.create();
    AwsOptions aws = p.getOptions().as(AwsOptions.class);
    aws.setAwsRegion(Region.US_EAST_1);
    aws.setEndpoint(server.endpoint());
    aws.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    PCollection<Row> events = p.apply(Create.of(inputs).withRowSchema(INPUT))
        .apply(WithTimestamps.of((Row row) -> row.getDateTime("sentAt").toInstant()))
        .apply(Window.into(FixedWindows.of(org.joda.time.Duration.standardSeconds(10))));
    RowsWithErrors out = events.apply(PersonalizeEvents.write("track-1")
        .withEventsPerSecond(10_000).withInitialBackoff(Duration.ofMillis(20)));

    assertEquals(PersonalizeEvents.EVENT_SCHEMA, out.rows().getSchema());
    assertEquals(ErrorRecords.SCHEMA, out.errors().getSchema());
    PAssert.that(out.rows()).containsInAnyOrder(accepted);
    PAssert.that(out.rows()).inWindow(window(0)).containsInAnyOrder(accepted.subList(0, 10));
    PAssert.that(out.rows()).inWindow(window(20)).containsInAnyOrder(accepted.subList(20, 25));
    PAssert.that(out.rows()).inWindow(window(100)).containsInAnyOrder(accepted.subList(25, 28));
    PAssert.that(out.errors()).inWindow(window(300)).containsInAnyOrder(ErrorRecords.forRow(
        PersonalizeEvents.STEP, "The event has no userId; Personalize needs one.", noUser));
    String why = "Personalize rejected the events of session s7 of user u7 "
        + "(InvalidInputException: The user u7 is invalid).";
    PAssert.that(out.errors()).containsInAnyOrder(
        ErrorRecords.forRow(PersonalizeEvents.STEP, why, rejected.get(0)),
        ErrorRecords.forRow(PersonalizeEvents.STEP, why, rejected.get(1)),
        ErrorRecords.forRow(PersonalizeEvents.STEP,
            "The event has no userId; Personalize needs one.", noUser));
    TestPipelines.runToEnd(p);

    List<FakePersonalize.Request> calls = server.requests("PutEvents");
    Map<String, Integer> acceptedPerItem = new HashMap<>();
    int s1Calls = 0;
    int throttled = 0;
    for (FakePersonalize.Request call : calls) {
      JsonNode body = call.body();
      String session = body.get("userId").asText() + "/" + body.get("sessionId").asText();
      assertEquals("track-1", body.get("trackingId").asText());
      assertTrue(body.get("eventList").size() <= 10, body.toString());
      for (JsonNode event : body.get("eventList")) {
        String item = event.get("itemId").asText();
        if (!session.equals("u7/s7")) {
          assertEquals(sessionOfItem.get(item), session, item);
        }
        if (call.accepted()) {
          acceptedPerItem.merge(item, 1, Integer::sum);
        }
      }
      s1Calls += call.accepted() && session.equals("u1/s1") ? 1 : 0;
      throttled += "ThrottlingException".equals(call.error()) ? 1 : 0;
    }
    assertEquals(sessionOfItem.keySet(), acceptedPerItem.keySet());
    assertTrue(acceptedPerItem.values().stream().allMatch(n -> n == 1), acceptedPerItem::toString);
    assertTrue(s1Calls >= 3, "calls for u1/s1: " + s1Calls);
    assertEquals(1, throttled);
  }
}
