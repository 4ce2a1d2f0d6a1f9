package dev.beamglue.pipelines.realtime;

import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * The transform core of {@code realtime-events}: payloads in, then {@link ParseEvents} (refusals
 * to {@link #DEAD_LETTERS}), {@link DeduplicateEvents}, and from the unique events {@link
 * ItemCounts}, {@link UserSessions} and {@link HourlyInteractions}, all in event time with one
 * allowed lateness.
 *
 * <p>{@code PCollectionTuple out = payloads.apply(EventStreams.create().withSessionGap(gap));
 * out.get(EventStreams.ITEM_COUNTS)}
 */
public final class EventStreams
    extends PTransform<PCollection<KV<String, String>>, PCollectionTuple> {

  private static final long serialVersionUID = 1L;

  /** The unique valid events, {@link RealtimeEvent#SCHEMA}, stamped with their event time. */
  public static final TupleTag<Row> EVENTS = new TupleTag<>("events");
  /** The refused payloads as {@code ErrorRecords}. */
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<>("deadLetters");
  public static final TupleTag<Row> ITEM_COUNTS = new TupleTag<>("itemCounts");
  public static final TupleTag<Row> SESSIONS = new TupleTag<>("sessions");
  public static final TupleTag<Row> INTERACTIONS = new TupleTag<>("interactions");

  private final Duration allowedLateness;
  private final Duration sessionGap;
  private final Duration dedupHorizon;
  private final Duration countWindow;

  private EventStreams(Duration allowedLateness, Duration sessionGap, Duration dedupHorizon,
      Duration countWindow) {
    this.allowedLateness = allowedLateness;
    this.sessionGap = sessionGap;
    this.dedupHorizon = dedupHorizon;
    this.countWindow = countWindow;
  }

  /** Lateness 5 minutes, session gap 30 minutes, duplicates within 1 hour, counts per minute. */
  public static EventStreams create() {
    return new EventStreams(Duration.standardMinutes(5), Duration.standardMinutes(30),
        Duration.standardHours(1), Duration.standardMinutes(1));
  }

  public EventStreams withAllowedLateness(Duration lateness) {
    EventWindows.lateness(lateness);
    return new EventStreams(lateness, sessionGap, dedupHorizon, countWindow);
  }

  public EventStreams withSessionGap(Duration gap) {
    UserSessions.withGap(gap, EventWindows.lateness(allowedLateness));
    return new EventStreams(allowedLateness, gap, dedupHorizon, countWindow);
  }

  public EventStreams withDedupHorizon(Duration horizon) {
    DeduplicateEvents.within(horizon);
    return new EventStreams(allowedLateness, sessionGap, horizon, countWindow);
  }

  public EventStreams withCountWindow(Duration size) {
    ItemCounts.perMinute(EventWindows.lateness(allowedLateness)).withWindowSize(size);
    return new EventStreams(allowedLateness, sessionGap, dedupHorizon, size);
  }

  @Override
  public PCollectionTuple expand(PCollection<KV<String, String>> payloads) {
    EventWindows windows = EventWindows.lateness(allowedLateness);
    RowsWithErrors parsed = payloads.apply("Parse", ParseEvents.of());
    PCollection<Row> events =
        parsed.rows().apply("Deduplicate", DeduplicateEvents.within(dedupHorizon));
    return PCollectionTuple.of(EVENTS, events)
        .and(DEAD_LETTERS, parsed.errors())
        .and(ITEM_COUNTS, events.apply("Item counts",
            ItemCounts.perMinute(windows).withWindowSize(countWindow)))
        .and(SESSIONS, events.apply("User sessions", UserSessions.withGap(sessionGap, windows)))
        .and(INTERACTIONS, events.apply("Hourly interactions", HourlyInteractions.of(windows)));
  }
}
