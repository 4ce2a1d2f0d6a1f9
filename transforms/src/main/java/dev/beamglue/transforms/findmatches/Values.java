package dev.beamglue.transforms.findmatches;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Parses the text of a value as a number or a date for comparison.
 *
 * <p>{@code long day = Values.epochDay("19151111"); // 1915-11-11}
 */
public final class Values {

  /** Returned by {@link #epochDay} for text that is not a date. */
  public static final long NO_DATE = Long.MIN_VALUE;

  private Values() {}

  /** The number in the text ({@code $1,299.00} gives 1299), or NaN. */
  public static double number(String text) {
    if (text == null) {
      return Double.NaN;
    }
    String plain = text.trim().replace(",", "").replace("$", "").replace("€", "").replace("£", "");
    if (plain.isEmpty() || plain.length() > 24) {
      return Double.NaN;
    }
    char first = plain.charAt(0);
    if (!(Character.isDigit(first) || first == '-' || first == '+' || first == '.')) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(plain);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The day since 1970-01-01 of a date written yyyy-MM-dd, yyyyMMdd, yyyy/MM/dd or dd/MM/yyyy. */
  public static long epochDay(String text) {
    if (text == null) {
      return NO_DATE;
    }
    String t = text.trim();
    try {
      if (t.length() == 8 && t.chars().allMatch(Character::isDigit)) {
        return date(t.substring(0, 4), t.substring(4, 6), t.substring(6, 8));
      }
      if (t.length() == 10 && (t.charAt(4) == '-' || t.charAt(4) == '/')) {
        return date(t.substring(0, 4), t.substring(5, 7), t.substring(8, 10));
      }
      if (t.length() == 10 && t.charAt(2) == '/' && t.charAt(5) == '/') {
        return date(t.substring(6, 10), t.substring(3, 5), t.substring(0, 2));
      }
      if (t.length() > 10 && t.charAt(4) == '-' && t.charAt(10) == 'T') {
        return date(t.substring(0, 4), t.substring(5, 7), t.substring(8, 10));
      }
    } catch (NumberFormatException | DateTimeException e) {
      return NO_DATE;
    }
    return NO_DATE;
  }

  private static long date(String year, String month, String day) {
    int y = Integer.parseInt(year);
    if (y < 1000 || y > 2999) {
      return NO_DATE;
    }
    return LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day)).toEpochDay();
  }
}
