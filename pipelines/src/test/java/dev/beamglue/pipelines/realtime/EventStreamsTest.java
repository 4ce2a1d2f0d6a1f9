package dev.beamglue.pipelines.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The transform core on a TestStream: the watermark and late data are driven step by step. Runs on
 * Direct and Flink (streaming, one subtask); the Spark runner in batch mode has no TestStream.
 */
class EventStreamsTest {

  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  private static Instant at(int minute, int second) {
    return T0.plus(Duration.standardMinutes(minute)).plus(Duration.standardSeconds(second));
  }

  private static String event(String id, String type, String user, String item, Instant at) {
    return String.format(Locale.ROOT, "{\"eventId\":\"%s\",\"eventType\":\"%s\",\"userId\":\"%s\","
        + "\"itemId\":\"%s\",\"timestamp\":\"%s\"}", id, type, user, item, at);
  }

  private static TimestampedValue<KV<String, String>> payload(String location, String json,
      Instant at) {
    return TimestampedValue.of(KV.of(location, json), at);
  }

  private static TimestampedValue<KV<String, String>> ev(String id, String user, String item,
      Instant at) {
    return payload("events-0@" + id, event(id, "click", user, item, at), at);
  }

  private static TestStream.Builder<KV<String, String>> stream() {
    return TestStream.create(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()),
        StringUtf8Coder.of())).advanceWatermarkTo(T0);
  }

  private static Pipeline pipeline() {
    assumeFalse(TestPipelines.runnerName().contains("Spark"),
        "The Spark runner runs TestStream only in its streaming mode, not used here.");
    PipelineOptions options = TestPipelines.options();
    if (TestPipelines.runnerName().contains("Flink")) {
      // TestStream orders elements and watermarks at its source only. Downstream, Flink's
      // operators hold a watermark back until their open bundle finishes, so later elements of
      // the same bundle overtake it; and with two subtasks a keyed step may pass an element on
      // before its sibling passed the watermark. One subtask, one element per bundle.
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      flink.setParallelism(1);
      flink.setMaxBundleSize(1L);
    }
    return Pipeline.create(options);
  }

  private static Row count(String item, int minute, long n, String timing) {
    return Row.withSchema(ItemCounts.SCHEMA).addValues(item, at(minute, 0), at(minute + 1, 0), n,
        timing).build();
  }

  @PipelineTest
  void countsPerMinuteWithLateDataAndDuplicates() {
    Pipeline p = pipeline();
    TestStream<KV<String, String>> events = stream()
        .addElements(ev("e1", "u1", "A", at(0, 10)), ev("e2", "u1", "A", at(0, 20)),
            ev("e3", "u2", "B", at(0, 30)), ev("e4", "u2", "A", at(1, 5)))
        // the producer retried e1 and e3: at-least-once input
        .addElements(ev("e1", "u1", "A", at(0, 10)), ev("e3", "u2", "B", at(0, 30)))
        .advanceWatermarkTo(at(1, 30)) // [10:00, 10:01) fires on time
        // late by 50 s, within the 2 minutes allowed: a late pane of 1
        .addElements(ev("e5", "u3", "A", at(0, 40)))
        // a copy of the late event, still within the horizon: dropped
        .addElements(ev("e5", "u3", "A", at(0, 40)))
        .advanceWatermarkTo(at(5, 0)) // [10:00, 10:01) expires at 10:03
        // too late: dropped by the windows
        .addElements(ev("e6", "u3", "A", at(0, 50)))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = p.apply(events).apply(EventStreams.create()
        .withAllowedLateness(Duration.standardMinutes(2))
        .withDedupHorizon(Duration.standardMinutes(30)));
    PCollection<Row> counts = out.get(EventStreams.ITEM_COUNTS);

    assertEquals(ItemCounts.SCHEMA, counts.getSchema());
    PAssert.that(counts).containsInAnyOrder(
        count("A", 0, 2, "ON_TIME"), count("B", 0, 1, "ON_TIME"),
        count("A", 0, 1, "LATE"),
        count("A", 1, 1, "ON_TIME"));
    PAssert.that(out.get(EventStreams.EVENTS)
            .apply(MapElements.into(TypeDescriptors.strings()).via(r -> r.getString("eventId"))))
        .containsInAnyOrder("e1", "e2", "e3", "e4", "e5", "e6");
    PAssert.that(out.get(EventStreams.DEAD_LETTERS)).empty();
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void refusedPayloadsGoToTheDeadLettersWithReasonAndPayload() {
    Pipeline p = pipeline();
    String badJson = "{\"eventId\":\"x1\",";
    String noUser = "{\"eventId\":\"x2\",\"eventType\":\"view\",\"itemId\":\"A\","
        + "\"timestamp\":\"2026-11-21T10:00:05Z\"}";
    String noItem = "{\"eventId\":\"x3\",\"eventType\":\"purchase\",\"userId\":\"u1\","
        + "\"timestamp\":\"2026-11-21T10:00:05Z\"}";
    String unknownType = "{\"eventId\":\"x4\",\"eventType\":\"like\",\"userId\":\"u1\","
        + "\"itemId\":\"A\",\"timestamp\":\"2026-11-21T10:00:05Z\"}";
    String badTime = "{\"eventId\":\"x5\",\"eventType\":\"view\",\"userId\":\"u1\","
        + "\"itemId\":\"A\",\"timestamp\":\"21/11/2026 10:00\"}";
    TestStream<KV<String, String>> events = stream()
        .addElements(payload("events-0@1", badJson, at(0, 1)),
            payload("events-0@2", noUser, at(0, 2)), payload("events-1@1", noItem, at(0, 3)),
            payload(null, unknownType, at(0, 4)), payload("events-1@2", badTime, at(0, 5)),
            ev("ok1", "u1", "A", at(0, 6)))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = p.apply(events).apply(EventStreams.create());
    PCollection<Row> dead = out.get(EventStreams.DEAD_LETTERS);

    assertEquals(ErrorRecords.SCHEMA, dead.getSchema());
    PAssert.that(dead).containsInAnyOrder(
        ErrorRecords.of("ParseEvents", "The payload is not JSON (Unexpected end-of-input "
            + "within/between Object entries).",
            badJson, "events-0@1"),
        ErrorRecords.of("ParseEvents", "The event has no userId.", noUser, "events-0@2"),
        ErrorRecords.of("ParseEvents", "The purchase event x3 has no itemId.", noItem,
            "events-1@1"),
        ErrorRecords.of("ParseEvents",
            "The eventType 'like' is not one of click, purchase, view.", unknownType, null),
        ErrorRecords.of("ParseEvents", "The timestamp of event x5 '21/11/2026 10:00' is not "
            + "ISO-8601 with a zone (2026-11-21T10:00:00Z) nor epoch milliseconds.", badTime,
            "events-1@2"));
    PAssert.that(out.get(EventStreams.ITEM_COUNTS))
        .containsInAnyOrder(count("A", 0, 1, "ON_TIME"));
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void sessionsSplitAtTheGapAndTakeLateEvents() {
    Pipeline p = pipeline();
    TestStream<KV<String, String>> events = stream()
        .addElements(ev("s1", "u1", "A", at(0, 0)), ev("s2", "u1", "B", at(5, 0)),
            ev("s3", "u1", "C", at(30, 0)), ev("s4", "u2", "A", at(2, 0)))
        .advanceWatermarkTo(at(20, 0)) // u1's first session [10:00, 10:15) and u2's close
        // late, within the 10 minutes allowed, and inside u1's first session
        .addElements(ev("s5", "u1", "D", at(7, 0)))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = p.apply(events).apply(EventStreams.create()
        .withAllowedLateness(Duration.standardMinutes(10))
        .withSessionGap(Duration.standardMinutes(10)));
    PCollection<Row> sessions = out.get(EventStreams.SESSIONS);

    assertEquals(UserSessions.SCHEMA, sessions.getSchema());
    // the pane of the grown session is LATE on Direct, and ON_TIME on Flink (the first pane of
    // the merged window): the rows are compared without their timing
    PAssert.that(sessions.apply(MapElements.into(TypeDescriptors.strings())
            .via(EventStreamsTest::withoutTiming)))
        .containsInAnyOrder(
            withoutTiming(session("u1", at(0, 0), at(15, 0), "ON_TIME", "s1:A", at(0, 0),
                "s2:B", at(5, 0))),
            // the late event joins the closed session, which grows to [10:00, 10:17); the late
            // pane holds only what is new
            withoutTiming(session("u1", at(0, 0), at(17, 0), "LATE", "s5:D", at(7, 0))),
            withoutTiming(session("u2", at(2, 0), at(12, 0), "ON_TIME", "s4:A", at(2, 0))),
            withoutTiming(session("u1", at(30, 0), at(40, 0), "ON_TIME", "s3:C", at(30, 0))));
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void hourlyInteractionsInTheExportLayout() {
    Pipeline p = pipeline();
    TestStream<KV<String, String>> events = stream()
        .addElements(ev("h1", "u1", "A", at(0, 1)), ev("h2", "u2", "B", at(59, 59)),
            payload("events-0@h3", "{\"eventId\":\"h3\",\"eventType\":\"purchase\","
                + "\"userId\":\"u1\",\"itemId\":\"B\",\"eventValue\":19.99,"
                + "\"timestamp\":\"2026-11-21T11:00:00Z\"}", at(60, 0)))
        .advanceWatermarkToInfinity();

    PCollection<Row> interactions = p.apply(events).apply(EventStreams.create())
        .get(EventStreams.INTERACTIONS);

    assertEquals(HourlyInteractions.SCHEMA, interactions.getSchema());
    long t0 = T0.getMillis() / 1000;
    PAssert.that(interactions).inWindow(new IntervalWindow(T0, at(60, 0))).containsInAnyOrder(
        interaction("u1", "A", t0 + 1, "click", null),
        interaction("u2", "B", t0 + 3599, "click", null));
    PAssert.that(interactions).inWindow(new IntervalWindow(at(60, 0), at(120, 0)))
        .containsInAnyOrder(interaction("u1", "B", t0 + 3600, "purchase", 19.99));
    TestPipelines.runToEnd(p);
  }

  /** A session row as text, all but its pane timing. */
  private static String withoutTiming(Row session) {
    return Row.fromRow(session).withFieldValue("timing", "-").build().toString();
  }

  private static Row interaction(String user, String item, long seconds, String type,
      Double value) {
    return Row.withSchema(HourlyInteractions.SCHEMA).addValues(user, item, seconds, type, value)
        .build();
  }

  /** A session row; {@code events} alternates "id:item" and the event's time. */
  private static Row session(String user, Instant start, Instant end, String timing,
      Object... events) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < events.length; i += 2) {
      String[] idItem = ((String) events[i]).split(":");
      rows.add(Row.withSchema(UserSessions.SESSION_EVENT)
          .addValues(idItem[0], "click", idItem[1], null, events[i + 1]).build());
    }
    return Row.withSchema(UserSessions.SCHEMA)
        .addValues(user, start, end, (long) rows.size(), rows, timing).build();
  }
}
