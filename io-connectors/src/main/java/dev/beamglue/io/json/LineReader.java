package dev.beamglue.io.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of bytes split at {@code \n} (a {@code \r} before it is dropped) without decoding
 * them, and tells the byte position where each line starts, for byte ranges of a file.
 *
 * <p>{@code while (lines.next()) { parse(lines.buffer(), lines.offset(), lines.length()); }}
 */
final class LineReader {

  private final InputStream in;
  private byte[] buffer = new byte[JsonFiles.BUFFER];
  private int start; // the first byte in the buffer not yet returned
  private int limit; // the end of the bytes read into the buffer
  private long bufferPosition; // the file position of buffer[0]
  private boolean eof;

  private int lineOffset;
  private int lineLength;
  private long lineStart;

  /** Reads from {@code in}, whose first byte is at {@code position} in the file. */
  LineReader(InputStream in, long position) {
    this.in = in;
    this.bufferPosition = position;
  }

  /** The file position of the next line's first byte. */
  long position() {
    return bufferPosition + start;
  }

  /** Moves to the next line; false at the end of the input. */
  boolean next() throws IOException {
    int scanFrom = start;
    while (true) {
      for (int i = scanFrom; i < limit; i++) {
        if (buffer[i] == '\n') {
          setLine(start, i);
          start = i + 1;
          return true;
        }
      }
      scanFrom = limit;
      if (eof) {
        if (start < limit) {
          setLine(start, limit);
          start = limit;
          return true;
        }
        return false;
      }
      int consumed = start;
      fill();
      scanFrom -= consumed;
    }
  }

  /** Skips to just after the next newline (or the end), as a range that starts mid-line does. */
  void skipLine() throws IOException {
    next();
  }

  private void setLine(int from, int newline) {
    int end = newline;
    if (end > from && buffer[end - 1] == '\r') {
      end--;
    }
    lineOffset = from;
    lineLength = end - from;
    lineStart = bufferPosition + from;
  }

  /** Moves the unread bytes to the front, grows the buffer if a line fills it, and reads more. */
  private void fill() throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, limit - start);
      bufferPosition += start;
      limit -= start;
      start = 0;
    }
    if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read < 0) {
      eof = true;
    } else {
      limit += read;
    }
  }

  byte[] buffer() {
    return buffer;
  }

  int offset() {
    return lineOffset;
  }

  int length() {
    return lineLength;
  }

  /** The file position of the current line's first byte. */
  long lineStart() {
    return lineStart;
  }

  /** The current line as text, cut to {@code maxChars} characters. */
  String text(int maxChars) {
    String line = new String(
            buffer, lineOffset, (int) Math.min(lineLength, 4L * maxChars), StandardCharsets.UTF_8);
    return line.length() > maxChars ? line.substring(0, maxChars) : line;
  }
}
