package dev.beamglue.io.csv;

import dev.beamglue.io.json.InferredType;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Tells whether the first bytes of a file are CSV and, if so, its format and columns, as Glue's
 * CSV classifier does.
 *
 * <p>{@code Optional<CsvDescription> d = CsvSniffer.describe(head, truncated, 1000);}
 *
 * <ul>
 *   <li>Encoding: UTF-8 when the bytes start with a UTF-8 byte order mark or are valid UTF-8,
 *       otherwise ISO-8859-1 (which decodes any byte). Bytes holding a NUL, or control characters
 *       other than tab, CR, LF and {@code \u0001} in more than 1% of the bytes, are not CSV; nor is
 *       text whose first non-blank character is <code>{</code> or {@code [} (JSON).
 *   <li>Delimiter: each of {@code ,} {@code |} tab {@code ;} {@code \u0001} is tried with {@code "}
 *       quotes; a candidate fits when the first record is well formed and has the most common
 *       number of columns, that number is 2 or more, and at least 3 in 4 sampled records are
 *       well formed with that number (so a few bad lines do not hide a CSV file). Of those that
 *       fit, the one with the most such records wins, then the one with more columns, then the
 *       first in that order. None fits: not CSV (a single column of free text is not CSV). The
 *       types and the header come from the records of that width only.
 *   <li>When the sample is {@code truncated} (the file goes on), the last record is dropped (the
 *       sample is first cut after its last line feed); when the sample ends inside a quoted
 *       field, that cut record is the one dropped.
 *   <li>Header: the first record is a <em>header candidate</em> when every cell but the last is
 *       non-empty, no cell is a number or a boolean, and every cell is shorter than 150 characters.
 *       A candidate is the header when (Glue's rule) some column of the other records has a type
 *       other than string; or, when all those columns are strings (or there are no other
 *       records), when its non-empty cells are distinct, every one looks like a column name (a
 *       letter or {@code _}, then letters, digits, {@code _}, {@code -}, {@code .} or spaces) and
 *       none occurs again as a value in its own column. So {@code name,city} above string rows is
 *       a header, and a file of names and cities without a header is read as data unless its
 *       first row looks like column names; give the format explicitly when the guess is wrong.
 *   <li>Columns and types: {@link CsvColumns} (names from the header, else {@code col0}, ...).
 * </ul>
 */
public final class CsvSniffer {

  /** The delimiters tried, in order of preference. */
  public static final char[] DELIMITERS = {',', '|', '\t', ';', '\u0001'};

  private static final int MAX_HEADER_CELL = 150;
  private static final Pattern NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_ .\\-]*");

  private CsvSniffer() {}

  /**
   * The format and columns of a sample of a file, or empty when the bytes are not CSV.
   *
   * @param sample the first bytes of the file, decompressed
   * @param truncated whether the file goes on after the sample
   * @param maxRecords the most records to look at (the header included)
   */
  public static Optional<CsvDescription> describe(
      byte[] sample, boolean truncated, int maxRecords) {
    int start = 0;
    int end = sample.length;
    boolean bom = end >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB
        && (sample[2] & 0xFF) == 0xBF;
    if (bom) {
      start = 3;
    }
    if (truncated) {
      int lastNewline = end - 1;
      while (lastNewline >= start && sample[lastNewline] != '\n') {
        lastNewline--;
      }
      end = lastNewline + 1; // a line cut in the middle (or a multi-byte character) is left out
    }
    if (end <= start || isBinary(sample, start, end)) {
      return Optional.empty();
    }
    String encoding = bom || isUtf8(sample, start, end) ? "UTF-8" : "ISO-8859-1";
    String text = new String(sample, start, end - start,
        encoding.equals("UTF-8") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String trimmed = text.stripLeading();
    if (trimmed.isEmpty() || trimmed.charAt(0) == '{' || trimmed.charAt(0) == '[') {
      return Optional.empty();
    }
    List<List<String>> best = null;
    char bestDelimiter = 0;
    for (char delimiter : DELIMITERS) {
      List<List<String>> records = consistentRecords(text, delimiter, truncated, maxRecords);
      if (records != null
          && (best == null
              || records.size() > best.size()
              || records.size() == best.size() && records.get(0).size() > best.get(0).size())) {
        best = records;
        bestDelimiter = delimiter;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    boolean header = isHeader(best);
    CsvColumns columns = new CsvColumns();
    for (List<String> record : best.subList(header ? 1 : 0, best.size())) {
      columns.add(record);
    }
    Schema schema = columns.schema(header ? best.get(0) : null);
    CsvFormat format = new CsvFormat(bestDelimiter, '"', header, encoding);
    return Optional.of(new CsvDescription(format, schema, columns.records()));
  }

  /**
   * The well-formed records of the most common width with this delimiter, when that width is 2 or
   * more, the first record has it, and at least 3 in 4 records have it; else null.
   */
  private static List<List<String>> consistentRecords(
      String text, char delimiter, boolean truncated, int maxRecords) {
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter(delimiter);
    List<List<String>> records = new ArrayList<>(); // null for a malformed record
    int wanted = Math.max(1, maxRecords) + (truncated ? 1 : 0);
    boolean cutInQuotes = false;
    try (CsvParser parser = new CsvParser(new StringReader(text), format)) {
      while (records.size() < wanted && parser.next()) {
        if (parser.problem() != null) {
          if (truncated && parser.quoteLeftOpen()) {
            cutInQuotes = true; // the sample ends inside a quoted field: that record is cut
            break;
          }
          records.add(null);
          continue;
        }
        records.add(new ArrayList<>(parser.fields()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    if (truncated && !cutInQuotes && !records.isEmpty()) {
      records.remove(records.size() - 1);
    }
    if (records.isEmpty() || records.get(0) == null) {
      return null;
    }
    Map<Integer, Integer> widths = new HashMap<>();
    for (List<String> record : records) {
      if (record != null) {
        widths.merge(record.size(), 1, Integer::sum);
      }
    }
    int width = records.get(0).size();
    int count = widths.get(width);
    for (Map.Entry<Integer, Integer> other : widths.entrySet()) {
      if (other.getValue() > count) {
        return null; // the first record is not of the most common width
      }
    }
    if (width < 2 || count * 4L < records.size() * 3L) {
      return null;
    }
    List<List<String>> kept = new ArrayList<>(count);
    for (List<String> record : records) {
      if (record != null && record.size() == width) {
        kept.add(record);
      }
    }
    return kept;
  }

  /** The header rule of the class comment. */
  static boolean isHeader(List<List<String>> records) {
    List<String> first = records.get(0);
    int width = first.size();
    for (int i = 0; i < width; i++) {
      String cell = first.get(i) == null ? "" : first.get(i).trim();
      if (cell.isEmpty()) {
        if (i < width - 1) {
          return false;
        }
        continue;
      }
      if (CsvColumns.cellType(cell) != InferredType.STRING || cell.length() >= MAX_HEADER_CELL) {
        return false;
      }
    }
    CsvColumns data = new CsvColumns();
    for (List<String> record : records.subList(1, records.size())) {
      data.add(record);
    }
    for (int i = 0; i < data.width(); i++) {
      InferredType type = data.type(i);
      if (type != InferredType.STRING && type != InferredType.NULL) {
        return true;
      }
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < width; i++) {
      String cell = first.get(i) == null ? "" : first.get(i).trim();
      if (!cell.isEmpty() && (!NAME.matcher(cell).matches() || !seen.add(cell))) {
        return false;
      }
      for (List<String> record : records.subList(1, records.size())) {
        String value = record.get(i);
        if (value != null && value.trim().equals(cell)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isBinary(byte[] bytes, int start, int end) {
    int controls = 0;
    for (int i = start; i < end; i++) {
      int b = bytes[i] & 0xFF;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 1 || b == 0x7F) {
        controls++;
      }
    }
    return controls * 100L > (end - start);
  }

  private static boolean isUtf8(byte[] bytes, int start, int end) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, end - start));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
