package dev.beamglue.io.personalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups events into PutEvents batches: each batch holds the events of one (userId, sessionId),
 * at most {@link #MAX_EVENTS} of them, in arrival order.
 *
 * <p>{@code List<T> full = batches.add(userId, sessionId, event); if (full != null) send(full);}
 */
final class SessionBatches<T> {

  /** Personalize accepts at most 10 events in one PutEvents call. */
  static final int MAX_EVENTS = 10;

  private record Session(String userId, String sessionId) {}

  private final Map<Session, List<T>> open = new LinkedHashMap<>();

  /** Adds an event; returns its session's batch once it holds {@link #MAX_EVENTS}, else null. */
  List<T> add(String userId, String sessionId, T event) {
    Session session = new Session(userId, sessionId);
    List<T> batch = open.computeIfAbsent(session, s -> new ArrayList<>(MAX_EVENTS));
    batch.add(event);
    if (batch.size() < MAX_EVENTS) {
      return null;
    }
    open.remove(session);
    return batch;
  }

  /** The batches not yet full, in the order their sessions first appeared; empties this. */
  List<List<T>> drain() {
    List<List<T>> batches = new ArrayList<>(open.values());
    open.clear();
    return batches;
  }
}
