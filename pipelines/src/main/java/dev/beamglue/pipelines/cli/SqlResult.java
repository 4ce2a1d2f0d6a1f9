package dev.beamglue.pipelines.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.sql.ResultOrder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The rows of a query result, collected on the driver from the JSON lines the run wrote, sorted
 * and printed as an aligned text table, CSV or JSON lines.
 *
 * <p>{@code SqlResult.read(folder, schema).sorted(keys).print(out, "table", 100);}
 *
 * <p>Rows are sorted by the query's {@code ORDER BY} keys; a query without {@code ORDER BY} has no
 * defined order, and its rows are sorted by their columns, left to right, so that the same query
 * prints the same table on every runner.
 */
final class SqlResult {

  /** Numbers kept as written: a decimal's scale, a double's {@code 2.0}. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private final Schema schema;
  private final List<JsonNode[]> rows;

  private SqlResult(Schema schema, List<JsonNode[]> rows) {
    this.schema = schema;
    this.rows = rows;
  }

  /** Reads the {@code part-*} JSON lines files of the folder, one object a row. */
  static SqlResult read(String folder, Schema schema) {
    List<JsonNode[]> rows = new ArrayList<>();
    for (MatchResult.Metadata file : InputFiles.matchOrNone(OutputFolders.child(folder, "part*"))) {
      String path = file.resourceId().toString();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(InputFiles.open(path), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.isBlank()) {
            JsonNode object = JSON.readTree(line);
            JsonNode[] row = new JsonNode[schema.getFieldCount()];
            for (int i = 0; i < row.length; i++) {
              JsonNode value = object.get(schema.getField(i).getName());
              row[i] = value == null ? NullNode.getInstance() : value;
            }
            rows.add(row);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read the query result " + path, e);
      }
    }
    return new SqlResult(schema, rows);
  }

  /** Deletes the folder and its files: the result was read (or the run failed). */
  static void delete(String folder) {
    try {
      List<ResourceId> files = new ArrayList<>();
      for (MatchResult.Metadata file : InputFiles.matchOrNone(OutputFolders.child(folder, "**"))) {
        files.add(file.resourceId());
      }
      FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      if (!folder.contains("://")) {
        FileSystems.delete(List.of(FileSystems.matchNewResource(folder, true)),
            MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    } catch (IOException | RuntimeException e) {
      // A left-over temporary file is not worth failing a query for.
    }
  }

  int size() {
    return rows.size();
  }

  /** The rows sorted by the keys, or by every column when there are none. */
  SqlResult sorted(List<ResultOrder.Key> keys) {
    List<ResultOrder.Key> order = keys;
    if (order.isEmpty()) {
      order = new ArrayList<>();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        order.add(new ResultOrder.Key(i, false, false));
      }
    }
    Comparator<JsonNode[]> comparator = (a, b) -> 0;
    for (ResultOrder.Key key : order) {
      comparator = comparator.thenComparing(row -> row[key.column()], (x, y) -> {
        if (x.isNull() || y.isNull()) {
          int nulls = Boolean.compare(y.isNull(), x.isNull());
          return key.nullsFirst() ? nulls : -nulls;
        }
        int c = compare(x, y);
        return key.descending() ? -c : c;
      });
    }
    List<JsonNode[]> sorted = new ArrayList<>(rows);
    sorted.sort(comparator);
    return new SqlResult(schema, sorted);
  }

  private static int compare(JsonNode x, JsonNode y) {
    if (x.isNumber() && y.isNumber()) {
      return x.decimalValue().compareTo(y.decimalValue());
    }
    if (x.isBoolean() && y.isBoolean()) {
      return Boolean.compare(x.booleanValue(), y.booleanValue());
    }
    return text(x).compareTo(text(y));
  }

  /** Prints at most {@code maxRows} rows in the format, then how many more there are. */
  void print(PrintStream out, String format, int maxRows) {
    List<JsonNode[]> shown = rows.subList(0, Math.min(maxRows, rows.size()));
    switch (format) {
      case "csv" -> printCsv(out, shown);
      case "json" -> printJson(out, shown);
      default -> printTable(out, shown);
    }
    int more = rows.size() - shown.size();
    if (format.equals("table")) {
      out.println(rows.size() == 1 ? "(1 row)" : more > 0
          ? String.format(Locale.ROOT, "(%,d rows; %,d more not shown, see --maxRows)",
              rows.size(), more)
          : String.format(Locale.ROOT, "(%,d rows)", rows.size()));
    }
  }

  private void printTable(PrintStream out, List<JsonNode[]> shown) {
    int columns = schema.getFieldCount();
    int[] widths = new int[columns];
    boolean[] numeric = new boolean[columns];
    for (int i = 0; i < columns; i++) {
      widths[i] = schema.getField(i).getName().length();
      numeric[i] = schema.getField(i).getType().getTypeName().isNumericType();
    }
    List<String[]> cells = new ArrayList<>();
    for (JsonNode[] row : shown) {
      String[] line = new String[columns];
      for (int i = 0; i < columns; i++) {
        line[i] = row[i].isNull() ? "NULL" : oneLine(text(row[i]));
        widths[i] = Math.max(widths[i], line[i].length());
      }
      cells.add(line);
    }
    String[] header = new String[columns];
    String[] rule = new String[columns];
    for (int i = 0; i < columns; i++) {
      header[i] = schema.getField(i).getName();
      rule[i] = "-".repeat(widths[i]);
    }
    out.println(line(header, widths, new boolean[columns]));
    out.println(line(rule, widths, new boolean[columns]));
    for (String[] line : cells) {
      out.println(line(line, widths, numeric));
    }
  }

  private static String line(String[] cells, int[] widths, boolean[] right) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        text.append(" | ");
      }
      String pad = " ".repeat(widths[i] - cells[i].length());
      text.append(right[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
    }
    return text.toString().stripTrailing();
  }

  private void printCsv(PrintStream out, List<JsonNode[]> shown) {
    List<String> header = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      header.add(csv(field.getName()));
    }
    out.println(String.join(",", header));
    for (JsonNode[] row : shown) {
      List<String> fields = new ArrayList<>();
      for (JsonNode value : row) {
        fields.add(value.isNull() ? "" : csv(text(value)));
      }
      out.println(String.join(",", fields));
    }
  }

  private void printJson(PrintStream out, List<JsonNode[]> shown) {
    for (JsonNode[] row : shown) {
      ObjectNode object = JSON.createObjectNode();
      for (int i = 0; i < row.length; i++) {
        object.set(schema.getField(i).getName(), row[i]);
      }
      out.println(object.toString());
    }
  }

  /** A value as text: strings as themselves, numbers as written, structures as JSON. */
  private static String text(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static String csv(String text) {
    boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n")
        || text.contains("\r");
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
