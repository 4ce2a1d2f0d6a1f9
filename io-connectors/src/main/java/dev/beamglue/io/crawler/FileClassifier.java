package dev.beamglue.io.crawler;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.json.JsonSchemaInference;
import dev.beamglue.io.parquet.ParquetFooters;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Classifies one file from a bounded sample: Parquet by its magic bytes, with the schema and the
 * exact row count from its footer; gzip by its magic bytes, then the decompressed content; JSON
 * (one object per line, or one array of objects) when the sample parses as such, with the schema of
 * the sampled records merged by {@link JsonSchemaInference}; CSV when {@link CsvClassifier}
 * recognizes it. Reads at most {@code sampleBytes} (decompressed) and infers from at most {@code
 * sampleRecords} records, so a big file costs no more than a small one.
 *
 * <p>{@code FileDescription d = new FileClassifier(1000, 1 << 20).classify(path, "a/b.csv", size);}
 */
final class FileClassifier {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private final int sampleRecords;
  private final int sampleBytes;

  FileClassifier(int sampleRecords, int sampleBytes) {
    this.sampleRecords = sampleRecords;
    this.sampleBytes = sampleBytes;
  }

  /** The file's description; unreadable or unrecognized files come back skipped, with a reason. */
  FileDescription classify(String path, String relativePath, long bytes) {
    if (bytes == 0) {
      return FileDescription.skipped(path, relativePath, bytes, "the file is empty");
    }
    try (CountingStream raw =
        new CountingStream(
            new BufferedInputStream(
                Channels.newInputStream(
                    FileSystems.open(FileSystems.matchNewResource(path, false))),
                1 << 16))) {
      raw.mark(4);
      byte[] magic = raw.readNBytes(4);
      raw.reset();
      if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'A' && magic[2] == 'R'
          && magic[3] == '1') {
        return parquet(path, relativePath, bytes);
      }
      boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
      InputStream content = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      byte[] sample = content.readNBytes(sampleBytes);
      boolean truncated = content.read() != -1;
      double ratio = truncated ? (double) bytes / Math.max(1, raw.count()) : 1;
      Sample s = new Sample(path, relativePath, bytes, sample, truncated, ratio, gzip);
      return content(s);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return FileDescription.skipped(path, relativePath, bytes, "cannot read it: " + message);
    }
  }

  /** A file's sample: its first bytes (decompressed), and how much of the file they stand for. */
  record Sample(
      String path,
      String relativePath,
      long bytes,
      byte[] data,
      boolean truncated,
      double rawRatio,
      boolean gzip) {

    /** The records in the whole file, from the records in the first {@code usable} sample bytes. */
    long estimate(long records, long usable) {
      if (!truncated) {
        return records;
      }
      return Math.round(records * ((double) data.length / Math.max(1, usable)) * rawRatio);
    }

    Map<String, String> options(Map<String, String> formatOptions) {
      Map<String, String> options = new LinkedHashMap<>(formatOptions);
      options.put("compression", gzip ? "gzip" : "none");
      return options;
    }
  }

  private FileDescription content(Sample s) {
    int first = firstSignificant(s.data());
    if (first < 0) {
      return FileDescription.skipped(s.path(), s.relativePath(), s.bytes(), "it holds only blanks");
    }
    if (s.data()[first] == '{') {
      Optional<FileDescription> lines = jsonLines(s);
      if (lines.isPresent()) {
        return lines.get();
      }
    } else if (s.data()[first] == '[') {
      Optional<FileDescription> array = jsonArray(s, first);
      if (array.isPresent()) {
        return array.get();
      }
    }
    if (looksBinary(s.data())) {
      return FileDescription.skipped(
          s.path(), s.relativePath(), s.bytes(), "it is binary, not Parquet, JSON or CSV");
    }
    return CsvClassifier.describe(s, sampleRecords)
        .orElseGet(() -> FileDescription.skipped(s.path(), s.relativePath(), s.bytes(),
            "it is not Parquet, JSON or CSV (no delimiter among , | tab ; \\u0001 gives "
                + "consistent columns)"));
  }

  private Optional<FileDescription> jsonLines(Sample s) {
    byte[] data = s.data();
    int end = data.length;
    if (s.truncated()) {
      int lastNewline = lastIndexOf(data, (byte) '\n');
      if (lastNewline < 0) {
        return Optional.empty();
      }
      end = lastNewline + 1;
    }
    JsonSchemaInference inference = JsonSchemaInference.create();
    long lines = 0;
    long bad = 0;
    int start = 0;
    while (start < end) {
      int newline = indexOf(data, (byte) '\n', start, end);
      int stop = newline < 0 ? end : newline;
      String line = new String(data, start, stop - start, StandardCharsets.UTF_8).strip();
      start = stop + 1;
      if (line.isEmpty()) {
        continue;
      }
      lines++;
      if (inference.records() < sampleRecords) {
        try {
          inference.add(line);
        } catch (IllegalArgumentException e) {
          bad++;
        }
      }
    }
    if (inference.records() == 0 || bad * 10 > inference.records() + bad) {
      return Optional.empty();
    }
    return Optional.of(FileDescription.of(s.path(), s.relativePath(), s.bytes(), "json",
        s.options(Map.of("jsonLayout", "lines")), inference.schema(), s.estimate(lines, end)));
  }

  private Optional<FileDescription> jsonArray(Sample s, int first) {
    JsonSchemaInference inference = JsonSchemaInference.create();
    long elements = 0;
    long usable = first + 1;
    try (JsonParser parser = JSON.createParser(s.data())) {
      parser.nextToken();
      JsonToken token;
      while ((token = parser.nextToken()) != null && token != JsonToken.END_ARRAY) {
        if (token != JsonToken.START_OBJECT) {
          return Optional.empty();
        }
        if (inference.records() < sampleRecords) {
          inference.add(MAPPER.readTree(parser).toString());
        } else {
          parser.skipChildren();
        }
        elements++;
        usable = parser.currentLocation().getByteOffset();
      }
      if (token == null && !s.truncated()) {
        return Optional.empty();
      }
    } catch (JsonProcessingException e) {
      if (!s.truncated() || elements == 0) {
        return Optional.empty();
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (inference.records() == 0) {
      return Optional.empty();
    }
    return Optional.of(FileDescription.of(s.path(), s.relativePath(), s.bytes(), "json",
        s.options(Map.of("jsonLayout", "array")), inference.schema(),
        s.estimate(elements, usable)));
  }

  private FileDescription parquet(String path, String relativePath, long bytes) throws IOException {
    ParquetFooters.Footer footer = ParquetFooters.read(path);
    Schema schema = SchemaMerge.nullable(footer.schema());
    return FileDescription.of(path, relativePath, bytes, "parquet", Map.of(), schema, footer.rows());
  }

  /** The index of the first byte that is not whitespace nor a UTF-8 byte order mark, or -1. */
  private static int firstSignificant(byte[] data) {
    int i = 0;
    if (data.length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB
        && (data[2] & 0xff) == 0xBF) {
      i = 3;
    }
    for (; i < data.length; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Whether the first bytes hold a NUL byte, which no text in the supported encodings has. */
  private static boolean looksBinary(byte[] data) {
    int n = Math.min(data.length, 8192);
    for (int i = 0; i < n; i++) {
      if (data[i] == 0) {
        return true;
      }
    }
    return false;
  }

  static int indexOf(byte[] data, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  static int lastIndexOf(byte[] data, byte b) {
    for (int i = data.length - 1; i >= 0; i--) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** Counts the bytes read from the raw file, to relate a decompressed sample to the file size. */
  private static final class CountingStream extends FilterInputStream {
    private long count;
    private long mark;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public synchronized void mark(int limit) {
      super.mark(limit);
      mark = count;
    }

    @Override
    public synchronized void reset() throws IOException {
      super.reset();
      count = mark;
    }
  }
}
