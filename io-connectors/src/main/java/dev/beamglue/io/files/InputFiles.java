package dev.beamglue.io.files;

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
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Input files of the readers, on any file system Beam knows (local, S3): matching comma-separated
 * globs with Beam's {@link FileSystems}, and opening a file with gzip detected by its name or its
 * magic bytes. Shared by the JSON and CSV readers and the crawler.
 *
 * <p>{@code try (InputStream in = InputFiles.open(InputFiles.match("in/*.csv").get(0))) { ... }}
 *
 * <p>Hidden files and folders (a name starting with {@code .} or {@code _}, such as {@code
 * _SUCCESS}) below the fixed part of a glob are never data and are left out of a match; a path
 * the user names without a wildcard is kept whatever its name.
 */
public final class InputFiles {

  /** The buffer size the readers use. */
  public static final int BUFFER = 1 << 16;

  private InputFiles() {}

  /**
   * The files the comma-separated globs match, each once, sorted by path, hidden files left out;
   * throws {@link IllegalArgumentException} naming the globs when none matches.
   */
  public static List<MatchResult.Metadata> match(String globs) {
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
      List<MatchResult> results = FileSystems.match(specs, EmptyMatchTreatment.ALLOW);
      for (int i = 0; i < results.size(); i++) {
        MatchResult result = results.get(i);
        if (result.status() == MatchResult.Status.NOT_FOUND) {
          continue;
        }
        for (MatchResult.Metadata file : result.metadata()) {
          String path = file.resourceId().toString();
          if (!file.resourceId().isDirectory() && !isHidden(specs.get(i), path)) {
            files.putIfAbsent(path, file);
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

  /**
   * Whether a path a glob matched is hidden: a folder or file name after the glob's fixed part
   * (the part before its first wildcard) starts with {@code .} or {@code _}.
   */
  static boolean isHidden(String glob, String path) {
    int wildcard = firstWildcard(glob);
    if (wildcard < 0) {
      return false;
    }
    int fixed = glob.lastIndexOf('/', wildcard) + 1;
    String prefix = glob.substring(0, fixed);
    int from = path.startsWith(prefix) ? fixed : 0;
    String rest = path.substring(from);
    if (from == 0) {
      // a path spelled differently from the glob (a relative glob, a file: URI): the name only
      rest = rest.substring(rest.lastIndexOf('/') + 1);
    }
    for (String segment : rest.split("/")) {
      if (segment.startsWith(".") || segment.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static int firstWildcard(String glob) {
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The files (folders left out) one glob matches, none when it matches nothing; throws {@link
   * IllegalArgumentException} with the reason when the listing itself fails (a missing bucket, no
   * permission), so that an unreadable location is never mistaken for an empty one.
   */
  public static List<MatchResult.Metadata> matchOrNone(String glob) {
    MatchResult result;
    try {
      result = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    } catch (IOException e) {
      throw new IllegalArgumentException(InputPaths.explain("The location", glob, e), e);
    }
    if (result.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<MatchResult.Metadata> files = new ArrayList<>();
    try {
      for (MatchResult.Metadata file : result.metadata()) {
        if (!file.resourceId().isDirectory()) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(InputPaths.explain("The location", glob, e), e);
    }
    return files;
  }

  /** The resource of a path that {@link #match} returned. */
  public static ResourceId resource(String path) {
    return FileSystems.matchNewResource(path, false);
  }

  /** Opens the file, decompressing gzip (a {@code .gz} name or the gzip magic bytes). */
  public static InputStream open(String path) throws IOException {
    ReadableByteChannel channel = FileSystems.open(resource(path));
    BufferedInputStream raw = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
    if (path.endsWith(".gz") || isGzip(raw)) {
      return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
    }
    return raw;
  }

  /** Opens the file uncompressed at a byte position, for a range of a split file. */
  public static InputStream openAt(String path, long position) throws IOException {
    SeekableByteChannel channel = (SeekableByteChannel) FileSystems.open(resource(path));
    channel.position(position);
    return new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
  }

  /** Whether the file is gzip-compressed, by its name or its first two bytes. */
  public static boolean isGzip(String path) throws IOException {
    if (path.endsWith(".gz")) {
      return true;
    }
    try (InputStream in =
        new BufferedInputStream(Channels.newInputStream(FileSystems.open(resource(path))), 16)) {
      return isGzip(in);
    }
  }

  /** Whether the stream starts with the gzip magic bytes; leaves it where it was (needs mark). */
  public static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b;
  }

  /**
   * Up to {@code max} bytes from the start of the file, decompressed; the array is shorter when
   * the file is. {@link #truncated} tells whether more bytes follow.
   */
  public static Sample head(String path, int max) throws IOException {
    try (InputStream in = open(path)) {
      byte[] bytes = in.readNBytes(max);
      boolean more = bytes.length == max && in.read() != -1;
      return new Sample(bytes, more);
    }
  }

  /** The first bytes of a file, and whether the file holds more. */
  public record Sample(byte[] bytes, boolean truncated) {}
}
