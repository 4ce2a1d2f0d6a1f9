package dev.beamglue.transforms.schema;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the one timestamp form that most data holds, {@code yyyy-MM-ddTHH:mm:ss[.fraction]} then
 * {@code Z} or {@code ±HH:MM}, straight from its characters: several times faster than {@code
 * java.time}'s formatters, which {@link ValueCasts} keeps for every other form.
 *
 * <p>{@code long millis = IsoTimestamps.epochMillis("2015-01-01T15:00:01Z"); // 1420124401000}
 */
final class IsoTimestamps {

  /** What {@link #epochMillis} returns for text that is not of the form. */
  static final long NOT_THIS_FORM = Long.MIN_VALUE;

  private IsoTimestamps() {}

  /**
   * The milliseconds since 1970 of {@code text}, or {@link #NOT_THIS_FORM} when it is not {@code
   * yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} with valid fields. Digits past milliseconds are
   * dropped, as Beam timestamps hold milliseconds.
   */
  static long epochMillis(String text) {
    int length = text.length();
    if (length < 20
        || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return NOT_THIS_FORM;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || hour > 23 || minute > 59 || second > 59) {
      return NOT_THIS_FORM;
    }
    int at = 19;
    int millis = 0;
    if (text.charAt(at) == '.') {
      int scale = 100;
      at++;
      int start = at;
      while (at < length && Character.isDigit(text.charAt(at))) {
        millis += (text.charAt(at) - '0') * scale;
        scale /= 10;
        at++;
      }
      if (at == start) {
        return NOT_THIS_FORM;
      }
    }
    int offsetSeconds = offsetSeconds(text, at);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return NOT_THIS_FORM;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return NOT_THIS_FORM;
    }
    long seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second - offsetSeconds;
    return seconds * 1_000L + millis;
  }

  /** The seconds east of UTC of {@code Z} or {@code ±HH:MM} ending the text, or MIN_VALUE. */
  private static int offsetSeconds(String text, int at) {
    int rest = text.length() - at;
    if (rest == 1 && text.charAt(at) == 'Z') {
      return 0;
    }
    char sign = rest == 6 ? text.charAt(at) : 0;
    if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(text, at + 1, 2);
    int minutes = digits(text, at + 4, 2);
    if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** The number written by {@code count} digits at {@code from}, or -1 when one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
