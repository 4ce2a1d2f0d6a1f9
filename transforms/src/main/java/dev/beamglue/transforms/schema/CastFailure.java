package dev.beamglue.transforms.schema;

/**
 * A value that {@link ValueCasts} cannot convert to the requested type. The message is one
 * sentence naming the value, the type it had and the type asked for.
 *
 * <p>{@code try { ValueCasts.cast("abc", STRING, INT32); } catch (CastFailure e) { e.atField("id"); }}
 */
public class CastFailure extends IllegalArgumentException {

  private static final int MAX_VALUE_CHARS = 80;

  private final String value;
  private final String from;
  private final String to;
  private final String why;

  public CastFailure(Object value, String from, String to, String why) {
    super(sentence(show(value), from, to, why, null));
    this.value = show(value);
    this.from = from;
    this.to = to;
    this.why = why;
  }

  /** The same sentence, naming the field the value was in: {@code ... at field 'id'.} */
  public String atField(String field) {
    return sentence(value, from, to, why, field);
  }

  /** The value as the message shows it: strings quoted, long values shortened. */
  public String value() {
    return value;
  }

  public String fromType() {
    return from;
  }

  public String toType() {
    return to;
  }

  private static String sentence(String value, String from, String to, String why, String field) {
    return "Cannot cast "
        + value
        + " from "
        + from
        + " to "
        + to
        + (field == null ? "" : " at field '" + field + "'")
        + (why == null ? "" : ": " + why)
        + ".";
  }

  static String show(Object value) {
    String text =
        value instanceof org.apache.beam.sdk.values.Row
            ? dev.beamglue.transforms.errors.RowJson.toJson((org.apache.beam.sdk.values.Row) value)
            : String.valueOf(value);
    if (text.length() > MAX_VALUE_CHARS) {
      text = text.substring(0, MAX_VALUE_CHARS) + "...";
    }
    return value instanceof CharSequence ? "'" + text + "'" : text;
  }
}
