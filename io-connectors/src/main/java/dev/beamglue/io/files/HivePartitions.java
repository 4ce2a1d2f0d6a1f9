package dev.beamglue.io.files;

import java.util.ArrayList;
import java.util.List;

/**
 * Hive-style partition folders {@code key=value}, with values escaped as Hive does ({@code
 * FileUtils.escapePathName}): {@code /}, {@code =}, {@code %}, {@code :}, quotes, wildcards,
 * brackets and control characters become {@code %XX}; a null or empty value is the folder {@code
 * __HIVE_DEFAULT_PARTITION__}.
 *
 * <p>{@code HivePartitions.path(List.of("year", "month"), List.of("2017", "04"))} is {@code
 * year=2017/month=04}.
 */
public final class HivePartitions {

  /** The folder value Hive, Spark and Glue use for a null or empty partition value. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

  private HivePartitions() {}

  /** The value as a folder name segment. */
  public static String escape(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_PARTITION;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || ESCAPED.indexOf(c) >= 0) {
        out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The value a folder name segment stands for; {@link #DEFAULT_PARTITION} is null. */
  public static String unescape(String segment) {
    if (segment.equals(DEFAULT_PARTITION)) {
      return null;
    }
    StringBuilder out = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && isHex(segment, i + 1)) {
        out.append((char) Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(String s, int at) {
    return at + 1 < s.length()
        && Character.digit(s.charAt(at), 16) >= 0
        && Character.digit(s.charAt(at + 1), 16) >= 0;
  }

  /** The relative folder of a partition: {@code key=value} segments joined by {@code /}. */
  public static String path(List<String> keys, List<String> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(escape(keys.get(i))).append('=').append(escape(values.get(i)));
    }
    return out.toString();
  }

  /**
   * The values of a relative partition folder written by {@link #path}, in key order; throws
   * {@link IllegalArgumentException} when the folder does not name exactly these keys.
   */
  public static List<String> values(List<String> keys, String relativeFolder) {
    String[] segments = relativeFolder.isEmpty() ? new String[0] : relativeFolder.split("/");
    if (segments.length != keys.size()) {
      throw new IllegalArgumentException(
          "The folder '" + relativeFolder + "' is not a partition of the keys " + keys + ".");
    }
    List<String> values = new ArrayList<>(keys.size());
    for (int i = 0; i < segments.length; i++) {
      int eq = segments[i].indexOf('=');
      if (eq < 0 || !unescape(segments[i].substring(0, eq)).equals(keys.get(i))) {
        throw new IllegalArgumentException(
            "The folder '" + relativeFolder + "' is not a partition of the keys " + keys + ".");
      }
      values.add(unescape(segments[i].substring(eq + 1)));
    }
    return values;
  }

  /** Whether a file or folder name is hidden (starts with {@code .} or {@code _}): never data. */
  public static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }
}
