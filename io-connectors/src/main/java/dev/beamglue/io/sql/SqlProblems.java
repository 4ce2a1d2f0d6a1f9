package dev.beamglue.io.sql;

import dev.beamglue.io.catalog.CatalogException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.runtime.CalciteContextException;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.parser.SqlParseException;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Beam SQL's and Calcite's exceptions said as one sentence with the position in the query: a
 * syntax error, an unknown database, table or column, a construct Beam SQL does not run.
 *
 * <p>{@code throw SqlProblems.explain(e, sql, catalog.databases(), "raw");}
 */
final class SqlProblems {

  private static final Pattern ENCOUNTERED = Pattern.compile("Encountered \"([^\"]*)\"");
  /** Reserved words of Beam SQL that tables often have as column names (Hive partitions). */
  private static final Set<String> COLUMN_LIKE_RESERVED = Set.of("year", "month", "day", "hour",
      "minute", "second", "date", "time", "timestamp", "value", "user", "language", "position");
  private static final Pattern NOT_FOUND = Pattern.compile("^Object '([^']*)' not found");
  private static final Pattern NOT_FOUND_WITHIN =
      Pattern.compile("^Object '([^']*)' not found within '([^']*)'");

  private SqlProblems() {}

  /** The sentence for a failure to plan the query, as an {@link IllegalArgumentException}. */
  static IllegalArgumentException explain(RuntimeException e, String sql, List<String> databases,
      @Nullable String defaultDatabase) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CatalogException catalogProblem) {
        return catalogProblem;
      }
      if (cause instanceof SqlParseException parse) {
        String message = firstLine(parse.getMessage())
            .replaceAll("\\s+at line \\d+, column \\d+\\.?$", "");
        return new IllegalArgumentException("SQL syntax error" + at(parse.getPos()) + ": "
            + message + reservedWordHint(message), e);
      }
      if (cause instanceof CalciteContextException context) {
        return new IllegalArgumentException(
            validation(context, sql, databases, defaultDatabase), e);
      }
      if (cause instanceof IllegalArgumentException sentence
          && cause.getCause() == null && sentence.getMessage() != null
          && sentence.getMessage().startsWith("Column ")) {
        return sentence;
      }
      if (cause.getCause() == null || cause.getCause() == cause) {
        String message = firstLine(cause.getMessage());
        if (message.contains("ORDER BY without a LIMIT")) {
          return new IllegalArgumentException("Beam SQL sorts only the first rows: add a LIMIT "
              + "after ORDER BY (ORDER BY ... LIMIT 100).", e);
        }
        return new IllegalArgumentException("Beam SQL cannot run the query: " + message, e);
      }
    }
    return new IllegalArgumentException("Beam SQL cannot run the query.", e);
  }

  private static String validation(CalciteContextException context, String sql,
      List<String> databases, @Nullable String defaultDatabase) {
    String where = " at line " + context.getPosLine() + ", column " + context.getPosColumn();
    String message = context.getCause() == null
        ? firstLine(context.getMessage()).replaceFirst("^From line .*?: ", "")
        : firstLine(context.getCause().getMessage());
    Matcher within = NOT_FOUND_WITHIN.matcher(message);
    if (within.find()) {
      return "Unknown table " + within.group(2) + "." + within.group(1) + where + ".";
    }
    Matcher notFound = NOT_FOUND.matcher(message);
    if (notFound.find()) {
      String name = text(sql, context);
      String known = "; the databases are " + String.join(", ", databases) + ".";
      int dot = name.indexOf('.');
      if (dot > 0 && !databases.contains(name.substring(0, dot).replace("`", ""))) {
        return "Unknown database " + name.substring(0, dot).replace("`", "") + " in " + name
            + where + known;
      }
      if (defaultDatabase != null) {
        return "Unknown table " + name + " in the default database " + defaultDatabase + where
            + ".";
      }
      return "Unknown table " + name + where + ": name tables DATABASE.TABLE or give a default "
          + "database" + known;
    }
    return message.replaceAll("\\.$", "") + where + ".";
  }

  /** The text of the query that the exception's position spans. */
  private static String text(String sql, CalciteContextException context) {
    List<String> lines = sql.lines().toList();
    int line = context.getPosLine();
    int endLine = context.getEndPosLine();
    if (line < 1 || line != endLine || line > lines.size()) {
      return "'" + NOT_FOUND.matcher(context.getMessage()).replaceFirst("$1") + "'";
    }
    String text = lines.get(line - 1);
    int from = Math.max(0, context.getPosColumn() - 1);
    int to = Math.min(text.length(), context.getEndPosColumn());
    return from < to ? text.substring(from, to) : text;
  }

  /** For a reserved word used as a column name: how to quote it; otherwise the end of sentence. */
  private static String reservedWordHint(String message) {
    Matcher encountered = ENCOUNTERED.matcher(message);
    if (encountered.find()) {
      for (String word : encountered.group(1).split("[^A-Za-z_]+")) {
        if (COLUMN_LIKE_RESERVED.contains(word.toLowerCase(Locale.ROOT))) {
          return "; " + word + " is a reserved word in Beam SQL: write a column of that name in "
              + "backticks, `" + word + "`.";
        }
      }
    }
    return ".";
  }

  private static String at(@Nullable SqlParserPos pos) {
    return pos == null || pos.getLineNum() < 1
        ? "" : " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
  }

  private static String firstLine(@Nullable String message) {
    return message == null ? "" : message.lines().findFirst().orElse("").trim();
  }
}
