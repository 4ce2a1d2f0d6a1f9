package dev.beamglue.io.csv;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a CSV file is laid out: the delimiter, the quote character, whether the first record is a
 * header, and the character encoding (a Java charset name). The same settings are the format
 * options of a catalog table ({@code delimiter}, {@code quote}, {@code header}, {@code encoding}).
 *
 * <p>{@code CsvFormat f = CsvFormat.DEFAULT.withDelimiter('|').withHeader(true);}
 *
 * @param delimiter the character between fields, for example {@code ,} {@code |} tab {@code ;}
 *     or {@code \u0001}
 * @param quote the character that quotes a field (a quote inside is doubled), {@code "} by default
 * @param header whether the first record of every file names the columns
 * @param encoding the charset name, {@code UTF-8} by default
 */
public record CsvFormat(char delimiter, char quote, boolean header, String encoding)
    implements Serializable {

  /** Comma-separated, {@code "} quotes, no header, UTF-8. */
  public static final CsvFormat DEFAULT = new CsvFormat(',', '"', false, "UTF-8");

  /** The format option keys of a catalog table. */
  public static final String DELIMITER = "delimiter";

  public static final String QUOTE = "quote";
  public static final String HEADER = "header";
  public static final String ENCODING = "encoding";

  public CsvFormat {
    if (delimiter == quote) {
      throw new IllegalArgumentException(
          "The CSV delimiter and quote are both '" + delimiter + "': they must differ.");
    }
    if (delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
      throw new IllegalArgumentException(
          "A line break cannot be the CSV delimiter or quote character.");
    }
    charset(encoding);
  }

  public CsvFormat withDelimiter(char delimiter) {
    return new CsvFormat(delimiter, quote, header, encoding);
  }

  public CsvFormat withQuote(char quote) {
    return new CsvFormat(delimiter, quote, header, encoding);
  }

  public CsvFormat withHeader(boolean header) {
    return new CsvFormat(delimiter, quote, header, encoding);
  }

  public CsvFormat withEncoding(String encoding) {
    return new CsvFormat(delimiter, quote, header, encoding);
  }

  /** The charset of {@link #encoding}. */
  public Charset charset() {
    return charset(encoding);
  }

  /**
   * The format that catalog format options describe; a missing key keeps the {@link #DEFAULT}.
   * Throws {@link IllegalArgumentException} naming the option when a value is not one character,
   * not {@code true}/{@code false}, or not a known charset.
   */
  public static CsvFormat fromOptions(Map<String, String> options) {
    CsvFormat format = DEFAULT;
    if (options.containsKey(DELIMITER)) {
      format = format.withDelimiter(oneChar(DELIMITER, options.get(DELIMITER)));
    }
    if (options.containsKey(QUOTE)) {
      format = format.withQuote(oneChar(QUOTE, options.get(QUOTE)));
    }
    if (options.containsKey(HEADER)) {
      String value = options.get(HEADER);
      if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
        throw new IllegalArgumentException(
            "The CSV option header is '" + value + "': give true or false.");
      }
      format = format.withHeader(Boolean.parseBoolean(value));
    }
    if (options.containsKey(ENCODING)) {
      format = format.withEncoding(options.get(ENCODING));
    }
    return format;
  }

  /** The format options of a catalog table: delimiter, quote, header and encoding. */
  public Map<String, String> toOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(DELIMITER, String.valueOf(delimiter));
    options.put(QUOTE, String.valueOf(quote));
    options.put(HEADER, String.valueOf(header));
    options.put(ENCODING, encoding);
    return options;
  }

  private static char oneChar(String key, String value) {
    if (value == null || value.length() != 1) {
      throw new IllegalArgumentException(
          "The CSV option " + key + " is '" + value + "': give exactly one character.");
    }
    return value.charAt(0);
  }

  private static Charset charset(String encoding) {
    try {
      return Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException | NullPointerException e) {
      throw new IllegalArgumentException(
          "The CSV encoding '" + encoding + "' is not a charset Java knows, such as UTF-8 or "
              + "ISO-8859-1.");
    }
  }
}
