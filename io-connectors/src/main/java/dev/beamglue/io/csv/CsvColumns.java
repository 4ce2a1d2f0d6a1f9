package dev.beamglue.io.csv;

import dev.beamglue.io.json.InferredType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The column types of CSV records, inferred cell by cell with the JSON reader's scalar rules
 * ({@link InferredType}): an integer is a {@code bigint} (Beam INT64), a number with a fraction
 * or an exponent a {@code double}, {@code true}/{@code false} in any case a {@code boolean}, any
 * other text a {@code string}; an empty or blank cell is null and says nothing about the type.
 * A number written with a leading zero ({@code 01234}, a zip code) is a string. Integers widen to
 * double; any other disagreement within a column makes it a string (every CSV value is text, so
 * a string column holds them all). A column with no value at all is a string. Every column is
 * nullable.
 *
 * <p>{@code CsvColumns c = new CsvColumns(); c.add(fields); Schema s = c.schema(headerOrNull);}
 */
public final class CsvColumns {

  private final List<InferredType> types = new ArrayList<>();
  private long records;

  /** Adds the cells of one record; a record wider than the ones before adds columns. */
  public void add(List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      InferredType cell = cellType(cells.get(i));
      if (i == types.size()) {
        types.add(cell);
      } else {
        types.set(i, merge(types.get(i), cell));
      }
    }
    records++;
  }

  /** The number of records added. */
  public long records() {
    return records;
  }

  /** The number of columns seen. */
  public int width() {
    return types.size();
  }

  /** The inferred type of column {@code i}: NULL (no value yet), LONG, DOUBLE, BOOLEAN or STRING. */
  public InferredType type(int i) {
    return i < types.size() ? types.get(i) : InferredType.NULL;
  }

  /**
   * The schema: one nullable field per column, named by the header (see {@link #columnNames})
   * or {@code col0}, {@code col1}, ... when {@code header} is null.
   */
  public Schema schema(List<String> header) {
    int width = Math.max(width(), header == null ? 0 : header.size());
    List<String> names = columnNames(header, width);
    Schema.Builder schema = Schema.builder();
    for (int i = 0; i < width; i++) {
      schema.addField(names.get(i), type(i).toFieldType());
    }
    return schema.build();
  }

  /**
   * Column names from a header: each cell trimmed; an empty or missing cell, or a name used
   * before, becomes {@code col<index>} (0-based), as do all names when {@code header} is null.
   */
  public static List<String> columnNames(List<String> header, int width) {
    List<String> names = new ArrayList<>(width);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < width; i++) {
      String cell = header == null || i >= header.size() || header.get(i) == null
          ? "" : header.get(i).trim();
      String name = cell.isEmpty() || used.contains(cell) ? "col" + i : cell;
      while (used.contains(name)) {
        name = name + "_";
      }
      used.add(name);
      names.add(name);
    }
    return names;
  }

  /** The type one cell holds; see the class comment. */
  public static InferredType cellType(String cell) {
    if (cell == null) {
      return InferredType.NULL;
    }
    String text = cell.trim();
    int n = text.length();
    if (n == 0) {
      return InferredType.NULL;
    }
    if (n == 4 && text.equalsIgnoreCase("true") || n == 5 && text.equalsIgnoreCase("false")) {
      return InferredType.BOOLEAN;
    }
    int i = 0;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      i++;
    }
    int digitsStart = i;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    int intDigits = i - digitsStart;
    if (intDigits == 0 || intDigits > 1 && text.charAt(digitsStart) == '0') {
      return InferredType.STRING;
    }
    if (i == n) {
      if (intDigits <= 18) {
        return InferredType.LONG;
      }
      try {
        Long.parseLong(text);
        return InferredType.LONG;
      } catch (NumberFormatException e) {
        return InferredType.DOUBLE;
      }
    }
    if (text.charAt(i) == '.') {
      int fraction = ++i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == fraction) {
        return InferredType.STRING;
      }
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      int exponent = i;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == exponent) {
        return InferredType.STRING;
      }
    }
    return i == n ? InferredType.DOUBLE : InferredType.STRING;
  }

  /** Merges two cell types: numbers widen, any other disagreement is a string. */
  static InferredType merge(InferredType a, InferredType b) {
    InferredType merged = InferredType.merge(a, b);
    return merged.kind() == InferredType.Kind.CHOICE ? InferredType.STRING : merged;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
