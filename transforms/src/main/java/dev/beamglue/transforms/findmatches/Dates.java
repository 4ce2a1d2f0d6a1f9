package dev.beamglue.transforms.findmatches;

/**
 * Dates read from the text of a value and compared by the days between them, the feature {@code
 * days_apart} of a date column.
 *
 * <p>{@code double s = Dates.similarity(Dates.parse("19710624"), Dates.parse("1971-06-25")); // 0.97}
 *
 * <p>{@link #parse} reads the shape of a date without deciding yet which number is the month:
 * {@code yyyy-MM-dd} (also with {@code /} or {@code .}, one-digit month and day allowed, a time
 * after {@code T} or a space dropped, so timestamps count as their day), {@code yyyyMMdd} (as Febrl
 * writes dates of birth), and {@code d/M/yyyy} or {@code M/d/yyyy} (also with {@code -} or {@code
 * .}). A slash date whose first number is above 12 is read day first, one whose second number is
 * above 12 month first; when both are 12 or less it is ambiguous and both readings are kept. Two
 * slash dates are compared in the same reading (a column is written one way); against a {@code
 * yyyy-MM-dd} date the closer reading counts. Years outside 1000 to 2999 are not dates.
 *
 * <p>{@link #similarity} is 1 for the same day; 0.95 when the two dates have the same year and the
 * same two numbers with day and month swapped (the error Febrl injects, recognised even when the
 * swapped text is no valid date, such as {@code 19712406}); otherwise it falls with the logarithm
 * of the days apart, through 0.97 at one day, 0.92 at a week, 0.8 at a month (31 days), 0.5 at a
 * year, 0.1 at ten years and 0 at a hundred years, linearly in {@code ln(1 + days)} between these
 * points. It is {@code NaN} when either value is not a date (the caller then compares the text).
 */
public final class Dates {

  /** What {@link #parse} returns for text that is not shaped as a date. */
  public static final long NOT_A_DATE = Long.MIN_VALUE;

  /** The similarity of two dates with day and month swapped. */
  public static final double SWAPPED = 0.95;

  private static final int YEAR_FIRST = 1;
  private static final int YEAR_LAST = 2;

  // Days apart and the similarity there; linear in ln(1 + days) between them.
  private static final double[] ANCHOR_DAYS = {0, 1, 7, 31, 366, 3653, 36525};
  private static final double[] ANCHOR_SIMILARITY = {1.0, 0.97, 0.92, 0.8, 0.5, 0.1, 0.0};

  private Dates() {}

