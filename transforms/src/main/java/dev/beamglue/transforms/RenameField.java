package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's RenameField: gives one field, nested or not, a new name at the same level; its place,
 * type, nullability and values stay.
 *
 * <p>{@code rows.apply(RenameField.of("actor.login", "user")) // actor.login is now actor.user}
 *
 * <p>The old path is written the Glue way ({@code actor.login}, {@code `user.name`}, {@code
 * items[].price} for a field of the elements of an array). The new name is a plain name, or, as
 * Glue writes it, the full new path, which must then keep the field at its level: {@code
 * RenameField.of("actor.login", "actor.user")} is the same as {@code "user"}; a new name holding a
 * dot is written with backticks ({@code "`user.name`"}). A path that names no field, or a new name
 * that another field at that level already has, fails when the transform is applied.
 */
public final class RenameField extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final FieldPath oldPath;
  private final String newName;

  private RenameField(FieldPath oldPath, String newName) {
    this.oldPath = oldPath;
    this.newName = newName;
  }

  /** Renames the field at {@code oldPath} to {@code newName}; see the class documentation. */
  public static RenameField of(String oldPath, String newName) {
    FieldPath old = FieldPath.parse(oldPath.trim());
    FieldPath target = FieldPath.parse(newName.trim());
    if (target.isNested()) {
      List<String> parent = target.parent().segments();
      List<String> oldParent = old.isNested() ? old.parent().segments() : List.of();
      if (!parent.equals(oldParent)) {
        throw new IllegalArgumentException(
            "RenameField keeps '" + old + "' at its level, but '" + newName.trim()
                + "' is elsewhere; give a plain name, with backticks if it holds dots.");
      }
    }
    return new RenameField(old, target.leaf());
  }

  public FieldPath getOldPath() {
    return oldPath;
  }

  public String getNewName() {
    return newName;
  }

  /** The input schema with the field renamed; throws as the class documentation says. */
  public Schema outputSchema(Schema input) {
    return plan(input).outputSchema();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    return plan(input.getSchema()).applyTo(input, "Rename");
  }

  private FieldEdits.Plan plan(Schema input) {
    FieldEdits.resolve(input, oldPath); // throws with the path and the fields there
    if (!oldPath.leaf().equals(newName)) {
      Schema level =
          oldPath.isNested() ? structAt(input, oldPath.parent()) : input;
      if (level.hasField(newName)) {
        throw new IllegalArgumentException(
            "RenameField cannot rename '" + oldPath + "' to '" + newName + "': "
                + (oldPath.isNested() ? "'" + oldPath.parent() + "'" : "the record")
                + " already has a field of that name; drop or rename that one first.");
      }
    }
    return FieldEdits.plan(input, Map.of(oldPath, FieldEdits.Edit.rename(newName)));
  }

  /** The struct a path names, looking through arrays written {@code name[]}. */
  private static Schema structAt(Schema input, FieldPath path) {
    FieldType type = FieldEdits.resolve(input, path);
    while (FieldEdits.isArray(type)) {
      type = type.getCollectionElementType();
    }
    return type.getRowSchema();
  }
}
