package dev.beamglue.transforms.findmatches;

/**
 * What a column holds, as profiling sees it; it decides the column's comparison features and
 * blocking keys.
 *
 * <p>{@code ColumnKind kind = profile.column("surname").kind(); // SHORT_TEXT}
 */
public enum ColumnKind {
  /** Names, streets, titles: a few words, compared by Jaro-Winkler, edit distance, tokens. */
  SHORT_TEXT,
  /** Descriptions: many words, compared by TF-IDF cosine and token Jaccard. */
  LONG_TEXT,
  /** Amounts and measures, compared by relative difference. */
  NUMBER,
  /**
   * Dates (yyyy-MM-dd, yyyyMMdd, d/M/yyyy, M/d/yyyy, timestamps), compared by days apart ({@link
   * Dates}) and by their digits.
   */
  DATE,
  /** Few distinct values (states, genders), compared by equality. */
  CATEGORY,
  /** Codes of fixed shape (phone, social security, post code), compared by equality and edits. */
  IDENTIFIER
}
