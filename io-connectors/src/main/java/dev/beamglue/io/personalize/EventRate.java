package dev.beamglue.io.personalize;

/**
 * Spaces calls so that on average no more than a given number of events per second are sent: a
 * call of n events waits until the previous calls' events have had their share of time.
 *
 * <p>{@code rate.acquire(batch.size()); client.putEvents(...);}
 */
final class EventRate {

  private final double nanosPerEvent;
  private long nextFree = Long.MIN_VALUE;

  EventRate(double eventsPerSecond) {
    this.nanosPerEvent = 1e9 / eventsPerSecond;
  }

  /** Waits until {@code events} more events may be sent. */
  void acquire(int events) throws InterruptedException {
    long now = System.nanoTime();
    long start = nextFree == Long.MIN_VALUE ? now : Math.max(now, nextFree);
    nextFree = start + (long) (events * nanosPerEvent);
    long wait = start - now;
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
