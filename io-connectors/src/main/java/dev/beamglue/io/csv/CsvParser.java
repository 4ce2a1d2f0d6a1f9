package dev.beamglue.io.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads CSV records from a {@link Reader} as RFC 4180 describes them: fields separated by the
 * format's delimiter, a field in quotes may hold the delimiter, line breaks and doubled quotes,
 * records end with CRLF, LF or a lone CR, and the last record may have no line end. Blank lines
 * are skipped; a UTF-8 byte order mark at the start is dropped. An empty field that is not quoted
 * is {@code null}, a quoted empty field ({@code ""}) is the empty string.
 *
 * <p>{@code while (parser.next()) { if (parser.problem() == null) use(parser.fields()); }}
 *
 * <p>A malformed record does not stop the reading: {@link #problem()} says why, {@link #line()}
 * where the record starts and {@link #text()} holds its text, and the parser goes on at the next
 * line. A quote inside an unquoted field or text after a closing quote skips the rest of the line
 * it is on. A quote that is never closed (or a record longer than the buffer allows) ends the
 * record at the end of its first line, and reading goes on with the line after it.
 *
 * <p>The characters of the current record stay in one reusable buffer, so fields are made into
 * strings once each and nothing is built per character.
 */
public final class CsvParser implements Closeable {

  /** The longest record read by default, in characters. */
  public static final int DEFAULT_MAX_RECORD_CHARS = 16 << 20;

  private static final int BUFFER = 1 << 16;

  private final Reader in;
  private final char delimiter;
  private final char quote;
  private final int maxRecordChars;
  private final ArrayList<String> fields = new ArrayList<>();
  private final List<String> fieldsView = Collections.unmodifiableList(fields);
  private final StringBuilder quoted = new StringBuilder();

  private char[] buffer = new char[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean atStart = true;
  private long nextLine;

  private int recordStart; // buffer index of the current record's first char; kept on refill
  private int recordEnd; // buffer index after the current record's text
  private int segment; // buffer index where the current field's pending characters start
  private long line;
  private String problem;
  private boolean quoteOpen;

  /** A parser of the records of {@code in}, whose first line is line 1. */
  public CsvParser(Reader in, CsvFormat format) {
    this(in, format, 1, DEFAULT_MAX_RECORD_CHARS);
  }

  /**
   * A parser of the records of {@code in}, whose first line has the number {@code firstLine},
   * reading records of at most {@code maxRecordChars} characters.
   */
  public CsvParser(Reader in, CsvFormat format, long firstLine, int maxRecordChars) {
    this.in = in;
    this.delimiter = format.delimiter();
    this.quote = format.quote();
    this.nextLine = firstLine;
    this.maxRecordChars = Math.max(maxRecordChars, 16);
    this.buffer = new char[Math.min(BUFFER, this.maxRecordChars)];
  }

  /** Reads the next record; false at the end of the input. */
  public boolean next() throws IOException {
    fields.clear();
    problem = null;
    quoteOpen = false;
    while (true) {
      recordStart = pos;
      if (pos == limit && !fill()) {
        return false;
      }
      char c = buffer[pos];
      if (atStart) {
        atStart = false;
        if (c == '\uFEFF') {
          pos++;
          continue;
        }
      }
      if (c == '\n' || c == '\r') {
        consumeLineEnd();
        continue;
      }
      break;
    }
    recordStart = pos;
    line = nextLine;
    try {
      readRecord();
    } catch (TooLong e) {
      quoteOpen = true;
      problem = "The record is longer than " + maxRecordChars
          + " characters; is a quote left open?";
      restartAfterFirstLine();
    }
    return true;
  }

  /** The 1-based line on which the current record starts. */
  public long line() {
    return line;
  }

  /** The fields of the current record (null for an empty unquoted field); valid until next(). */
  public List<String> fields() {
    return fieldsView;
  }

  /** Why the current record is malformed, as a sentence, or null when it is well formed. */
  public String problem() {
    return problem;
  }

  /** The text of the current record without its line end (for a malformed one, what was skipped). */
  public String text() {
    return new String(buffer, recordStart, recordEnd - recordStart);
  }

  /**
   * Whether the current record is malformed because a quote is still open at the end of the
   * input or of the buffer (a sample cut in the middle of a quoted field looks like this).
   */
  public boolean quoteLeftOpen() {
    return quoteOpen;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void readRecord() throws IOException {
    while (true) {
      if (pos < limit || fill()) {
        if (buffer[pos] == quote) {
          if (!readQuoted()) {
            return;
          }
        } else if (!readUnquoted()) {
          return;
        }
      } else {
        fields.add(null); // the input ends right after a delimiter
      }
      if (pos == limit && !fill()) {
        recordEnd = pos;
        return;
      }
      char c = buffer[pos];
      if (c == delimiter) {
        pos++;
        continue;
      }
      recordEnd = pos;
      consumeLineEnd();
      return;
    }
  }

  /** Reads an unquoted field up to a delimiter or line end; false when it is malformed. */
  private boolean readUnquoted() throws IOException {
    segment = pos;
    while (true) {
      if (pos == limit && !fill()) {
        break;
      }
      char c = buffer[pos];
      if (c == delimiter || c == '\n' || c == '\r') {
        break;
      }
      if (c == quote) {
        problem = "Column " + (fields.size() + 1) + " holds a quote but does not start with one;"
            + " quote the field and double the quotes inside it.";
        skipRestOfLine();
        return false;
      }
      pos++;
    }
    fields.add(pos == segment ? null : new String(buffer, segment, pos - segment));
    return true;
  }

  /** Reads a quoted field and its closing quote; false when it is malformed. */
  private boolean readQuoted() throws IOException {
    pos++;
    quoted.setLength(0);
    segment = pos;
    while (true) {
      if (pos == limit && !fill()) {
        problem = "The quote that opens column " + (fields.size() + 1)
            + " is never closed.";
        quoteOpen = true;
        restartAfterFirstLine();
        return false;
      }
      char c = buffer[pos];
      if (c == quote) {
        quoted.append(buffer, segment, pos - segment);
        pos++;
        if (pos == limit && !fill()) {
          break;
        }
        if (buffer[pos] == quote) {
          segment = pos; // the second quote of the pair starts the next segment
          pos++;
          continue;
        }
        char after = buffer[pos];
        if (after == delimiter || after == '\n' || after == '\r') {
          break;
        }
        problem = "Column " + (fields.size() + 1) + " has text after its closing quote.";
        skipRestOfLine();
        return false;
      }
      if (c == '\n') {
        nextLine++;
      } else if (c == '\r') {
        pos++;
        boolean crlf = (pos < limit || fill()) && buffer[pos] == '\n';
        pos--;
        if (!crlf) {
          nextLine++; // a lone CR ends a line too
        }
      }
      pos++;
    }
    fields.add(quoted.toString());
    return true;
  }

  /** Consumes one line end (CRLF, LF or CR) at pos and counts the line. */
  private void consumeLineEnd() throws IOException {
    char c = buffer[pos++];
    if (c == '\r' && (pos < limit || fill()) && buffer[pos] == '\n') {
      pos++;
    }
    nextLine++;
  }

  /** Skips to the next line; the record's text ends where the line does. */
  private void skipRestOfLine() throws IOException {
    while (true) {
      if (pos == limit) {
        try {
          if (!fill()) {
            recordEnd = pos;
            return;
          }
        } catch (TooLong e) {
          discardToLineEnd(); // the record's text is what the buffer holds
          return;
        }
      }
      char c = buffer[pos];
      if (c == '\n' || c == '\r') {
        recordEnd = pos;
        consumeLineEnd();
        return;
      }
      pos++;
    }
  }

  /** Goes back to the line after the record's first line, which becomes the record's text. */
  private void restartAfterFirstLine() throws IOException {
    for (int i = recordStart; i < limit; i++) {
      char c = buffer[i];
      if (c == '\n' || c == '\r') {
        recordEnd = i;
        pos = i;
        nextLine = line;
        consumeLineEnd();
        return;
      }
    }
    // the first line alone fills the buffer (or ends the input): drop the rest of it
    nextLine = line;
    discardToLineEnd();
  }

  /**
   * The buffer holds the record's text and no line end after pos: reads on without keeping
   * anything, past the next line end; the characters after it are kept for the next fill.
   */
  private void discardToLineEnd() throws IOException {
    recordEnd = limit;
    pos = limit;
    char[] scratch = new char[BUFFER];
    while (true) {
      int read = readRaw(scratch, 0, scratch.length);
      if (read < 0) {
        eof = true;
        return;
      }
      for (int i = 0; i < read; i++) {
        char c = scratch[i];
        if (c == '\n' || c == '\r') {
          int after = i + 1;
          if (c == '\r' && after < read && scratch[after] == '\n') {
            after++;
          }
          nextLine++;
          if (after < read) {
            pending = Arrays.copyOfRange(scratch, after, read);
            pendingStart = 0;
          }
          return;
        }
      }
    }
  }

  private char[] pending; // characters read ahead of the buffer, or null
  private int pendingStart;

  /** Reads characters, those read ahead first; -1 at the end of the input. */
  private int readRaw(char[] into, int offset, int length) throws IOException {
    if (pending != null) {
      int count = Math.min(length, pending.length - pendingStart);
      System.arraycopy(pending, pendingStart, into, offset, count);
      pendingStart += count;
      if (pendingStart == pending.length) {
        pending = null;
      }
      return count;
    }
    int read;
    do {
      read = in.read(into, offset, length);
    } while (read == 0);
    return read;
  }

  /**
   * Reads more characters after limit, keeping the current record; false at the end of the
   * input. Moves the record to the start of the buffer, or grows the buffer up to the maximum.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (recordStart > 0) {
      int shift = recordStart;
      System.arraycopy(buffer, shift, buffer, 0, limit - shift);
      limit -= shift;
      pos -= shift;
      segment -= shift;
      recordEnd -= shift;
      recordStart = 0;
    }
    if (limit == buffer.length) {
      if (buffer.length >= maxRecordChars) {
        throw new TooLong();
      }
      buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxRecordChars));
    }
    int read = readRaw(buffer, limit, buffer.length - limit);
    if (read < 0) {
      eof = true;
      return false;
    }
    limit += read;
    return true;
  }

  /** A record that does not fit the buffer. */
  private static final class TooLong extends RuntimeException {
    TooLong() {
      super(null, null, false, false);
    }
  }
}
