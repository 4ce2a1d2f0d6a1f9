package dev.beamglue.pipelines.realtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Per-user sessions in event time: a user's events with no gap longer than {@code gap} between
 * them form one session window; each pane becomes a row with the session's bounds and its events
 * in time order ({@link EventWindows}: late events within the allowed lateness come as a further
 * pane of the session they joined).
 *
 * <p>{@code PCollection<Row> sessions = events.apply(UserSessions.withGap(gap, windows))}
 */
public final class UserSessions extends PTransform<PCollection<Row>, PCollection<Row>> {

  private static final long serialVersionUID = 1L;

  /** One event of a session. */
  public static final Schema SESSION_EVENT = Schema.builder()
      .addStringField("eventId")
      .addStringField("eventType")
      .addNullableField("itemId", FieldType.STRING)
      .addNullableField("eventValue", FieldType.DOUBLE)
      .addDateTimeField("sentAt")
      .build();

  /** userId, the session window (its end is the last event plus the gap), its events in this pane. */
  public static final Schema SCHEMA = Schema.builder()
      .addStringField("userId")
      .addDateTimeField("sessionStart")
      .addDateTimeField("sessionEnd")
      .addInt64Field("eventCount")
      .addArrayField("events", FieldType.row(SESSION_EVENT))
      .addStringField("timing")
      .build();

  private final Duration gap;
  private final EventWindows windows;

  private UserSessions(Duration gap, EventWindows windows) {
    this.gap = gap;
    this.windows = windows;
  }

  public static UserSessions withGap(Duration gap, EventWindows windows) {
    if (gap == null || gap.getMillis() <= 0) {
      throw new IllegalArgumentException("The session gap must be positive, not " + gap + ".");
    }
    return new UserSessions(gap, windows);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> events) {
    Schema schema = events.getSchema();
    return events
        .apply("User of the event", WithKeys.of((Row r) -> r.getString("userId"))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(schema)))
        .apply("Sessions of " + gap, windows.<KV<String, Row>>window(Sessions.withGapDuration(gap)))
        .apply("Events per session", GroupByKey.create())
        .apply("To session rows", ParDo.of(new ToRowFn()))
        .setRowSchema(SCHEMA);
  }

  private static final class ToRowFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> session, BoundedWindow window,
        PaneInfo pane, OutputReceiver<Row> out) {
      List<Row> events = new ArrayList<>();
      for (Row e : session.getValue()) {
        List<Object> values = new ArrayList<>(5);
        values.add(e.getString("eventId"));
        values.add(e.getString("eventType"));
        values.add(e.getString("itemId"));
        values.add(e.getDouble("eventValue"));
        values.add(e.getDateTime("sentAt").toInstant()); // a Row holds DATETIME as Instant
        events.add(Row.withSchema(SESSION_EVENT).attachValues(values));
      }
      events.sort(Comparator.comparing((Row r) -> r.getDateTime("sentAt").getMillis())
          .thenComparing(r -> r.getString("eventId")));
      IntervalWindow w = (IntervalWindow) window;
      List<Object> values = new ArrayList<>(6);
      values.add(session.getKey());
      values.add(w.start());
      values.add(w.end());
      values.add((long) events.size());
      values.add(events);
      values.add(EventWindows.timing(pane));
      out.output(Row.withSchema(SCHEMA).attachValues(values));
    }
  }
}
