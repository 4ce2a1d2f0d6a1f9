package dev.beamglue.pipelines.personalize;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Personalize's rules for one row of a dataset, after its mapping: ids neither empty nor longer
 * than {@value Dataset#MAX_ID_LENGTH} characters, required fields present, timestamps between
 * 1970 and the run's latest allowed time, categorical values at most {@value
 * Dataset#MAX_CATEGORICAL_LENGTH} characters. The first rule a row breaks is its {@link
 * Violation}: the rule's name (counted and reported) and one sentence.
 *
 * <p>{@code Violation v = new RowRules(mapping, maxSeconds).check(values);}
 */
final class RowRules implements Serializable {

  /** The rules' names, as the validation report and the counters name them. */
  static final String BAD_VALUE = "bad value";
  static final String EMPTY_ID = "empty id";
  static final String ID_TOO_LONG = "id too long";
  static final String MISSING_VALUE = "missing value";
  static final String IMPOSSIBLE_TIMESTAMP = "impossible timestamp";
  static final String CATEGORICAL_TOO_LONG = "categorical too long";
  static final String UNKNOWN_USER = "unknown user";
  static final String UNKNOWN_ITEM = "unknown item";
  static final String DUPLICATE_ITEM = "duplicate item";
  /** Every rule, in the order the report lists them. */
  static final List<String> ALL = List.of(BAD_VALUE, EMPTY_ID, ID_TOO_LONG, MISSING_VALUE,
      IMPOSSIBLE_TIMESTAMP, CATEGORICAL_TOO_LONG, UNKNOWN_USER, UNKNOWN_ITEM, DUPLICATE_ITEM);

  /** A broken rule: its name and one sentence saying how. */
  record Violation(String rule, String reason) implements Serializable {}

  private final DatasetMapping mapping;
  private final long maxSeconds;

  RowRules(DatasetMapping mapping, long maxSeconds) {
    this.mapping = mapping;
    this.maxSeconds = maxSeconds;
  }

  /** The first rule the values (in the mapping's field order) break, or null. */
  Violation check(List<Object> values) {
    List<FieldMapping> fields = mapping.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldMapping field = fields.get(i);
      Object value = values.get(i);
      if (mapping.dataset().idFields().contains(field.name())) {
        String id = value == null ? "" : value.toString();
        if (id.isBlank()) {
          return new Violation(EMPTY_ID, field.name() + " is empty.");
        }
        if (id.length() > Dataset.MAX_ID_LENGTH) {
          return new Violation(ID_TOO_LONG, field.name() + " has " + id.length()
              + " characters; Personalize takes at most " + Dataset.MAX_ID_LENGTH + ".");
        }
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      FieldMapping field = fields.get(i);
      Object value = values.get(i);
      if (value == null && mapping.isRequired(field)) {
        return new Violation(MISSING_VALUE, field.name() + " is missing; it is required.");
      }
      if (value instanceof Long seconds && field.isTimestamp()
          && (seconds < 0 || seconds > maxSeconds)) {
        return new Violation(IMPOSSIBLE_TIMESTAMP, field.name() + " " + seconds + " ("
            + Instant.ofEpochSecond(seconds) + ") is " + (seconds < 0 ? "before 1970" : "after "
            + Instant.ofEpochSecond(maxSeconds) + ", in the future") + ".");
      }
      if (field.categorical() && value != null
          && value.toString().length() > Dataset.MAX_CATEGORICAL_LENGTH) {
        return new Violation(CATEGORICAL_TOO_LONG, field.name() + " has "
            + value.toString().length() + " characters; Personalize takes at most "
            + Dataset.MAX_CATEGORICAL_LENGTH + " in a categorical field.");
      }
    }
    return null;
  }
}
