package dev.beamglue.pipelines.convert;

/**
 * A catalog table named as {@code DATABASE.TABLE} on the command line.
 *
 * <p>{@code QualifiedName n = QualifiedName.parse("raw.parks", "--sourceTable");}
 */
record QualifiedName(String database, String table) {

  /** Splits {@code DATABASE.TABLE}; throws one sentence naming the option otherwise. */
  static QualifiedName parse(String value, String option) {
    int dot = value.indexOf('.');
    if (dot <= 0 || dot == value.length() - 1 || value.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          option + " must name a table as DATABASE.TABLE, not '" + value + "'.");
    }
    return new QualifiedName(value.substring(0, dot).trim(), value.substring(dot + 1).trim());
  }
}
