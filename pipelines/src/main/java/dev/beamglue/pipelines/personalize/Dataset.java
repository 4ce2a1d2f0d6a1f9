package dev.beamglue.pipelines.personalize;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Amazon Personalize's three dataset types and their rules: the reserved fields with their types
 * (required or optional), the id fields, and how many metadata fields (the others) a schema may
 * have: interactions up to 5, items 1 to 50, users 1 to 5.
 *
 * <p>{@code Dataset.ITEMS.folder()} is {@code items}; {@code Dataset.ITEMS.recordName()} is
 * {@code Items}.
 */
public enum Dataset {
  INTERACTIONS(
      Map.of("USER_ID", "string", "ITEM_ID", "string", "TIMESTAMP", "long", "EVENT_TYPE", "string"),
      Map.of("EVENT_VALUE", "float", "IMPRESSION", "string", "RECOMMENDATION_ID", "string"),
      List.of("USER_ID", "ITEM_ID"), 0, 5),
  ITEMS(Map.of("ITEM_ID", "string"), Map.of("CREATION_TIMESTAMP", "long"),
      List.of("ITEM_ID"), 1, 50),
  USERS(Map.of("USER_ID", "string"), Map.of(), List.of("USER_ID"), 1, 5);

  /** The longest id Personalize takes. */
  public static final int MAX_ID_LENGTH = 256;
  /** The longest categorical value Personalize takes. */
  public static final int MAX_CATEGORICAL_LENGTH = 1_000;
  /** The fields that hold epoch seconds, checked as timestamps whatever their mapping says. */
  public static final Set<String> TIMESTAMP_FIELDS = Set.of("TIMESTAMP", "CREATION_TIMESTAMP");

  private final Map<String, String> required;
  private final Map<String, String> optional;
  private final List<String> ids;
  private final int minMetadata;
  private final int maxMetadata;

  Dataset(Map<String, String> required, Map<String, String> optional, List<String> ids,
      int minMetadata, int maxMetadata) {
    this.required = required;
    this.optional = optional;
    this.ids = ids;
    this.minMetadata = minMetadata;
    this.maxMetadata = maxMetadata;
  }

  /** The folder of the dataset under the export, and its key in the mapping file. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Avro record's name in {@code schema.json}: {@code Interactions}, {@code Items}, ... */
  public String recordName() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /** The fields every schema of the dataset must have, with their Avro type. */
  public Map<String, String> requiredFields() {
    return required;
  }

  /** The reserved fields a schema may have, with their Avro type (not counted as metadata). */
  public Map<String, String> optionalFields() {
    return optional;
  }

  /** The id fields: never empty, at most {@link #MAX_ID_LENGTH} characters. */
  public List<String> idFields() {
    return ids;
  }

  public boolean isReserved(String field) {
    return required.containsKey(field) || optional.containsKey(field);
  }

  public int minMetadata() {
    return minMetadata;
  }

  public int maxMetadata() {
    return maxMetadata;
  }
}
