package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's DropFields: the records without the fields named, nested ones and fields of the elements
 * of arrays included; everything else keeps its place, name, type and nullability.
 *
 * <p>{@code rows.apply(DropFields.of("actor.avatar_url", "payload.commits[].author.email"))}
 *
 * <p>A path names fields the Glue way ({@code actor.login}, backticks around a name holding dots:
 * {@code `user.name`}); {@code items[].price} drops {@code price} from every element of the array
 * {@code items}, and {@code matrix[][].x} reaches arrays inside arrays. A struct left without
 * fields is dropped too, as is an array of such structs. A path that names no field of the input
 * schema fails when the transform is applied, naming the path and the fields there; so does
 * dropping every field.
 */
public final class DropFields extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final List<FieldPath> paths;

  private DropFields(List<FieldPath> paths) {
    this.paths = Collections.unmodifiableList(paths);
  }

  /** Drops the fields at {@code paths}; see the class documentation. */
  public static DropFields of(String... paths) {
    return of(List.of(paths));
  }

  /** Drops the fields at {@code paths}; see the class documentation. */
  public static DropFields of(List<String> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("DropFields needs at least one field path.");
    }
    List<FieldPath> parsed = new ArrayList<>();
    for (String path : paths) {
      parsed.add(FieldPath.parse(path.trim()));
    }
    return new DropFields(parsed);
  }

  public List<FieldPath> getPaths() {
    return paths;
  }

  /** The input schema without the fields; throws as the class documentation says. */
  public Schema outputSchema(Schema input) {
    return plan(input).outputSchema();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    return plan(input.getSchema()).applyTo(input, "Drop");
  }

  /** The plan of the drops, even when they leave no field. */
  FieldEdits.Plan planAllowingNoFields(Schema input) {
    Map<FieldPath, FieldEdits.Edit> edits = new LinkedHashMap<>();
    for (FieldPath path : paths) {
      edits.put(path, FieldEdits.Edit.drop());
    }
    return FieldEdits.plan(input, edits);
  }

  private FieldEdits.Plan plan(Schema input) {
    FieldEdits.Plan plan = planAllowingNoFields(input);
    if (plan.outputSchema().getFieldCount() == 0) {
      throw new IllegalArgumentException(
          "DropFields " + paths + " would drop every field of " + input.getFieldNames()
              + "; keep at least one.");
    }
    return plan;
  }
}
