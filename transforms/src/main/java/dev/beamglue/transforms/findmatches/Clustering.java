package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups the match edges (pairs at or above the threshold) into clusters that resist chaining,
 * and names each cluster by its smallest primary key.
 *
 * <p>{@code Map<String, Clustering.Member> ids = Clustering.cluster(edges, false, List.of());}
 *
 * <p>Edges are taken strongest first (ties by keys, so the result is the same on every runner).
 * Two clusters merge through an edge only when at least half of the pairs between them are edges
 * too (so a weak bridge does not join two groups: average linkage), when no labeled non-match
 * lies between them, and, in linkage mode, when they hold no two records of the same source.
 * Labeled matches merge first. Clusters above {@value #MAX_CLUSTER} records do not grow.
 */
public final class Clustering {

  /** The largest cluster built. */
  public static final int MAX_CLUSTER = 50;

  private Clustering() {}

  /** A record's cluster: its match id and the mean probability of its edges in the cluster. */
  public record Member(String matchId, double confidence) implements java.io.Serializable {}

  /**
   * Clusters the edges; in linkage mode ({@code linkage}) a cluster holds at most one record of
   * each source (the edges carry the sources); {@code labels} are enforced (may be empty).
   */
  public static Map<String, Member> cluster(
      List<ScoredPair> edges, boolean linkage, List<LabeledPair> labels) {
    Map<String, Double> probability = new HashMap<>();
    Map<String, String> sources = linkage ? new HashMap<>() : null;
    for (ScoredPair e : edges) {
      probability.put(e.key(), e.probability());
      if (linkage) {
        sources.put(e.left(), e.leftSource());
        sources.put(e.right(), e.rightSource());
      }
    }
    Set<String> cannot = new HashSet<>();
    List<ScoredPair> ordered = new ArrayList<>();
    for (LabeledPair label : labels) {
      String key = ScoredPair.key(label.left(), label.right());
      if (label.match()) {
        probability.put(key, 1.0);
        String a = Record.compareIds(label.left(), label.right()) < 0 ? label.left() : label.right();
        String b = a.equals(label.left()) ? label.right() : label.left();
        ordered.add(new ScoredPair(a, b, 1.0));
      } else {
        cannot.add(key);
        probability.remove(key);
      }
    }
    ordered.sort(ScoredPair::strongestFirst);
    List<ScoredPair> rest = new ArrayList<>();
    for (ScoredPair e : edges) {
      if (!cannot.contains(e.key())) {
        rest.add(e);
      }
    }
    rest.sort(ScoredPair::strongestFirst);
    ordered.addAll(rest);

    Map<String, List<String>> clusterOf = new HashMap<>();
    for (ScoredPair e : ordered) {
      List<String> a = clusterOf.computeIfAbsent(e.left(), k -> new ArrayList<>(List.of(k)));
      List<String> b = clusterOf.computeIfAbsent(e.right(), k -> new ArrayList<>(List.of(k)));
      if (a == b || a.size() + b.size() > MAX_CLUSTER) {
        continue;
      }
      if (!canMerge(a, b, probability, cannot, sources, e.probability() == 1.0)) {
        continue;
      }
      List<String> into = a.size() >= b.size() ? a : b;
      List<String> from = into == a ? b : a;
      into.addAll(from);
      for (String id : from) {
        clusterOf.put(id, into);
      }
    }

    Map<String, Member> members = new HashMap<>();
    Set<List<String>> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (List<String> cluster : clusterOf.values()) {
      if (cluster.size() < 2 || !done.add(cluster)) {
        continue;
      }
      String matchId = cluster.get(0);
      for (String id : cluster) {
        if (Record.compareIds(id, matchId) < 0) {
          matchId = id;
        }
      }
      for (String id : cluster) {
        double sum = 0;
        int count = 0;
        for (String other : cluster) {
          Double p = other.equals(id) ? null : probability.get(ScoredPair.key(id, other));
          if (p != null) {
            sum += p;
            count++;
          }
        }
        members.put(id, new Member(matchId, count == 0 ? 0 : sum / count));
      }
    }
    return members;
  }

  private static boolean canMerge(
      List<String> a,
      List<String> b,
      Map<String, Double> probability,
      Set<String> cannot,
      Map<String, String> sources,
      boolean labeled) {
    int linked = 0;
    for (String x : a) {
      for (String y : b) {
        String key = ScoredPair.key(x, y);
        if (cannot.contains(key)) {
          return false;
        }
        if (sources != null
            && sources.get(x) != null
            && Objects.equals(sources.get(x), sources.get(y))) {
          return false;
        }
        if (probability.containsKey(key)) {
          linked++;
        }
      }
    }
    return labeled || 2 * linked >= a.size() * b.size();
  }
}
