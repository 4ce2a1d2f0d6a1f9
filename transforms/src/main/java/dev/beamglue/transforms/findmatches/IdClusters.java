package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ids joined pair by pair into clusters, each named by its smallest id ({@link
 * Record#compareIds}): a union-find with path compression, for truth pairs and label files.
 *
 * <p>{@code IdClusters c = new IdClusters(); c.join("a1", "b7"); c.clusterOf("b7"); // "a1"}
 */
public final class IdClusters {

  private final Map<String, String> parent = new HashMap<>();

  /** Puts the clusters of {@code a} and {@code b} together. */
  public void join(String a, String b) {
    String ra = clusterOf(a);
    String rb = clusterOf(b);
    if (ra.equals(rb)) {
      return;
    }
    if (Record.compareIds(ra, rb) < 0) {
      parent.put(rb, ra);
    } else {
      parent.put(ra, rb);
    }
  }

  /** The name of the cluster of {@code id}: {@code id} itself when it was never joined. */
  public String clusterOf(String id) {
    List<String> path = new ArrayList<>();
    String current = id;
    for (String up = parent.get(current); up != null && !up.equals(current);
        up = parent.get(current)) {
      path.add(current);
      current = up;
    }
    for (String visited : path) {
      parent.put(visited, current);
    }
    return current;
  }
}
