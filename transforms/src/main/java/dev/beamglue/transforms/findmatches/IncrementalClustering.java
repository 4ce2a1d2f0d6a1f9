package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns match ids to new records given match edges that touch them, keeping existing match ids.
 *
 * <p>{@code Map<String, String> ids = IncrementalClustering.assign(edges);}
 *
 * <p>New records are clustered among themselves first ({@link Clustering}); a new cluster then
 * joins the existing match id of its strongest edge to an existing record (ties by keys), or keeps
 * its own smallest key as a new match id.
 */
public final class IncrementalClustering {

  private IncrementalClustering() {}

  /** One end of an edge: its key, whether it is new, and its match id when it exists already. */
  public record End(String id, boolean isNew, String matchId) implements Serializable {}

  /** A match edge with what is known about both ends. */
  public record Edge(ScoredPair pair, End left, End right) implements Serializable {}

  /** The match id of every new record that has an edge; new records without edges keep their key. */
  public static Map<String, String> assign(List<Edge> edges, boolean linkage) {
    List<ScoredPair> fresh = new ArrayList<>();
    List<Edge> toExisting = new ArrayList<>();
    for (Edge e : edges) {
      if (e.left().isNew() && e.right().isNew()) {
        fresh.add(e.pair());
      } else if (e.left().isNew() || e.right().isNew()) {
        toExisting.add(e);
      }
    }
    Map<String, Clustering.Member> clusters = Clustering.cluster(fresh, linkage, List.of());
    toExisting.sort((a, b) -> ScoredPair.strongestFirst(a.pair(), b.pair()));
    Map<String, String> clusterToExisting = new HashMap<>();
    for (Edge e : toExisting) {
      End neu = e.left().isNew() ? e.left() : e.right();
      End old = neu == e.left() ? e.right() : e.left();
      Clustering.Member m = clusters.get(neu.id());
      String cluster = m == null ? neu.id() : m.matchId();
      clusterToExisting.putIfAbsent(cluster, old.matchId());
    }
    Map<String, String> ids = new HashMap<>();
    for (Edge e : edges) {
      for (End end : List.of(e.left(), e.right())) {
        if (end.isNew()) {
          Clustering.Member m = clusters.get(end.id());
          String cluster = m == null ? end.id() : m.matchId();
          ids.put(end.id(), clusterToExisting.getOrDefault(cluster, cluster));
        }
      }
    }
    return ids;
  }
}
