package dev.beamglue.pipelines.findmatches;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.findmatches.Record;
import dev.beamglue.transforms.findmatches.ValueText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * DATA read into memory for the labeling commands (label-set, teach, evaluate, explain): the
 * records a person labels, or a sample of a large frame. Any {@link MatchData} (CSV, JSON,
 * Parquet, a catalog table, local or on S3) is read here, up to a number of records ({@link
 * #DEFAULT_MAX_RECORDS} unless given): beyond it, one sentence asks for a sample or a higher
 * {@code --max-records}, before memory runs out.
 *
 * <p>{@code MatchInput in = MatchInput.read(MatchData.of("people.parquet", null, options), 100_000);}
 *
 * <p>Every value is kept as text, as FindMatches compares it: text trimmed (an empty CSV field is
 * null); whole numbers as digits ({@code 42}); other numbers as Java writes a double or decimal
 * ({@code 12.5}, {@code 1.0E20}; decimals without exponent); booleans {@code true} or {@code
 * false}; a date ({@code DATE} in Parquet) as {@code yyyy-MM-dd}; a timestamp as ISO 8601 in UTC
 * ({@code 2017-04-05T10:11:12.000Z}), which the date features read as its day; bytes as Base64;
 * lists, maps and structures as JSON. A table's partition values are the last columns. A record
 * that does not fit its file's columns stops the read with one sentence naming its file and line.
 */
public final class MatchInput {

  /** The records held by default; {@code --max-records} changes it. */
  public static final long DEFAULT_MAX_RECORDS = 100_000;

  private final String path;
  private final List<String> columns;
  private final List<String[]> rows;

  private MatchInput(String path, List<String> columns, List<String[]> rows) {
    this.path = path;
    this.columns = List.copyOf(columns);
    this.rows = rows;
  }

  /** Reads DATA into memory, every value as text; more than {@code maxRecords} records fail. */
  public static MatchInput read(MatchData data, long maxRecords) throws IOException {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("--max-records must be at least 1, not " + maxRecords + ".");
    }
    Schema schema = data.read().rowSchema();
    List<String> columns = schema.getFieldNames();
    List<String[]> rows = new ArrayList<>();
    try {
      data.read().readHere(
          new FileRecordReader.Output() {
            @Override
            public void row(Row row) {
              if (rows.size() >= maxRecords) {
                throw new TooManyRecords();
              }
              String[] values = new String[columns.size()];
              for (int i = 0; i < values.length; i++) {
                values[i] = ValueText.of(row.getValue(i));
              }
              rows.add(values);
            }

            @Override
            public void error(Row error) {
              String location = error.getString("location");
              throw new IllegalArgumentException(
                  "--input '" + data.data() + "' has a record that cannot be read"
                      + (location == null ? "" : " at " + location) + ": "
                      + ErrorRecords.reason(error));
            }
          });
    } catch (TooManyRecords e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--input '%s' has more than %,d records, the most the labeling commands hold in memory;"
                  + " label a sample of it (find-matches run works on the whole), or raise the limit"
                  + " with --max-records=N and the heap with BEAMGLUE_JAVA_OPTS=-Xmx8g.",
              data.data(), maxRecords));
    }
    return new MatchInput(data.data(), columns, rows);
  }

  /** Stops the read at the limit. */
  private static final class TooManyRecords extends RuntimeException {
    TooManyRecords() {
      super(null, null, false, false);
    }
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

  /**
   * The records, sorted by key (so that the order of files and rows, which differs between a CSV
   * file, Parquet part files and a table's partitions, changes nothing); fails with one sentence
   * on a missing key column or a duplicate key.
   */
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
    records.sort((a, b) -> Record.compareIds(a.id(), b.id()));
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
}
