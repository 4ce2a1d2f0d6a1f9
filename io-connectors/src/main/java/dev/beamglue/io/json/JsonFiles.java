package dev.beamglue.io.json;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import dev.beamglue.io.files.InputPaths;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Files for {@link JsonRead}: matching comma-separated globs with Beam's {@link FileSystems} (so
 * any registered file system works), opening them with gzip detected by name or magic bytes, and
 * telling a JSON array file from newline-delimited JSON.
 *
 * <p>{@code List<MatchResult.Metadata> files = JsonFiles.match("in/*.json,more/*.json.gz");}
 */
final class JsonFiles {

  static final int BUFFER = 1 << 16;

  private JsonFiles() {}

  /**
   * The files the comma-separated globs match, each once, sorted by path; throws {@link
   * IllegalArgumentException} when none matches.
   */
  static List<MatchResult.Metadata> match(String globs) {
    List<String> specs = new ArrayList<>();
    for (String glob : globs.split(",")) {
      if (!glob.trim().isEmpty()) {
        specs.add(glob.trim());
      }
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("No files match '" + globs + "'.");
    }
    Map<String, MatchResult.Metadata> files = new LinkedHashMap<>();
    try {
      for (MatchResult result : FileSystems.match(specs, EmptyMatchTreatment.ALLOW)) {
        if (result.status() == MatchResult.Status.NOT_FOUND) {
          continue;
        }
        for (MatchResult.Metadata file : result.metadata()) {
          if (!file.resourceId().isDirectory()) {
            files.putIfAbsent(file.resourceId().toString(), file);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(InputPaths.explain("The input", globs, e), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("No files match '" + globs + "'.");
    }
    List<MatchResult.Metadata> sorted = new ArrayList<>(files.values());
    sorted.sort(Comparator.comparing(file -> file.resourceId().toString()));
    return sorted;
  }

  /** The resource of a path that {@link #match} returned. */
  static ResourceId resource(String path) {
    return FileSystems.matchNewResource(path, false);
  }

  /** Opens the file, decompressing gzip (a {@code .gz} name or the gzip magic bytes). */
  static InputStream open(String path) throws IOException {
    ReadableByteChannel channel = FileSystems.open(resource(path));
    BufferedInputStream raw = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
    if (path.endsWith(".gz") || isGzip(raw)) {
      return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
    }
    return raw;
  }

  /** Opens the file uncompressed at a byte position, for a range of a split file. */
  static InputStream openAt(String path, long position) throws IOException {
    SeekableByteChannel channel = (SeekableByteChannel) FileSystems.open(resource(path));
    channel.position(position);
    return new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
  }

  /** Whether the file is gzip-compressed, by its name or its first two bytes. */
  static boolean isGzip(String path) throws IOException {
    if (path.endsWith(".gz")) {
      return true;
    }
    try (InputStream in =
        new BufferedInputStream(Channels.newInputStream(FileSystems.open(resource(path))), 16)) {
      return isGzip(in);
    }
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b;
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
    try (InputStream in = Channels.newInputStream(FileSystems.open(resource(path)))) {
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
