package dev.beamglue.pipelines.personalize;

import java.io.Serializable;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One field of a Personalize dataset and where its value comes from: a source field (a Glue path,
 * {@code attributes.brand} for a nested one) or a constant, its Avro type ({@code string}, {@code
 * int}, {@code long}, {@code float}, {@code double}, {@code boolean}), whether it is categorical
 * (a list becomes its values joined with {@code |}), a conversion ({@code epoch-seconds}: a
 * timestamp, date or ISO text to seconds since 1970) and whether it is required.
 *
 * <p>{@code new FieldMapping("TIMESTAMP", "ordered_at", null, "long", false, "epoch-seconds", true)}
 */
public record FieldMapping(
    String name, String from, String value, String type, boolean categorical, String convert,
    boolean required) implements Serializable {

  /** The Avro types Personalize schemas use. */
  public static final Set<String> TYPES = Set.of("string", "int", "long", "float", "double", "boolean");
  /** The conversion of a timestamp, date or ISO text to epoch seconds. */
  public static final String EPOCH_SECONDS = "epoch-seconds";
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public FieldMapping {
    String where = "field '" + name + "' of the mapping";
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("The mapping has a field named '" + name
          + "': Avro names are letters, digits and _, not starting with a digit.");
    }
    if ((from == null) == (value == null)) {
      throw new IllegalArgumentException(
          "The " + where + " needs either \"from\" (a source field) or \"value\" (a constant).");
    }
    type = type == null ? "string" : type;
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("The " + where + " has type '" + type
          + "'; Personalize takes " + String.join(", ", TYPES.stream().sorted().toList()) + ".");
    }
    if (categorical && !type.equals("string")) {
      throw new IllegalArgumentException(
          "The " + where + " is categorical, so its type must be string, not " + type + ".");
    }
    if (convert != null && !convert.equals(EPOCH_SECONDS)) {
      throw new IllegalArgumentException("The " + where + " converts with '" + convert
          + "'; the only conversion is " + EPOCH_SECONDS + ".");
    }
    if (EPOCH_SECONDS.equals(convert) && !type.equals("long")) {
      throw new IllegalArgumentException(
          "The " + where + " converts to epoch seconds, so its type must be long, not " + type + ".");
    }
  }

  /** Whether the field holds a timestamp, checked to lie between 1970 and now. */
  public boolean isTimestamp() {
    return EPOCH_SECONDS.equals(convert) || Dataset.TIMESTAMP_FIELDS.contains(name);
  }
}
