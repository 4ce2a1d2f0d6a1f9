package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Edits fields of a schema and its rows at Glue paths: drops a field, renames it, or replaces its
 * value; the machinery {@link DropFields}, {@link RenameField} and {@link Unbox} share. A path
 * reaches the elements of an array the way Glue writes it, {@code items[].price}; the rows are
 * rewritten by a plan worked out once per schema, so a row costs no lookup by name.
 *
 * <p>{@code FieldEdits.Plan plan = FieldEdits.plan(schema, Map.of(FieldPath.parse("a.b"),
 * FieldEdits.Edit.drop()));}
 */
final class FieldEdits {

  /** The step of a path that stands for the elements of an array. */
  static final String ELEMENTS = "[]";

  private FieldEdits() {}

  /** Converts one non-null value; may throw to reject its record. */
  interface ValueFn extends Serializable {
    Object apply(Object value);
  }

  /** What to do with the field at a path. */
  static final class Edit implements Serializable {
    enum Kind {
      DROP,
      RENAME,
      REPLACE
    }

    final Kind kind;
    final String newName;
    final FieldType newType;
    final ValueFn fn;

    private Edit(Kind kind, String newName, FieldType newType, ValueFn fn) {
      this.kind = kind;
      this.newName = newName;
      this.newType = newType;
      this.fn = fn;
    }

    static Edit drop() {
      return new Edit(Kind.DROP, null, null, null);
    }

    static Edit rename(String newName) {
      return new Edit(Kind.RENAME, newName, null, null);
    }

    /** The field takes {@code type} (with the field's own nullability); {@code fn} makes values. */
    static Edit replace(FieldType type, ValueFn fn) {
      return new Edit(Kind.REPLACE, null, type, fn);
    }
  }

  /**
   * The steps of a path: its names, with {@link #ELEMENTS} after each name written {@code
   * name[]} (once per {@code []}).
   */
  static List<String> steps(FieldPath path) {
    List<String> steps = new ArrayList<>();
    for (String segment : path.segments()) {
      int arrays = 0;
      String name = segment;
      while (name.endsWith(ELEMENTS) && name.length() > ELEMENTS.length()) {
        name = name.substring(0, name.length() - ELEMENTS.length());
        arrays++;
      }
      steps.add(name);
      for (int i = 0; i < arrays; i++) {
        steps.add(ELEMENTS);
      }
    }
    return steps;
  }

  /**
   * The type of the field a path names, {@code []} steps included; throws {@link
   * IllegalArgumentException} naming the path and the fields there when it names none.
   */
  static FieldType resolve(Schema schema, FieldPath path) {
    List<String> steps = steps(path);
    if (!steps.contains(ELEMENTS)) {
      return path.resolveType(schema);
    }
    FieldType type = FieldType.row(schema);
    List<String> walked = new ArrayList<>();
    for (String step : steps) {
      if (step.equals(ELEMENTS)) {
        if (!isArray(type)) {
          throw new IllegalArgumentException(
              "Field '" + path + "' is not in the schema: '" + render(walked)
                  + "' is not an array.");
        }
        type = type.getCollectionElementType();
      } else {
        if (type.getTypeName() != TypeName.ROW) {
          throw new IllegalArgumentException(
              "Field '" + path + "' is not in the schema: '" + render(walked)
                  + "' is not a struct.");
        }
        Schema level = type.getRowSchema();
        if (!level.hasField(step)) {
          throw new IllegalArgumentException(
              "Field '" + path + "' is not in the schema; the fields there are "
                  + level.getFieldNames() + ".");
        }
        type = level.getField(step).getType();
      }
      walked.add(step);
    }
    return type;
  }

  /** Steps as a Glue path: {@code items[].price}, with backticks around names holding dots. */
  static String render(List<String> steps) {
    StringBuilder out = new StringBuilder();
    for (String step : steps) {
      if (step.equals(ELEMENTS)) {
        out.append(ELEMENTS);
        continue;
      }
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(step.contains(".") ? "`" + step + "`" : step);
    }
    return out.toString();
  }

  static boolean isArray(FieldType type) {
    return type.getTypeName() == TypeName.ARRAY || type.getTypeName() == TypeName.ITERABLE;
  }

  /**
   * The plan of the edits on {@code input}; each path must name a field ({@link #resolve}) and
   * must not end in {@code []}. A struct, or an array of structs, left without fields is dropped.
   */
  static Plan plan(Schema input, Map<FieldPath, Edit> edits) {
    Node root = new Node();
    for (Map.Entry<FieldPath, Edit> entry : edits.entrySet()) {
      resolve(input, entry.getKey());
      List<String> steps = steps(entry.getKey());
      if (steps.get(steps.size() - 1).equals(ELEMENTS)) {
        throw new IllegalArgumentException(
            "Field path '" + entry.getKey() + "' ends in []: name the array itself, or a field of"
                + " its elements.");
      }
      Node node = root;
      for (String step : steps) {
        node = node.children.computeIfAbsent(step, s -> new Node());
      }
      if (node.edit != null && node.edit.kind != Edit.Kind.DROP) {
        throw new IllegalArgumentException("Field '" + entry.getKey() + "' is edited twice.");
      }
      node.edit = entry.getValue();
    }
    return new Plan(struct(input, root));
  }

