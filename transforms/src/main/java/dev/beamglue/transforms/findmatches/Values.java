package dev.beamglue.transforms.findmatches;

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

  /**
   * The day since 1970-01-01 of a date in the text, in the forms {@link Dates#parse} reads (an
   * ambiguous slash date day first), or {@link #NO_DATE}.
   */
  public static long epochDay(String text) {
    return Dates.epochDay(Dates.parse(text));
  }
}
