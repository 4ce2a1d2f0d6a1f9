package dev.beamglue.transforms.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * A path to a field the Glue way: names joined by dots ({@code actor.login}), with backticks
 * around a name that itself holds dots ({@code `user.name`.first}).
 *
 * <p>{@code FieldPath.parse("repo.`full.name`").segments() -> [repo, full.name]}
 */
public final class FieldPath implements Serializable {

  private final List<String> segments;

  private FieldPath(List<String> segments) {
    this.segments = Collections.unmodifiableList(segments);
  }

  /** Parses a dotted path; throws {@link IllegalArgumentException} naming the path when malformed. */
  public static FieldPath parse(String path) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean segmentWasQuoted = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '`') {
        quoted = !quoted;
        segmentWasQuoted = true;
      } else if (c == '.' && !quoted) {
        addSegment(path, segments, current, segmentWasQuoted);
        current.setLength(0);
        segmentWasQuoted = false;
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Field path '" + path + "' has an unclosed backtick.");
    }
    addSegment(path, segments, current, segmentWasQuoted);
    return new FieldPath(segments);
  }

  /** A path of one field, whatever characters its name holds. */
  public static FieldPath ofName(String name) {
    return new FieldPath(List.of(name));
  }

  private static void addSegment(
      String path, List<String> segments, StringBuilder current, boolean quoted) {
    if (current.length() == 0 && !quoted) {
      throw new IllegalArgumentException("Field path '" + path + "' has an empty name in it.");
    }
    segments.add(current.toString());
  }

  public List<String> segments() {
    return segments;
  }

  public String leaf() {
    return segments.get(segments.size() - 1);
  }

  public boolean isNested() {
    return segments.size() > 1;
  }

  /** The path without its last segment; only for nested paths. */
  public FieldPath parent() {
    return new FieldPath(segments.subList(0, segments.size() - 1));
  }

  /** The path with {@code name} appended. */
  public FieldPath child(String name) {
    List<String> longer = new ArrayList<>(segments);
    longer.add(name);
    return new FieldPath(longer);
  }

  /**
   * The type of the field this path names in {@code schema}; throws {@link
   * IllegalArgumentException} with the path and the available fields when it names none.
   */
  public FieldType resolveType(Schema schema) {
    FieldType type = FieldType.row(schema);
    for (int i = 0; i < segments.size(); i++) {
      Schema level = type.getTypeName() == Schema.TypeName.ROW ? type.getRowSchema() : null;
      if (level == null || !level.hasField(segments.get(i))) {
        throw new IllegalArgumentException(
            "Field '" + this + "' is not in the schema"
                + (level == null
                    ? ": '" + new FieldPath(segments.subList(0, i)) + "' is not a struct."
                    : "; the fields there are " + level.getFieldNames() + "."));
      }
      Field field = level.getField(segments.get(i));
      type = field.getType();
    }
    return type;
  }

  /** Whether the path names a field of {@code schema}. */
  public boolean existsIn(Schema schema) {
    try {
      resolveType(schema);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The positions of the path's fields, level by level, in {@code schema}, for {@link #valueAt}:
   * resolved once, so reading a row's value costs no lookup by name.
   */
  public int[] indicesIn(Schema schema) {
    resolveType(schema); // throws with the path and the fields there
    int[] indices = new int[segments.size()];
    Schema level = schema;
    for (int i = 0; i < indices.length; i++) {
      indices[i] = level.indexOf(segments.get(i));
      FieldType type = level.getField(indices[i]).getType();
      level = type.getTypeName() == Schema.TypeName.ROW ? type.getRowSchema() : null;
    }
    return indices;
  }

  /** The value at the field positions {@link #indicesIn} gave, or null when a struct is null. */
  public static Object valueAt(Row row, int[] indices) {
    Object value = row;
    for (int index : indices) {
      if (value == null) {
        return null;
      }
      value = ((Row) value).getValue(index);
    }
    return value;
  }

  /**
   * The value at this path, or null when it or a struct on the way is null; to read many rows of
   * one schema, resolve {@link #indicesIn} once and use {@link #valueAt}.
   */
  public Object valueIn(Row row) {
    return valueAt(row, indicesIn(row.getSchema()));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(segment.contains(".") ? "`" + segment + "`" : segment);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldPath && ((FieldPath) other).segments.equals(segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }
}
