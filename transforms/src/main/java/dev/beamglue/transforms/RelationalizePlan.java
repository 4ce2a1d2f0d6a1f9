package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.GlueTypes;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The tables {@link Relationalize} makes of an input schema, and how to walk a record into them:
 * worked out once when the pipeline is built, so walking a record costs no lookup by name.
 *
 * <p>{@code RelationalizePlan plan = RelationalizePlan.of("events", input.getSchema());}
 *
 * <p>A plan is a tree of nodes over the input type: a struct writes each of its fields, a leaf
 * copies its value to one column, and an array writes its join key to its column and one row per
 * element to its child table.
 */
final class RelationalizePlan implements Serializable {

  /** One output table: its name, schema and output tag. */
  static final class Table implements Serializable {
    final String name;
    final Schema schema;
    final TupleTag<Row> tag;
    final byte[] nameBytes;

    Table(String name, Schema schema, int index) {
      this.name = name;
      this.schema = schema;
      this.tag = new TupleTag<>("table" + index + ":" + name);
      this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
    }
  }

  private final List<Table> tables;
  private final Node root;

  private RelationalizePlan(List<Table> tables, Node root) {
    this.tables = tables;
    this.root = root;
  }

  /**
   * The plan for records of {@code input} with the root table {@code rootName}; throws {@link
   * IllegalArgumentException} for a choice column, or when two columns or tables would get one
   * name.
   */
  static RelationalizePlan of(String rootName, Schema input) {
    Builder builder = new Builder(rootName);
    int rootTable = builder.newTable(rootName);
    Node root = builder.flatten(FieldType.row(input), null, rootTable);
    List<Table> tables = new ArrayList<>();
    for (int i = 0; i < builder.names.size(); i++) {
      tables.add(new Table(builder.names.get(i), builder.schemas.get(i).build(), i));
    }
    return new RelationalizePlan(tables, root);
  }

  /** The tables, the root first; a table comes after its parent, children in schema order. */
  List<Table> tables() {
    return tables;
  }

  /** Writes the record's root columns into {@code values} and its child rows to {@code walk}. */
  void walk(Row record, Object[] values, Walk walk) {
    root.write(record, values, walk);
  }

  /** Where a walk sends child rows and gets its join keys from. */
  interface Walk {
    /** The join key of the array with child table {@code table} in the row being walked. */
    long key(int table);

    /** Enters the element at {@code index} of the array whose key is {@code key}. */
    void enter(long key, int index);

    /** Leaves the element entered last. */
    void leave();

    /** A finished row of {@code table}. */
    void emit(int table, Object[] values);
  }

  private static final class Builder {
    final String root;
    final List<String> names = new ArrayList<>();
    final List<Schema.Builder> schemas = new ArrayList<>();
    final List<Set<String>> columns = new ArrayList<>();

    Builder(String root) {
      this.root = root;
    }

    int newTable(String name) {
      if (names.contains(name)) {
        throw new IllegalArgumentException(
            "Relationalize would make two tables named '" + name + "' (a field name holds a dot "
                + "that a nested path also makes); rename the field first.");
      }
      names.add(name);
      schemas.add(Schema.builder());
      columns.add(new HashSet<>());
      return names.size() - 1;
    }

    int addColumn(int table, String name, FieldType type) {
      if (!columns.get(table).add(name)) {
        throw new IllegalArgumentException(
            "Relationalize would make two columns named '" + name + "' in table '"
                + names.get(table) + "' (a field name holds a dot that a nested path also makes); "
                + "rename the field first.");
      }
      schemas.get(table).addField(Field.of(name, type.withNullable(true)));
      return columns.get(table).size() - 1;
    }

    /** The node for a value of {@code type} written to {@code column} (null: the root record). */
    Node flatten(FieldType type, String column, int table) {
      switch (type.getTypeName()) {
        case ROW:
          List<Field> fields = type.getRowSchema().getFields();
          Node[] children = new Node[fields.size()];
          for (int i = 0; i < children.length; i++) {
            String name = fields.get(i).getName();
            String path = column == null ? name : column + "." + name;
            children[i] = flatten(fields.get(i).getType(), path, table);
          }
          return new StructNode(children);
        case ARRAY:
        case ITERABLE:
          int keyColumn = addColumn(table, column, FieldType.INT64);
          int child = newTable(root + "_" + column);
          addColumn(child, "id", FieldType.INT64);
          addColumn(child, "index", FieldType.INT32);
          Node element = flatten(type.getCollectionElementType(), column + ".val", child);
          return new ArrayNode(keyColumn, child, columns.get(child).size(), element);
        default:
          if (holdsChoice(type)) {
            throw new IllegalArgumentException(
                "Relationalize cannot flatten '" + column + "' of " + names.get(table)
                    + ": it is a choice (" + GlueTypes.describe(type) + ") or holds one; run "
                    + "ResolveChoice on it first.");
          }
          return new LeafNode(addColumn(table, column, type));
      }
    }

    private static boolean holdsChoice(FieldType type) {
      switch (type.getTypeName()) {
        case ROW:
          return type.getRowSchema().getFields().stream()
              .anyMatch(field -> holdsChoice(field.getType()));
        case ARRAY:
        case ITERABLE:
          return holdsChoice(type.getCollectionElementType());
        case MAP:
          return holdsChoice(type.getMapKeyType()) || holdsChoice(type.getMapValueType());
        default:
          return GlueTypes.isChoice(type);
      }
    }
  }

  private abstract static class Node implements Serializable {
    abstract void write(Object value, Object[] values, Walk walk);
  }

  /** A scalar, map or logical-type value: copied to its column as it is. */
  private static final class LeafNode extends Node {
    private final int column;

    LeafNode(int column) {
      this.column = column;
    }

    @Override
    void write(Object value, Object[] values, Walk walk) {
      values[column] = value;
    }
  }

  /** A struct: each field in turn; a null struct makes every column below it null. */
  private static final class StructNode extends Node {
    private final Node[] fields;

    StructNode(Node[] fields) {
      this.fields = fields;
    }

    @Override
    void write(Object value, Object[] values, Walk walk) {
      Row row = (Row) value;
      for (int i = 0; i < fields.length; i++) {
        fields[i].write(row == null ? null : row.getValue(i), values, walk);
      }
    }
  }

  /** An array: its key in the parent's column, one child row per element. */
  private static final class ArrayNode extends Node {
    private final int column;
    private final int table;
    private final int width;
    private final Node element;

    ArrayNode(int column, int table, int width, Node element) {
      this.column = column;
      this.table = table;
      this.width = width;
      this.element = element;
    }

    @Override
    void write(Object value, Object[] values, Walk walk) {
      if (value == null) {
        values[column] = null;
        return;
      }
      long key = walk.key(table);
      values[column] = key;
      int index = 0;
      for (Object item : (Iterable<?>) value) {
        Object[] child = new Object[width];
        child[0] = key;
        child[1] = index;
        walk.enter(key, index);
        element.write(item, child, walk);
        walk.leave();
        walk.emit(table, child);
        index++;
      }
    }
  }
}
