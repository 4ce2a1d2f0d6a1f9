package dev.beamglue.transforms.findmatches;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses labeling sets as Glue writes them (a few sets of 10 to 20 records), picking the records
 * whose labels teach the model most: pairs the model is least sure of, around each its other
 * candidate partners, spread over different blocks, plus a few confident pairs to anchor both ends.
 *
 * <p>{@code List<List<String>> sets = LabelSets.choose(scored, model.threshold(), labeled, 10, 10);}
 *
 * <p>Each set is seeded by a pair: most by uncertainty (probability closest to the threshold),
 * one in five by confidence (alternately the surest match and the surest non-match among the
 * pairs with some agreement). No record appears in two sets or in an earlier round. The choice is
 * deterministic.
 */
public final class LabelSets {

  private LabelSets() {}

  /**
   * Up to {@code sets} sets of at most {@code size} primary keys, none in {@code labeled}.
   */
  public static List<List<String>> choose(
      List<ScoredPair> scored, double threshold, Set<String> labeled, int sets, int size) {
    Map<String, List<ScoredPair>> partners = new HashMap<>();
    for (ScoredPair p : scored) {
      partners.computeIfAbsent(p.left(), k -> new ArrayList<>()).add(p);
      partners.computeIfAbsent(p.right(), k -> new ArrayList<>()).add(p);
    }
    Comparator<ScoredPair> byKeys =
        Comparator.comparing(ScoredPair::left, Record::compareIds)
            .thenComparing(ScoredPair::right, Record::compareIds);
    List<ScoredPair> uncertain = new ArrayList<>(scored);
    uncertain.sort(
        Comparator.comparingDouble((ScoredPair p) -> Math.abs(p.probability() - threshold))
            .thenComparing(byKeys));
    List<ScoredPair> surest = new ArrayList<>(scored);
    surest.sort(Comparator.comparingDouble(ScoredPair::probability).reversed().thenComparing(byKeys));

    Set<String> used = new LinkedHashSet<>(labeled);
    Set<String> usedPartnersOf = new java.util.HashSet<>();
    List<List<String>> chosen = new ArrayList<>();
    int u = 0;
    int top = 0;
    int bottom = surest.size() / 2;
    while (chosen.size() < sets) {
      ScoredPair seed = null;
      int kind = chosen.size() % 5;
      if (kind == 4) {
        boolean match = (chosen.size() / 5) % 2 == 0;
        while (seed == null && (match ? top < surest.size() : bottom < surest.size())) {
          ScoredPair p = surest.get(match ? top++ : bottom++);
          if (!used.contains(p.left()) && !used.contains(p.right())) {
            seed = p;
          }
        }
      }
      while (seed == null && u < uncertain.size()) {
        ScoredPair p = uncertain.get(u++);
        if (!used.contains(p.left())
            && !used.contains(p.right())
            && !usedPartnersOf.contains(p.left())
            && !usedPartnersOf.contains(p.right())) {
          seed = p;
        }
      }
      if (seed == null) {
        break;
      }
      List<String> set = new ArrayList<>(List.of(seed.left(), seed.right()));
      used.addAll(set);
      List<ScoredPair> around = new ArrayList<>();
      around.addAll(partners.getOrDefault(seed.left(), List.of()));
      around.addAll(partners.getOrDefault(seed.right(), List.of()));
      around.sort(Comparator.comparingDouble(ScoredPair::probability).reversed().thenComparing(byKeys));
      for (ScoredPair p : around) {
        for (String id : List.of(p.left(), p.right())) {
          if (set.size() < size && !used.contains(id)) {
            set.add(id);
            used.add(id);
          }
        }
      }
      // Records near this set seed no further set in this round: sets cover different blocks.
      for (String id : set) {
        for (ScoredPair p : partners.getOrDefault(id, List.of())) {
          usedPartnersOf.add(p.left());
          usedPartnersOf.add(p.right());
        }
      }
      chosen.add(set);
    }
    return chosen;
  }

  /**
   * The labeled pairs a set's labels imply: records of the set with the same label match, records
   * with different labels do not. {@code labels} maps each key of the set to its label.
   */
  public static List<LabeledPair> pairs(List<String> set, Map<String, String> labels) {
    List<LabeledPair> pairs = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      for (int j = i + 1; j < set.size(); j++) {
        String a = set.get(i);
        String b = set.get(j);
        boolean match = labels.get(a).equals(labels.get(b));
        pairs.add(Record.compareIds(a, b) < 0 ? new LabeledPair(a, b, match) : new LabeledPair(b, a, match));
      }
    }
    return pairs;
  }
}
