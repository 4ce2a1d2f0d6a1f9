package dev.beamglue.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's union of frames: every record of every frame, in one frame whose schema unifies theirs
 * ({@link SchemaUnion}: the union of the fields by name, widened types, choices where types
 * disagree). Records are not deduplicated.
 *
 * <p>{@code UnionFrames.frames(january, february).apply(UnionFrames.create())}
 *
 * <p>Each frame is cast to the unified schema before the frames are flattened, so the runners see
 * one schema (Flink rejects a flatten of schemas that differ even only in nullability). A field a
 * frame lacks is null in its records.
 */
public final class UnionFrames extends PTransform<PCollectionList<Row>, PCollection<Row>> {

  private UnionFrames() {}

  /** The union of the frames of a {@link PCollectionList}. */
  public static UnionFrames create() {
    return new UnionFrames();
  }

  /** The frames to unite, as the input of {@link #create()}. */
  @SafeVarargs
  public static PCollectionList<Row> frames(PCollection<Row> first, PCollection<Row>... more) {
    PCollectionList<Row> list = PCollectionList.of(first);
    for (PCollection<Row> frame : more) {
      list = list.and(frame);
    }
    return list;
  }

  /** The schema of the union of frames of these schemas. */
  public static Schema outputSchema(List<Schema> schemas) {
    return SchemaUnion.unify(schemas);
  }

  @Override
  public PCollection<Row> expand(PCollectionList<Row> input) {
    if (input.size() == 0) {
      throw new IllegalArgumentException("UnionFrames needs at least one frame.");
    }
    List<Schema> schemas = new ArrayList<>();
    for (PCollection<Row> frame : input.getAll()) {
      if (!frame.hasSchema()) {
        throw new IllegalArgumentException(
            "UnionFrames needs frames with a schema; " + frame.getName() + " has none.");
      }
      schemas.add(frame.getSchema());
    }
    Schema unified = outputSchema(schemas);
    List<PCollection<Row>> cast = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      cast.add(input.get(i).apply("Cast" + i, SchemaUnion.castTo(unified)));
    }
    return PCollectionList.of(cast).apply("Flatten", Flatten.pCollections()).setRowSchema(unified);
  }
}
