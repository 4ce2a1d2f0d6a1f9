package dev.beamglue.transforms.findmatches;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.values.Row;

/**
 * Which fields of a frame FindMatches uses: the primary key, the source column in linkage mode,
 * and the compared columns; turns rows into {@link Record}s.
 *
 * <p>{@code FrameColumns f = FrameColumns.of(schema, "id", null, List.of()); Record r = f.record(row);}
 */
public final class FrameColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Columns FindMatches adds, never compared. */
  public static final List<String> OUTPUT_COLUMNS = List.of("match_id", "match_confidence_score");

  private final String key;
  private final String source;
  private final int keyIndex;
  private final int sourceIndex;
  private final List<String> compared;
  private final int[] comparedIndex;
  private final FieldType keyType;

  private FrameColumns(Schema schema, String key, String source, List<String> columns) {
    if (key == null || !schema.hasField(key)) {
      throw new IllegalArgumentException(
          "FindMatches needs a primary key, but the input has no field '"
              + key
              + "' (fields: "
              + schema.getFieldNames()
              + ").");
    }
    keyType = schema.getField(key).getType();
    TypeName t = keyType.getTypeName();
    if (t != TypeName.STRING && t != TypeName.INT32 && t != TypeName.INT64) {
      throw new IllegalArgumentException(
          "The primary key '" + key + "' is of type " + t + "; FindMatches needs a string or integer key.");
    }
    if (source != null && !schema.hasField(source)) {
      throw new IllegalArgumentException(
          "The source column '" + source + "' is not a field of the input " + schema.getFieldNames() + ".");
    }
    this.key = key;
    this.source = source;
    this.keyIndex = schema.indexOf(key);
    this.sourceIndex = source == null ? -1 : schema.indexOf(source);
    List<String> chosen = new ArrayList<>();
    if (columns.isEmpty()) {
      for (Schema.Field f : schema.getFields()) {
        String name = f.getName();
        if (!name.equals(key) && !name.equals(source) && !OUTPUT_COLUMNS.contains(name)) {
          chosen.add(name);
        }
      }
    } else {
      for (String name : columns) {
        if (!schema.hasField(name)) {
          throw new IllegalArgumentException(
              "The column '" + name + "' to compare is not a field of the input " + schema.getFieldNames() + ".");
        }
        chosen.add(name);
      }
    }
    for (String name : chosen) {
      TypeName type = schema.getField(name).getType().getTypeName();
      if (type.isCompositeType() || type.isCollectionType() || type == TypeName.BYTES) {
        throw new IllegalArgumentException(
            "The column '" + name + "' is a " + type + "; FindMatches compares only scalar columns: select them with withColumns.");
      }
    }
    this.compared = List.copyOf(chosen);
    this.comparedIndex = chosen.stream().mapToInt(schema::indexOf).toArray();
  }

  /**
   * The columns of a frame; {@code source} may be null (deduplication); empty {@code columns}
   * compares every field but the key, the source and the output columns.
   */
  public static FrameColumns of(Schema schema, String key, String source, List<String> columns) {
    return new FrameColumns(schema, key, source, columns);
  }

  public String key() {
    return key;
  }

  public String source() {
    return source;
  }

  public List<String> compared() {
    return compared;
  }

  public FieldType keyType() {
    return keyType;
  }

  /** The row's primary key as text; fails naming the key when it is null. */
  public String id(Row row) {
    Object value = row.getValue(keyIndex);
    if (value == null) {
      throw new IllegalArgumentException(
          "A record has no value for the primary key '" + key + "': " + row + ".");
    }
    return value.toString();
  }

  /** The row as FindMatches compares it: each compared value as {@link ValueText} writes it. */
  public Record record(Row row) {
    String[] values = new String[comparedIndex.length];
    for (int i = 0; i < values.length; i++) {
      Object v = row.getValue(comparedIndex[i]);
      values[i] = ValueText.of(v);
    }
    Object src = sourceIndex < 0 ? null : row.getValue(sourceIndex);
    return new Record(id(row), src == null ? (sourceIndex < 0 ? null : "") : src.toString(), values);
  }

  /** A match id given as text, in the key's type. */
  public Object keyValue(String id) {
    return switch (keyType.getTypeName()) {
      case INT32 -> Integer.parseInt(id);
      case INT64 -> Long.parseLong(id);
      default -> id;
    };
  }
}
