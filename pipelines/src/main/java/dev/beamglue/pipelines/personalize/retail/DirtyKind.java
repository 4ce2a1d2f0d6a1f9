package dev.beamglue.pipelines.personalize.retail;

/**
 * The kinds of dirty record the {@link RetailGenerator} plants, each with the dataset it lands in
 * and the validation rule that must reject it, so that tests can check that every dirty record
 * reaches the error output with its reason.
 *
 * <p>{@code long unknown = counts.dirty(DirtyKind.UNKNOWN_USER);}
 */
public enum DirtyKind {
  /** An order line of a customer that is not in the users file. */
  UNKNOWN_USER("interactions", "unknown user"),
  /** An order line of a product that is not in the items dump. */
  UNKNOWN_ITEM("interactions", "unknown item"),
  /** An order placed in 1899 or in 2300. */
  IMPOSSIBLE_TIMESTAMP("interactions", "impossible timestamp"),
  /** An order line whose customer id is empty. */
  ORDER_WITHOUT_USER_ID("interactions", "empty id"),
  /** An order line whose product id is empty. */
  ORDER_WITHOUT_ITEM_ID("interactions", "empty id"),
  /** A second listing of a product under the same id and a slightly different name, created later. */
  DUPLICATE_ITEM("items", "duplicate item"),
  /** A product whose id is empty. */
  ITEM_WITHOUT_ID("items", "empty id"),
  /** A customer whose id is empty. */
  USER_WITHOUT_ID("users", "empty id");

  private final String dataset;
  private final String rule;

  DirtyKind(String dataset, String rule) {
    this.dataset = dataset;
    this.rule = rule;
  }

  /** The dataset the record is in: {@code interactions}, {@code items} or {@code users}. */
  public String dataset() {
    return dataset;
  }

  /** The validation rule that rejects it, as the validation report names it. */
  public String rule() {
    return rule;
  }
}
