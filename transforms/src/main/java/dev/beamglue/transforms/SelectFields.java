package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.SchemaProjection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's SelectFields: the records with only the fields named. A nested path keeps the structs on
 * the way to it, with only the children named; fields keep the input schema's order, types and
 * nullability.
 *
 * <p>{@code rows.apply(SelectFields.of("id", "actor.login", "repo"))
 * // id, actor{login}, repo{...whole}}
 *
 * <p>Paths are written the Glue way ({@code actor.login}, backticks around a name holding dots:
 * {@code `user.name`}); a path that names no field of the input schema fails when the transform
 * is applied, naming the path and the fields there. Arrays and maps are kept whole.
 */
public final class SelectFields extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final List<String> paths;

  private SelectFields(List<String> paths) {
    this.paths = Collections.unmodifiableList(paths);
  }

  /** Keeps the fields at {@code paths}; see the class documentation. */
  public static SelectFields of(String... paths) {
    return of(List.of(paths));
  }

  /** Keeps the fields at {@code paths}; see the class documentation. */
  public static SelectFields of(List<String> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("SelectFields needs at least one field path.");
    }
    List<String> parsed = new ArrayList<>();
    for (String path : paths) {
      parsed.add(FieldPath.parse(path.trim()).toString()); // throws when malformed
    }
    return new SelectFields(parsed);
  }

  public List<String> getPaths() {
    return paths;
  }

  /** The projection of the input schema on the paths; throws as the class documentation says. */
  public Schema outputSchema(Schema input) {
    return SchemaProjection.keep(input, paths);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema output = outputSchema(input.getSchema());
    DropNullFields.Pruner pruner = new DropNullFields.Pruner(input.getSchema(), output);
    return input.apply("Select", ParDo.of(new SelectFn(pruner))).setRowSchema(output);
  }

  private static final class SelectFn extends DoFn<Row, Row> {
    private final DropNullFields.Pruner pruner;

    SelectFn(DropNullFields.Pruner pruner) {
      this.pruner = pruner;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(pruner.apply(row));
    }
  }
}
