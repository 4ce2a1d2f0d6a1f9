package dev.beamglue.pipelines.realtime;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.joda.time.Duration;

/**
 * How the event-time windows of the pipeline fire: once when the watermark passes the end of the
 * window, then once more for each late event that comes within the allowed lateness, each pane
 * holding only what is new (discarding), so the panes of a window add up to its total. Events later
 * than that are dropped.
 *
 * <p>{@code Window<Row> w = EventWindows.lateness(Duration.standardMinutes(5)).window(FixedWindows.of(m))}
 */
public final class EventWindows implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Duration allowedLateness;

  private EventWindows(Duration allowedLateness) {
    this.allowedLateness = allowedLateness;
  }

  public static EventWindows lateness(Duration allowedLateness) {
    if (allowedLateness == null || allowedLateness.getMillis() < 0) {
      throw new IllegalArgumentException(
          "The allowed lateness must be zero or more, not " + allowedLateness + ".");
    }
    return new EventWindows(allowedLateness);
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }

  /** The window transform for these windows, with this trigger and lateness. */
  public <T> Window<T> window(WindowFn<? super T, ?> windows) {
    return Window.<T>into(windows)
        .triggering(AfterWatermark.pastEndOfWindow()
            .withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(allowedLateness, Window.ClosingBehavior.FIRE_IF_NON_EMPTY)
        .discardingFiredPanes();
  }

  /** {@code ON_TIME} or {@code LATE} (or {@code EARLY}, {@code UNKNOWN}): the pane's timing. */
  static String timing(PaneInfo pane) {
    return pane.getTiming().name();
  }
}
