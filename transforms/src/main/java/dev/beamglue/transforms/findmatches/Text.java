package dev.beamglue.transforms.findmatches;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Text normalisation for matching: lower case, accents removed, punctuation as spaces, tokens,
 * q-grams, product codes and a Soundex phonetic code.
 *
 * <p>{@code List<String> tokens = Text.tokens("Sony Turntable - PSLX350H"); // [sony, turntable, pslx350h]}
 */
public final class Text {

  private Text() {}

  private static final java.util.regex.Pattern CODE_JOINS =
      java.util.regex.Pattern.compile("(?<=[A-Za-z0-9])[-./](?=[A-Za-z0-9])");

  /** Lower case, without accents, every run of non letters and digits as one space, trimmed. */
  public static String normalize(String value) {
    if (value == null) {
      return "";
    }
    String plain = Normalizer.normalize(value, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(plain.length());
    boolean space = false;
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(Character.toLowerCase(c));
      } else {
        space = true;
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** The tokens of the normalized value, in order, with repeats. */
  public static List<String> tokens(String value) {
    String normal = normalize(value);
    List<String> tokens = new ArrayList<>();
    if (normal.isEmpty()) {
      return tokens;
    }
    for (String token : normal.split(" ")) {
      tokens.add(token);
    }
    return tokens;
  }

  /** The distinct tokens of the normalized value. */
  public static Set<String> tokenSet(String value) {
    return new LinkedHashSet<>(tokens(value));
  }

  /** The distinct q-grams of the normalized value without spaces (the value itself if shorter). */
  public static Set<String> qgrams(String value, int q) {
    String normal = normalize(value).replace(" ", "");
    Set<String> grams = new LinkedHashSet<>();
    if (normal.isEmpty()) {
      return grams;
    }
    if (normal.length() <= q) {
      grams.add(normal);
      return grams;
    }
    for (int i = 0; i + q <= normal.length(); i++) {
      grams.add(normal.substring(i, i + q));
    }
    return grams;
  }

  /**
   * Product and model codes: tokens of at least 4 characters mixing letters and digits, with the
   * characters between them ({@code -}, {@code /}, {@code .}) removed first, so {@code DMC-FX35K}
   * and {@code dmcfx35k} give the same code.
   */
  public static Set<String> codes(String value) {
    Set<String> codes = new LinkedHashSet<>();
    if (value == null || !hasDigit(value) || !hasLetter(value)) {
      return codes; // a code mixes letters and digits
    }
    String joined = CODE_JOINS.matcher(value).replaceAll("");
    for (String token : tokens(joined)) {
      if (token.length() >= 4 && hasDigit(token) && hasLetter(token)) {
        codes.add(token);
      }
    }
    return codes;
  }

  static boolean hasDigit(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static boolean hasLetter(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isLetter(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** American Soundex of the first token's letters ({@code robert} and {@code rupert} give R163). */
  public static String soundex(String value) {
    String normal = normalize(value);
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < normal.length() && normal.charAt(i) != ' '; i++) {
      char c = normal.charAt(i);
      if (c >= 'a' && c <= 'z') {
        letters.append(c);
      }
    }
    if (letters.length() == 0) {
      return "";
    }
    String codes = "01230120022455012623010202"; // a..z
    StringBuilder out = new StringBuilder().append(Character.toUpperCase(letters.charAt(0)));
    char last = codes.charAt(letters.charAt(0) - 'a');
    for (int i = 1; i < letters.length() && out.length() < 4; i++) {
      char c = letters.charAt(i);
      char code = codes.charAt(c - 'a');
      if (code != '0' && code != last) {
        out.append(code);
      }
      if (c != 'h' && c != 'w') {
        last = code;
      }
    }
    while (out.length() < 4) {
      out.append('0');
    }
    return out.toString();
  }
}
