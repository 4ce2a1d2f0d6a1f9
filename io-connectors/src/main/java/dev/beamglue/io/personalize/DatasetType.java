package dev.beamglue.io.personalize;

import java.util.Locale;
import java.util.Optional;

/**
 * The three datasets of an Amazon Personalize dataset group that beamglue exports and imports.
 *
 * <p>{@code DatasetType.ITEMS.personalizeName(); // "Items"}
 */
public enum DatasetType {
  INTERACTIONS("Interactions"),
  ITEMS("Items"),
  USERS("Users");

  private final String personalizeName;

  DatasetType(String personalizeName) {
    this.personalizeName = personalizeName;
  }

  /** The type as Personalize names it in {@code datasetType}: Interactions, Items or Users. */
  public String personalizeName() {
    return personalizeName;
  }

  /** The export's folder of this dataset: interactions, items or users. */
  public String folderName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of a Personalize {@code datasetType} (any case), empty for other types. */
  public static Optional<DatasetType> ofPersonalizeName(String datasetType) {
    for (DatasetType type : values()) {
      if (type.personalizeName.equalsIgnoreCase(datasetType)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