  /** The edits below one field: an edit of the field itself, and edits inside it by step. */
  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();
    Edit edit;
  }

  /** A value's type after the edits, and the function that edits it (null when unchanged). */
  private static final class Planned {
    final FieldType type;
    final ValueFn fn;

    Planned(FieldType type, ValueFn fn) {
      this.type = type;
      this.fn = fn;
    }
  }

  private static StructFn struct(Schema schema, Node node) {
    Schema.Builder out = Schema.builder().setOptions(schema.getOptions());
    List<Integer> sources = new ArrayList<>();
    List<ValueFn> fns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Field field = schema.getField(i);
      Node child = node.children.get(field.getName());
      FieldType type = field.getType();
      ValueFn fn = null;
      String name = field.getName();
      if (child != null) {
        if (child.edit != null && child.edit.kind == Edit.Kind.DROP) {
          continue;
        }
        if (child.edit != null && child.edit.kind == Edit.Kind.REPLACE) {
          type = child.edit.newType.withNullable(type.getNullable());
          fn = child.edit.fn;
        } else if (!child.children.isEmpty()) {
          Planned planned = value(type, child);
          type = planned.type;
          fn = planned.fn;
          if (isEmptyStruct(type)) {
            continue;
          }
        }
        if (child.edit != null && child.edit.kind == Edit.Kind.RENAME) {
          name = child.edit.newName;
        }
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "Two fields would be named '" + name + "' in " + schema.getFieldNames() + ".");
      }
      out.addField(field.withName(name).withType(type));
      sources.add(i);
      fns.add(fn);
    }
    return new StructFn(out.build(), sources, fns);
  }

  private static Planned value(FieldType type, Node node) {
    if (type.getTypeName() == TypeName.ROW) {
      StructFn struct = struct(type.getRowSchema(), node);
      return new Planned(
          FieldType.row(struct.schema).withNullable(type.getNullable()),
          struct.schema.equals(type.getRowSchema()) ? null : struct);
    }
    // resolve() has checked that a field with edits inside is a struct or an array.
    Planned element = value(type.getCollectionElementType(), node.children.get(ELEMENTS));
    FieldType collection =
        type.getTypeName() == TypeName.ITERABLE
            ? FieldType.iterable(element.type)
            : FieldType.array(element.type);
    return new Planned(
        collection.withNullable(type.getNullable()),
        element.fn == null ? null : new ElementsFn(element.fn));
  }

  private static boolean isEmptyStruct(FieldType type) {
    if (isArray(type)) {
      return isEmptyStruct(type.getCollectionElementType());
    }
    return type.getTypeName() == TypeName.ROW && type.getRowSchema().getFieldCount() == 0;
  }

  /** The edited schema, and the rewriting of rows of the input schema into it. */
  static final class Plan implements Serializable {
    private final StructFn root;

    private Plan(StructFn root) {
      this.root = root;
    }

    Schema outputSchema() {
      return root.schema;
    }

    Row apply(Row row) {
      return root.apply(row);
    }

    /** Applies the plan to every row, as a step named {@code name}. */
    PCollection<Row> applyTo(PCollection<Row> input, String name) {
      return input.apply(name, ParDo.of(new PlanFn(this))).setRowSchema(root.schema);
    }
  }

  private static final class PlanFn extends DoFn<Row, Row> {
    private final Plan plan;

    PlanFn(Plan plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(plan.apply(row));
    }
  }

  /** Rewrites a struct: each output field from one input field, edited or copied. */
  private static final class StructFn implements ValueFn {
    private final Schema schema;
    private final int[] sources;
    private final ValueFn[] fns;

    StructFn(Schema schema, List<Integer> sources, List<ValueFn> fns) {
      this.schema = schema;
      this.sources = sources.stream().mapToInt(Integer::intValue).toArray();
      this.fns = fns.toArray(new ValueFn[0]);
    }

    @Override
    public Row apply(Object value) {
      Row row = (Row) value;
      List<Object> values = new ArrayList<>(sources.length);
      for (int i = 0; i < sources.length; i++) {
        Object field = row.getValue(sources[i]);
        values.add(field != null && fns[i] != null ? fns[i].apply(field) : field);
      }
      return Row.withSchema(schema).attachValues(values);
    }
  }

  /** Rewrites every non-null element of an array; null elements stay null. */
  private static final class ElementsFn implements ValueFn {
    private final ValueFn element;

    ElementsFn(ValueFn element) {
      this.element = element;
    }

    @Override
    public List<Object> apply(Object value) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Iterable<?>) value) {
        out.add(item == null ? null : element.apply(item));
      }
      return out;
    }
  }
}
