package dev.beamglue.pipelines.findmatches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvParser;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.transforms.findmatches.Record;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A frame read into memory for the labeling commands (label-set, teach, evaluate, explain): a CSV
 * file with a header (any encoding) or a JSON file (an array of objects, or one object a line),
 * local or on S3, every value kept as text.
 *
 * <p>{@code MatchInput in = MatchInput.read("people.csv", "UTF-8"); in.records("id", null);}
 */
public final class MatchInput {

  private final String path;
  private final List<String> columns;
  private final List<String[]> rows;

  private MatchInput(String path, List<String> columns, List<String[]> rows) {
    this.path = path;
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  /** Reads a CSV (with a header) or JSON file; the format comes from the name's extension. */
  public static MatchInput read(String path, String encoding) throws IOException {
    Charset charset = Charset.forName(encoding == null ? "UTF-8" : encoding);
    String lower = path.toLowerCase(Locale.ROOT);
    try (InputStream in = InputFiles.open(path)) {
      if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
        return json(path, new String(in.readAllBytes(), charset));
      }
      if (!lower.endsWith(".csv") && !lower.endsWith(".txt")) {
        throw new IllegalArgumentException(
            "--input '" + path + "' is neither .csv nor .json; the labeling commands read CSV or JSON files.");
      }
      return csv(path, new BufferedReader(new InputStreamReader(in, charset)));
    }
  }

  static MatchInput csv(String path, Reader reader) throws IOException {
    List<String> columns = null;
    List<String[]> rows = new ArrayList<>();
    try (CsvParser parser = new CsvParser(reader, CsvFormat.DEFAULT)) {
      while (parser.next()) {
        List<String> fields = new ArrayList<>();
        for (String f : parser.fields()) {
          fields.add(f == null ? null : f.trim());
        }
        if (columns == null) {
          columns = fields;
          continue;
        }
        if (fields.size() != columns.size()) {
          throw new IllegalArgumentException(
              "Line " + parser.line() + " of '" + path + "' has " + fields.size()
                  + " fields where the header has " + columns.size() + ".");
        }
        rows.add(fields.toArray(new String[0]));
      }
    }
    if (columns == null) {
      throw new IllegalArgumentException("'" + path + "' is empty: it needs a header line.");
    }
    return new MatchInput(path, columns, rows);
  }

  static MatchInput json(String path, String text) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> objects = new ArrayList<>();
    String trimmed = text.strip();
    if (trimmed.startsWith("[")) {
      mapper.readTree(trimmed).forEach(objects::add);
    } else {
      for (String line : trimmed.split("\r?\n")) {
        if (!line.isBlank()) {
          objects.add(mapper.readTree(line));
        }
      }
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (JsonNode o : objects) {
      o.fieldNames().forEachRemaining(name -> index.putIfAbsent(name, index.size()));
    }
    List<String[]> rows = new ArrayList<>();
    for (JsonNode o : objects) {
      String[] row = new String[index.size()];
      for (Map.Entry<String, Integer> e : index.entrySet()) {
        JsonNode v = o.get(e.getKey());
        row[e.getValue()] = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
      }
      rows.add(row);
    }
    return new MatchInput(path, new ArrayList<>(index.keySet()), rows);
  }

  public List<String> columns() {
    return columns;
  }

  public List<String[]> rows() {
    return rows;
  }

  /** The columns compared: all but the key and the source column. */
  public List<String> compared(String key, String source) {
    List<String> compared = new ArrayList<>(columns);
    compared.remove(key);
    if (source != null) {
      compared.remove(source);
    }
    return compared;
  }

  /** The records; fails with one sentence on a missing key column or a duplicate key. */
  public List<Record> records(String key, String source) {
    if (key == null) {
      throw new IllegalArgumentException(
          "Name the primary key column with --primary-key=COLUMN; the columns of '" + path + "' are " + columns + ".");
    }
    int k = columns.indexOf(key);
    if (k < 0) {
      throw new IllegalArgumentException(
          "The primary key '" + key + "' is not a column of '" + path + "' " + columns + ".");
    }
    int s = source == null ? -1 : columns.indexOf(source);
    if (source != null && s < 0) {
      throw new IllegalArgumentException(
          "The source column '" + source + "' is not a column of '" + path + "' " + columns + ".");
    }
    List<String> compared = compared(key, source);
    int[] idx = compared.stream().mapToInt(columns::indexOf).toArray();
    Set<String> seen = new HashSet<>();
    List<Record> records = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      String id = row[k];
      if (id == null || id.isEmpty()) {
        throw new IllegalArgumentException(
            "Record " + (r + 1) + " of '" + path + "' has no value for the primary key '" + key + "'.");
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException(
            "The primary key '" + key + "' has the value '" + id + "' more than once in '" + path
                + "'; FindMatches needs a unique key per record.");
      }
      String[] values = new String[idx.length];
      for (int i = 0; i < idx.length; i++) {
        values[i] = row[idx[i]];
      }
      records.add(new Record(id, s < 0 ? null : String.valueOf(row[s]), values));
    }
    return records;
  }

  /** The row of a key, as the input holds it. */
  public Map<String, String[]> byKey(String key) {
    int k = columns.indexOf(key);
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (String[] row : rows) {
      byKey.put(row[k], row);
    }
    return byKey;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
