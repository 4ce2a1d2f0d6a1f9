package dev.beamglue.io.json;

import dev.beamglue.io.files.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Files for {@link JsonRead}: matching and opening them goes through the shared {@link InputFiles}
 * (any Beam file system, gzip by name or magic bytes); this class adds telling a JSON array file
 * from newline-delimited JSON.
 *
 * <p>{@code List<MatchResult.Metadata> files = JsonFiles.match("in/*.json,more/*.json.gz");}
 */
final class JsonFiles {

  static final int BUFFER = InputFiles.BUFFER;

  private JsonFiles() {}

  /** See {@link InputFiles#match}. */
  static List<MatchResult.Metadata> match(String globs) {
    return InputFiles.match(globs);
  }

  /** See {@link InputFiles#open}. */
  static InputStream open(String path) throws IOException {
    return InputFiles.open(path);
  }

  /** See {@link InputFiles#openAt}. */
  static InputStream openAt(String path, long position) throws IOException {
    return InputFiles.openAt(path, position);
  }

  /** See {@link InputFiles#isGzip(String)}. */
  static boolean isGzip(String path) throws IOException {
    return InputFiles.isGzip(path);
  }

  /**
   * Whether the stream holds a JSON array (its first byte other than whitespace or a byte order
   * mark is {@code [}); leaves the stream where it was. The stream must support mark.
   */
  static boolean isJsonArray(InputStream in) throws IOException {
    in.mark(BUFFER);
    try {
      for (int i = 0; i < BUFFER; i++) {
        int b = in.read();
        if (b == -1) {
          return false;
        }
        if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB
            || b == 0xBF) {
          continue;
        }
        return b == '[';
      }
      return false;
    } finally {
      in.reset();
    }
  }

  /** The number of newline bytes in the first {@code length} bytes of the uncompressed file. */
  static long countNewlines(String path, long length) throws IOException {
    long count = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Channels.newInputStream(FileSystems.open(InputFiles.resource(path)))) {
      long remaining = length;
      while (remaining > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (read < 0) {
          break;
        }
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            count++;
          }
        }
        remaining -= read;
      }
    }
    return count;
  }
}
