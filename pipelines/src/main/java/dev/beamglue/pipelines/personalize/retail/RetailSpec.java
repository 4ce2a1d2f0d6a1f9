package dev.beamglue.pipelines.personalize.retail;

/**
 * The size of a generated retail data set: a seed and the number of order lines (interactions),
 * from which the numbers of customers, products, orders and of each kind of dirty record follow.
 * The same spec always gives the same data, byte for byte.
 *
 * <p>{@code RetailSpec spec = RetailSpec.of(42, 20_000);}
 *
 * @param seed the seed of every random draw
 * @param interactions the number of order lines, dirty ones included
 */
public record RetailSpec(long seed, long interactions) {

  public RetailSpec {
    if (interactions < 100) {
      throw new IllegalArgumentException(
          "The generated data needs 100 or more interactions, not " + interactions + ".");
    }
  }

  public static RetailSpec of(long seed, long interactions) {
    return new RetailSpec(seed, interactions);
  }

  /** Customers: one for every 10 order lines, at least 60. */
  public int users() {
    return (int) Math.max(60, interactions / 10);
  }

  /** Products: one for every 40 order lines, at least 50. */
  public int items() {
    return (int) Math.max(50, interactions / 40);
  }

  /** How many dirty records of the kind the data holds. */
  public long dirty(DirtyKind kind) {
    switch (kind) {
      case DUPLICATE_ITEM:
        return Math.max(1, items() / 100);
      case ITEM_WITHOUT_ID:
        return Math.max(1, items() / 500);
      case USER_WITHOUT_ID:
        return Math.max(1, users() / 500);
      default:
        return Math.max(1, interactions / 1_000);
    }
  }

  /** The dirty order lines of every kind together (each dirty order has one line). */
  public long dirtyInteractions() {
    long total = 0;
    for (DirtyKind kind : DirtyKind.values()) {
      if (kind.dataset().equals("interactions")) {
        total += dirty(kind);
      }
    }
    return total;
  }
}
