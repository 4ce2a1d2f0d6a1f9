package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record as FindMatches compares it: its primary key and source as text, and the text of each
 * compared column (null where the value is null or blank).
 *
 * <p>{@code Record r = new Record("rec-1-org", null, new String[] {"michaela", "neumann"});}
 */
public final class Record implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String source;
  private final String[] values;

  public Record(String id, String source, String[] values) {
    this.id = Objects.requireNonNull(id, "id");
    this.source = source;
    this.values = values.clone();
    for (int i = 0; i < this.values.length; i++) {
      if (this.values[i] != null && this.values[i].isBlank()) {
        this.values[i] = null;
      }
    }
  }

  public String id() {
    return id;
  }

  /** The source the record comes from in linkage mode; null when deduplicating. */
  public String source() {
    return source;
  }

  public String value(int column) {
    return values[column];
  }

  public int size() {
    return values.length;
  }

  /** Orders keys as numbers when both are integers, else as text: the order of match ids. */
  public static int compareIds(String a, String b) {
    boolean na = isInteger(a);
    boolean nb = isInteger(b);
    if (na && nb) {
      int byLength = Integer.compare(stripSign(a).length(), stripSign(b).length());
      if (a.startsWith("-") || b.startsWith("-")) {
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
      }
      return byLength != 0 ? byLength : a.compareTo(b);
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static String stripSign(String s) {
    return s.startsWith("-") ? s.substring(1) : s;
  }

  private static boolean isInteger(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = s.startsWith("-") && s.length() > 1 ? 1 : 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return s.charAt(0) != '0' || s.length() == 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r
        && id.equals(r.id)
        && Objects.equals(source, r.source)
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id + Arrays.toString(values);
  }
}
