package dev.beamglue.io.crawler;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Exclusion globs of a crawl, relative to the crawl path: {@code *} matches any characters within
 * one folder name, {@code **} any number of folders (including none), {@code ?} one character
 * other than {@code /}, and {@code {a,b}} either alternative (alternatives may hold wildcards but
 * not braces). A glob excludes a file when it matches the file's relative path or the relative path
 * of one of its folders, so {@code logs} and {@code logs/**} both exclude everything under {@code
 * logs/}. A leading {@code /} is ignored.
 *
 * <p>{@code ExcludeGlobs.of(List.of("*.tmp", "raw/{old,tmp}")).excludes("raw/old/a.csv")}
 */
public final class ExcludeGlobs implements Serializable {

  private final List<String> globs;
  private final List<Pattern> patterns;

  private ExcludeGlobs(List<String> globs, List<Pattern> patterns) {
    this.globs = List.copyOf(globs);
    this.patterns = List.copyOf(patterns);
  }

  /** No exclusion. */
  public static ExcludeGlobs none() {
    return new ExcludeGlobs(List.of(), List.of());
  }

  /**
   * The globs compiled; throws {@link IllegalArgumentException} naming the first glob that is
   * empty or has unbalanced or nested braces.
   */
  public static ExcludeGlobs of(List<String> globs) {
    List<Pattern> patterns = new ArrayList<>();
    for (String glob : globs) {
      patterns.add(Pattern.compile(toRegex(glob)));
    }
    return new ExcludeGlobs(globs, patterns);
  }

  /** The globs as given. */
  public List<String> globs() {
    return globs;
  }

  /** Whether a path relative to the crawl path ({@code a/b/file.csv}) is excluded. */
  public boolean excludes(String relativePath) {
    if (patterns.isEmpty()) {
      return false;
    }
    String path = relativePath;
    while (!path.isEmpty()) {
      for (Pattern pattern : patterns) {
        if (pattern.matcher(path).matches()) {
          return true;
        }
      }
      int slash = path.lastIndexOf('/');
      path = slash < 0 ? "" : path.substring(0, slash);
    }
    return false;
  }

  /** A glob as a Java regular expression over relative paths. */
  static String toRegex(String glob) {
    String g = glob.trim();
    while (g.startsWith("/")) {
      g = g.substring(1);
    }
    if (g.isEmpty()) {
      throw bad(glob, "it is empty");
    }
    StringBuilder regex = new StringBuilder();
    boolean inBraces = false;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*':
          if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
            i++;
            if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
              i++;
              regex.append("(?:.*/)?");
            } else {
              regex.append(".*");
            }
          } else {
            regex.append("[^/]*");
          }
          break;
        case '?':
          regex.append("[^/]");
          break;
        case '{':
          if (inBraces) {
            throw bad(glob, "braces cannot nest");
          }
          inBraces = true;
          regex.append("(?:");
          break;
        case '}':
          if (!inBraces) {
            throw bad(glob, "a '}' closes no '{'");
          }
          inBraces = false;
          regex.append(')');
          break;
        case ',':
          regex.append(inBraces ? "|" : ",");
          break;
        default:
          regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inBraces) {
      throw bad(glob, "a '{' is never closed");
    }
    return regex.toString();
  }

  private static IllegalArgumentException bad(String glob, String why) {
    return new IllegalArgumentException("The exclude glob '" + glob + "' is not valid: " + why + ".");
  }

  @Override
  public String toString() {
    return globs.toString();
  }
}
