package dev.beamglue.transforms.schema;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;

/**
 * The part of a schema that a set of field paths needs: each named field whole, and the structs on
 * the way to it with only the children named below them, in the schema's order. Readers use it to
 * build only the columns a job reads, as Spark prunes columns.
 *
 * <p>{@code SchemaProjection.keep(schema, List.of("actor.login", "repo")) // actor{login}, repo}
 */
public final class SchemaProjection {

  private SchemaProjection() {}

  /**
   * The projection of {@code schema} on {@code paths} (Glue dotted paths); throws {@link
   * IllegalArgumentException} naming a path that is not in the schema.
   */
  public static Schema keep(Schema schema, Collection<String> paths) {
    Node wanted = new Node();
    for (String text : paths) {
      FieldPath path = FieldPath.parse(text);
      path.resolveType(schema); // throws with the path and the fields there
      wanted.add(path.segments(), 0);
    }
    return wanted.project(schema);
  }

  /** The requested children of one struct; a node with none means "the whole field". */
  private static final class Node {
    private final Map<String, Node> children = new LinkedHashMap<>();
    private boolean whole;

    void add(java.util.List<String> segments, int depth) {
      Node child = children.computeIfAbsent(segments.get(depth), name -> new Node());
      if (depth == segments.size() - 1) {
        child.whole = true;
      } else {
        child.add(segments, depth + 1);
      }
    }

    Schema project(Schema schema) {
      Schema.Builder kept = Schema.builder().setOptions(schema.getOptions());
      for (Field field : schema.getFields()) {
        Node child = children.get(field.getName());
        if (child == null) {
          continue;
        }
        FieldType type = field.getType();
        if (!child.whole && type.getTypeName() == TypeName.ROW) {
          type = FieldType.row(child.project(type.getRowSchema())).withNullable(type.getNullable());
        }
        kept.addField(field.withType(type));
      }
      return kept.build();
    }
  }
}
