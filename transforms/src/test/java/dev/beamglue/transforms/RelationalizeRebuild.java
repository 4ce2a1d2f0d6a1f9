package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.RowJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * For tests: undoes {@link Relationalize} by joining every child row back to its parent on the
 * keys, independently of how the transform walks records, so a test can compare the result with
 * the input. A struct whose columns are all null comes back as a null struct.
 */
final class RelationalizeRebuild {

  private RelationalizeRebuild() {}

  /** The records rebuilt from all the tables; fails the pipeline if a child row has no parent. */
  static PCollection<Row> rebuild(Pipeline pipeline, Relationalize.Tables tables, String root, Schema original) {
    Map<String, PCollectionView<List<Row>>> views = new LinkedHashMap<>();
    for (String name : tables.names()) {
      views.put(name, tables.table(name).apply("View " + name, View.asList()));
    }
    return pipeline
        .apply("One", Create.of(1))
        .apply(
            "Rebuild",
            ParDo.of(new RebuildFn(views, root, original)).withSideInputs(new ArrayList<>(views.values())))
        .setRowSchema(original);
  }

  /** Every row of every table as {@code <table> <row as JSON>}, keys included. */
  static PCollection<String> keyLines(Relationalize.Tables tables) {
    PCollectionList<String> lines = PCollectionList.empty(tables.getPipeline());
    for (String name : tables.names()) {
      lines =
          lines.and(
              tables.table(name)
                  .apply("Lines " + name, ParDo.of(new LineFn(name)))
                  .setCoder(StringUtf8Coder.of()));
    }
    return lines.apply("All lines", Flatten.pCollections());
  }

  private static final class LineFn extends DoFn<Row, String> {
    private final String table;

    LineFn(String table) {
      this.table = table;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<String> out) {
      out.output(table + " " + RowJson.toJson(row));
    }
  }

  private static final class RebuildFn extends DoFn<Integer, Row> {
    private final Map<String, PCollectionView<List<Row>>> views;
    private final String root;
    private final Schema original;

    RebuildFn(Map<String, PCollectionView<List<Row>>> views, String root, Schema original) {
      this.views = views;
      this.root = root;
      this.original = original;
    }

    @ProcessElement
    public void process(ProcessContext context) {
      Map<String, Map<Long, List<Row>>> children = new HashMap<>();
      int childRows = 0;
      for (Map.Entry<String, PCollectionView<List<Row>>> table : views.entrySet()) {
        if (table.getKey().equals(root)) {
          continue;
        }
        for (Row row : context.sideInput(table.getValue())) {
          children
              .computeIfAbsent(table.getKey(), k -> new HashMap<>())
              .computeIfAbsent(row.getInt64("id"), k -> new ArrayList<>())
              .add(row);
          childRows++;
        }
      }
      int[] used = {0};
      for (Row flat : context.sideInput(views.get(root))) {
        context.output((Row) value(FieldType.row(original), flat, null, children, used));
      }
      if (used[0] != childRows) {
        throw new AssertionError(
            (childRows - used[0]) + " child rows have no parent row with their key.");
      }
    }

    private Object value(
        FieldType type, Row flat, String column, Map<String, Map<Long, List<Row>>> children, int[] used) {
      switch (type.getTypeName()) {
        case ROW:
          List<Object> values = new ArrayList<>();
          boolean allNull = true;
          for (Field field : type.getRowSchema().getFields()) {
            String name = column == null ? field.getName() : column + "." + field.getName();
            Object value = value(field.getType(), flat, name, children, used);
            allNull &= value == null;
            values.add(value);
          }
          if (allNull && column != null) {
            return null;
          }
          return Row.withSchema(type.getRowSchema()).addValues(values).build();
        case ARRAY:
          Long key = flat.getInt64(column);
          if (key == null) {
            return null;
          }
          List<Row> rows =
              new ArrayList<>(
                  children
                      .getOrDefault(root + "_" + column, Map.of())
                      .getOrDefault(key, List.of()));
          rows.sort(Comparator.comparing((Row r) -> r.getInt32("index")));
          List<Object> elements = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getInt32("index") != i) {
              throw new AssertionError("Index " + i + " is missing under key " + key + " in " + column);
            }
            elements.add(value(type.getCollectionElementType(), rows.get(i), column + ".val", children, used));
          }
          used[0] += rows.size();
          return elements;
        default:
          return flat.getValue(column);
      }
    }
  }
}