  /**
   * The shape of the date in the text, packed as {@code order * 10^8 + year * 10^4 + first * 100 +
   * second} (order 1: year, month, day; order 2: two numbers, then the year), or {@link
   * #NOT_A_DATE}. The two numbers need not make a valid date: {@link #similarity} decides.
   */
  public static long parse(String text) {
    if (text == null) {
      return NOT_A_DATE;
    }
    String t = text.trim();
    int end = t.length();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == 'T' || c == ' ') {
        end = i;
        break;
      }
    }
    if (end < t.length() && (end + 1 >= t.length() || !Character.isDigit(t.charAt(end + 1)))) {
      return NOT_A_DATE; // not a time after the date
    }
    t = t.substring(0, end);
    if (t.length() == 8 && allDigits(t, 0, 8)) {
      return pack(YEAR_FIRST, number(t, 0, 4), number(t, 4, 6), number(t, 6, 8));
    }
    int[] parts = new int[3];
    int[] widths = new int[3];
    int part = 0;
    int start = 0;
    char separator = 0;
    for (int i = 0; i <= t.length(); i++) {
      if (i < t.length() && Character.isDigit(t.charAt(i))) {
        continue;
      }
      if (part == 3 || i == start || i - start > 4) {
        return NOT_A_DATE;
      }
      if (i < t.length()) {
        char c = t.charAt(i);
        if ((c != '-' && c != '/' && c != '.') || (separator != 0 && c != separator)) {
          return NOT_A_DATE;
        }
        separator = c;
      }
      parts[part] = number(t, start, i);
      widths[part] = i - start;
      part++;
      start = i + 1;
    }
    if (part != 3) {
      return NOT_A_DATE;
    }
    if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) {
      return pack(YEAR_FIRST, parts[0], parts[1], parts[2]);
    }
    if (widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2) {
      return pack(YEAR_LAST, parts[2], parts[0], parts[1]);
    }
    return NOT_A_DATE;
  }

  /**
   * The day since 1970-01-01 of a parsed date, day first when a slash date is ambiguous, or {@link
   * #NOT_A_DATE} when no reading is a valid date.
   */
  public static long epochDay(long parsed) {
    if (parsed == NOT_A_DATE) {
      return NOT_A_DATE;
    }
    long dayFirst = reading(parsed, true);
    return dayFirst != NOT_A_DATE ? dayFirst : reading(parsed, false);
  }

  /** How close two parsed dates are, in [0, 1], or NaN unless both are valid dates; see above. */
  public static double similarity(long a, long b) {
    if (a == NOT_A_DATE || b == NOT_A_DATE) {
      return Double.NaN;
    }
    long best = Long.MAX_VALUE;
    boolean bothYearLast = order(a) == YEAR_LAST && order(b) == YEAR_LAST;
    for (int r = 0; r < 2; r++) {
      for (int s = 0; s < 2; s++) {
        if (bothYearLast && r != s) {
          continue; // two slash dates are read the same way
        }
        long x = reading(a, r == 0);
        long y = reading(b, s == 0);
        if (x != NOT_A_DATE && y != NOT_A_DATE) {
          best = Math.min(best, Math.abs(x - y));
        }
      }
    }
    if (best == 0) {
      return 1.0;
    }
    boolean sameNumbers = first(a) == first(b) && second(a) == second(b);
    boolean crossedNumbers = first(a) == second(b) && second(a) == first(b);
    if (year(a) == year(b)
        && (crossedNumbers || sameNumbers)
        && !(order(a) == order(b) && sameNumbers)) {
      return SWAPPED;
    }
    return best == Long.MAX_VALUE ? Double.NaN : closeness(best);
  }

  /** The similarity of dates this many days apart, without the swap rule. */
  public static double closeness(long days) {
    double x = Math.log1p(Math.abs(days));
    for (int i = 1; i < ANCHOR_DAYS.length; i++) {
      double right = Math.log1p(ANCHOR_DAYS[i]);
      if (x <= right) {
        double left = Math.log1p(ANCHOR_DAYS[i - 1]);
        double t = (x - left) / (right - left);
        return ANCHOR_SIMILARITY[i - 1] + t * (ANCHOR_SIMILARITY[i] - ANCHOR_SIMILARITY[i - 1]);
      }
    }
    return 0.0;
  }

  /** The epoch day of a reading: for year-last dates day first or month first. */
  private static long reading(long parsed, boolean dayFirst) {
    int y = year(parsed);
    int p = first(parsed);
    int q = second(parsed);
    if (order(parsed) == YEAR_FIRST) {
      return epochDay(y, p, q);
    }
    return dayFirst ? epochDay(y, q, p) : epochDay(y, p, q);
  }

  /** The day since 1970-01-01 of a valid date, or {@link #NOT_A_DATE}. */
  static long epochDay(int year, int month, int day) {
    if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) {
      return NOT_A_DATE;
    }
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int length = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
    if (day > length) {
      return NOT_A_DATE;
    }
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static long pack(int order, int year, int first, int second) {
    if (year < 1000 || year > 2999) {
      return NOT_A_DATE;
    }
    return order * 100_000_000L + year * 10_000L + first * 100L + second;
  }

  private static int order(long parsed) {
    return (int) (parsed / 100_000_000L);
  }

  private static int year(long parsed) {
    return (int) (parsed / 10_000L % 10_000L);
  }

  private static int first(long parsed) {
    return (int) (parsed / 100L % 100L);
  }

  private static int second(long parsed) {
    return (int) (parsed % 100L);
  }

  private static boolean allDigits(String t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int number(String t, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + Character.digit(t.charAt(i), 10);
    }
    return n;
  }
}
