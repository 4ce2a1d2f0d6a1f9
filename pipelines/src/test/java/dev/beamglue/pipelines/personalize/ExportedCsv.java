package dev.beamglue.pipelines.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Reads an exported dataset folder back and checks every row against its Avro schema: each CSV
 * file's header is the schema's field names in order, each row has one value per field, required
 * fields are not empty, and each value parses as its field's type.
 *
 * <p>{@code long rows = ExportedCsv.check(folder, schema);}
 */
final class ExportedCsv {

  private ExportedCsv() {}

  /** Checks the folder's CSV files; returns their rows (headers not counted). */
  static long check(Path folder, Schema schema) throws IOException {
    List<String> header = new ArrayList<>();
    schema.getFields().forEach(f -> header.add(f.name()));
    long rows = 0;
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.toString().endsWith(".csv")).toList();
    }
    assertFalse(files.isEmpty(), "no CSV file in " + folder);
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      assertEquals(String.join(",", header), lines.get(0), file.toString());
      for (String line : lines.subList(1, lines.size())) {
        check(schema, line, file + ": " + line);
        rows++;
      }
    }
    return rows;
  }

  static List<String> rowsOf(Path folder) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.filter(p -> p.toString().endsWith(".csv")).toList()) {
        List<String> lines = Files.readAllLines(file);
        rows.addAll(lines.subList(1, lines.size()));
      }
    }
    rows.sort(null);
    return rows;
  }

  private static void check(Schema schema, String line, String where) {
    String[] values = line.split(",", -1);
    assertEquals(schema.getFields().size(), values.length, where);
    for (int i = 0; i < values.length; i++) {
      Schema.Field field = schema.getFields().get(i);
      Schema type = field.schema();
      boolean nullable = type.getType() == Schema.Type.UNION;
      if (nullable) {
        assertEquals(Schema.Type.NULL, type.getTypes().get(0).getType(), where);
        type = type.getTypes().get(1);
      }
      String value = values[i];
      if (value.isEmpty()) {
        assertTrue(nullable, field.name() + " is required but empty in " + where);
        continue;
      }
      switch (type.getType()) {
        case LONG:
          Long.parseLong(value);
          break;
        case INT:
          Integer.parseInt(value);
          break;
        case FLOAT:
        case DOUBLE:
          Double.parseDouble(value);
          break;
        case BOOLEAN:
          assertTrue(value.equals("true") || value.equals("false"), where);
          break;
        default:
          assertEquals(Schema.Type.STRING, type.getType(), where);
          if (field.name().endsWith("_ID")) {
            assertTrue(value.length() <= Dataset.MAX_ID_LENGTH, where);
          }
      }
    }
  }
}
