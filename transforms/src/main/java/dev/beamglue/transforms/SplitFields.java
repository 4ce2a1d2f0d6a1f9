package dev.beamglue.transforms;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * Glue's SplitFields: splits every record in two by field, the fields named and the rest. {@link
 * Result#selected()} is what {@link SelectFields} of the paths gives, {@link Result#rest()} what
 * {@link DropFields} of them gives: a nested path puts its struct in both, each with its share of
 * the children.
 *
 * <p>{@code SplitFields.Result split = rows.apply(SplitFields.of("id", "actor.login"));
 * split.selected(); // id, actor{login}   split.rest(); // type, actor{id, url}, ...}
 *
 * <p>A path that names no field fails when the transform is applied, naming the path and the
 * fields there; so does naming every field, which would leave the rest without any.
 */
public final class SplitFields extends PTransform<PCollection<Row>, SplitFields.Result> {

  private final List<String> paths;
  private final SelectFields select;
  private final DropFields drop;

  private SplitFields(List<String> paths, SelectFields select, DropFields drop) {
    this.paths = paths;
    this.select = select;
    this.drop = drop;
  }

  /** Splits off the fields at {@code paths}; see the class documentation. */
  public static SplitFields of(String... paths) {
    return of(List.of(paths));
  }

  /** Splits off the fields at {@code paths}; see the class documentation. */
  public static SplitFields of(List<String> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("SplitFields needs at least one field path.");
    }
    return new SplitFields(List.copyOf(paths), SelectFields.of(paths), DropFields.of(paths));
  }

  @Override
  public Result expand(PCollection<Row> input) {
    select.outputSchema(input.getSchema()); // a path that names no field fails here first
    if (drop.planAllowingNoFields(input.getSchema()).outputSchema().getFieldCount() == 0) {
      throw new IllegalArgumentException(
          "SplitFields " + paths + " names every field of " + input.getSchema().getFieldNames()
              + ", which would leave the rest without any.");
    }
    PCollection<Row> rest = input.apply("Rest", drop);
    PCollection<Row> selected = input.apply("Selected", select);
    return new Result(selected, rest);
  }

  /** The two outputs: the fields named, and the rest. */
  public static final class Result implements POutput {
    public static final TupleTag<Row> SELECTED = new TupleTag<Row>("selected") {};
    public static final TupleTag<Row> REST = new TupleTag<Row>("rest") {};

    private final PCollection<Row> selected;
    private final PCollection<Row> rest;

    private Result(PCollection<Row> selected, PCollection<Row> rest) {
      this.selected = selected;
      this.rest = rest;
    }

    /** The fields named, as {@link SelectFields} keeps them. */
    public PCollection<Row> selected() {
      return selected;
    }

    /** Every other field, as {@link DropFields} leaves them. */
    public PCollection<Row> rest() {
      return rest;
    }

    @Override
    public Pipeline getPipeline() {
      return selected.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return ImmutableMap.of(SELECTED, selected, REST, rest);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }
}
