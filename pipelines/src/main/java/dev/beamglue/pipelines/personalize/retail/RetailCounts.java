package dev.beamglue.pipelines.personalize.retail;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link RetailGenerator} wrote: the records of each source, and how many dirty records
 * of each kind are among them.
 *
 * <p>{@code long bad = counts.expectedErrors().get("interactions:unknown user");}
 */
public record RetailCounts(
    long users, long items, long orders, long interactions, Map<DirtyKind, Long> dirty) {

  public RetailCounts {
    dirty = Map.copyOf(dirty);
  }

  /** The counts a spec produces (the generator plants exactly {@link RetailSpec#dirty} of each kind). */
  public static RetailCounts of(RetailSpec spec, long orders) {
    Map<DirtyKind, Long> dirty = new EnumMap<>(DirtyKind.class);
    for (DirtyKind kind : DirtyKind.values()) {
      dirty.put(kind, spec.dirty(kind));
    }
    long users = spec.users() + spec.dirty(DirtyKind.USER_WITHOUT_ID);
    long items = spec.items() + spec.dirty(DirtyKind.DUPLICATE_ITEM)
        + spec.dirty(DirtyKind.ITEM_WITHOUT_ID);
    return new RetailCounts(users, items, orders, spec.interactions(), dirty);
  }

  public long dirty(DirtyKind kind) {
    return dirty.getOrDefault(kind, 0L);
  }

  /** The error records validation must produce, by {@code dataset:rule}. */
  public Map<String, Long> expectedErrors() {
    Map<String, Long> expected = new LinkedHashMap<>();
    for (DirtyKind kind : DirtyKind.values()) {
      expected.merge(kind.dataset() + ":" + kind.rule(), dirty(kind), Long::sum);
    }
    return expected;
  }

  /** The dirty records of a dataset, all kinds together. */
  public long dirtyIn(String dataset) {
    long total = 0;
    for (DirtyKind kind : DirtyKind.values()) {
      if (kind.dataset().equals(dataset)) {
        total += dirty(kind);
      }
    }
    return total;
  }
}
