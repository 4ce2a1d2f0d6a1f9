package dev.beamglue.pipelines.cli;

import dev.beamglue.io.catalog.GlueColumnTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;

/**
 * A schema as an indented tree, the way Spark's {@code printSchema} draws it: one line per field,
 * nested structs, array elements and map keys and values indented under their parent, with the
 * Glue type names of leaves.
 *
 * <p>{@code SchemaTree.lines(schema).forEach(out::println);}
 *
 * <pre>
 * root
 *  |-- actor: struct (nullable = true)
 *  |    |-- login: string (nullable = false)
 *  |-- tags: array (nullable = true)
 *  |    |-- element: string (containsNull = true)
 * </pre>
 */
final class SchemaTree {

  private SchemaTree() {}

  static List<String> lines(Schema schema) {
    List<String> lines = new ArrayList<>();
    lines.add("root");
    fields(schema, " ", lines);
    return lines;
  }

  private static void fields(Schema schema, String indent, List<String> lines) {
    for (Schema.Field field : schema.getFields()) {
      node(field.getName(), field.getType(), "nullable = " + field.getType().getNullable(), indent,
          lines);
    }
  }

  private static void node(String name, FieldType type, String note, String indent,
      List<String> lines) {
    String prefix = indent + "|-- " + name + ": ";
    String child = indent + "|    ";
    switch (type.getTypeName()) {
      case ROW:
        lines.add(prefix + "struct (" + note + ")");
        fields(type.getRowSchema(), child, lines);
        return;
      case ARRAY:
      case ITERABLE:
        lines.add(prefix + "array (" + note + ")");
        FieldType element = type.getCollectionElementType();
        node("element", element, "containsNull = " + element.getNullable(), child, lines);
        return;
      case MAP:
        lines.add(prefix + "map (" + note + ")");
        node("key", type.getMapKeyType(), null, child, lines);
        node("value", type.getMapValueType(),
            "valueContainsNull = " + type.getMapValueType().getNullable(), child, lines);
        return;
      default:
        lines.add(prefix + leaf(type) + (note == null ? "" : " (" + note + ")"));
    }
  }

  private static String leaf(FieldType type) {
    String glue = GlueColumnTypes.toGlue(type);
    return type.getTypeName() == TypeName.LOGICAL_TYPE ? glue.replace(" not null", "") : glue;
  }
}
