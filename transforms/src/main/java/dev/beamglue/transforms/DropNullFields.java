package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Glue's DropNullFields: finds the fields that are null or missing in every record, nested fields
 * included, so that a sink can leave them out.
 *
 * <p>Beam needs every schema when the pipeline is built, but which fields are null everywhere is
 * known only once the data has been read; so this transform passes the rows through unchanged and
 * computes the list of null fields with a global Combine, as a one-element collection and a
 * singleton side input that a sink (such as {@code ParquetRows.write().withoutFields(view)}) applies
 * with {@link #prune(Schema, Collection)} and {@link #prune(Row, Schema)} when it writes.
 *
 * <p>{@code DropNullFields.Result r = rows.apply(DropNullFields.create());
 * r.rows().apply(ParquetRows.write().to(dir).withoutFields(r.nullFieldsView()));}
 *
 * <p>The rules: a leaf field is dropped when it is null in every record; a struct field is dropped
 * whole when it is null in every record or when all of its fields are dropped (only the struct's
 * path is listed then, not its children's); arrays and maps are dropped only when they are null in
 * every record (an empty array is not null) and their elements are never looked into. The list is
 * sorted and holds paths as {@link FieldPath#toString()} renders them ({@code payload.description},
 * {@code `user.name`}). An empty input drops nothing: with no records there is no evidence, and
 * dropping every field would leave a schema without columns, which Parquet cannot store. The
 * input must be globally windowed (a bounded collection), as for any global Combine with a
 * default.
 */
public final class DropNullFields extends PTransform<PCollection<Row>, DropNullFields.Result> {

  private DropNullFields() {}

  public static DropNullFields create() {
    return new DropNullFields();
  }

  @Override
  public Result expand(PCollection<Row> input) {
    List<PathNode> fields = PathNode.forSchema(input.getSchema());
    // Each bundle sums up what it saw first, so only one small bitset a bundle reaches the global
    // combine: runners that do not lift combiners (Flink's DataStream batch mode) would otherwise
    // shuffle and sort every row to one worker.
    PCollection<List<String>> nullFields =
        input
            .apply("Seen per bundle", ParDo.of(new SeenPerBundleFn(fields)))
            .setCoder(new SeenCoder())
            .apply("Find null fields", Combine.globally(new NullFieldsFn(fields)))
            .setCoder(ListCoder.of(StringUtf8Coder.of()));
    PCollectionView<List<String>> view =
        nullFields.apply("As side input", View.<List<String>>asSingleton());
    return new Result(input, nullFields, view);
  }

  /**
   * The schema without the fields at {@code paths} (Glue dotted paths); a struct left without
   * fields is dropped too. Throws {@link IllegalArgumentException} naming a path that is not a
   * field of the schema, or that goes through something other than a struct.
   */
  public static Schema prune(Schema schema, Collection<String> paths) {
    if (paths.isEmpty()) {
      return schema;
    }
    List<List<String>> parsed = new ArrayList<>();
    for (String path : paths) {
      FieldPath fieldPath = FieldPath.parse(path);
      fieldPath.resolveType(schema); // throws with the path and the fields there
      parsed.add(fieldPath.segments());
    }
    return pruneSegments(schema, parsed);
  }

  private static Schema pruneSegments(Schema schema, List<List<String>> paths) {
    Set<String> dropped = new HashSet<>();
    Map<String, List<List<String>>> nested = new HashMap<>();
    for (List<String> path : paths) {
      if (path.size() == 1) {
        dropped.add(path.get(0));
      } else {
        nested.computeIfAbsent(path.get(0), k -> new ArrayList<>()).add(path.subList(1, path.size()));
      }
    }
    Schema.Builder builder = Schema.builder().setOptions(schema.getOptions());
    for (Field field : schema.getFields()) {
      if (dropped.contains(field.getName())) {
        continue;
      }
      List<List<String>> below = nested.get(field.getName());
      if (below == null) {
        builder.addField(field);
        continue;
      }
      Schema inner = pruneSegments(field.getType().getRowSchema(), below);
      if (inner.getFieldCount() > 0) {
        builder.addField(
            field.withType(Schema.FieldType.row(inner).withNullable(field.getType().getNullable())));
      }
    }
    return builder.build();
  }

  /**
   * A row of {@code prunedSchema} (a {@link #prune(Schema, Collection)} of the row's schema) with
   * the values of the fields that remain, nested structs included. To prune many rows, make one
   * {@link Pruner} and reuse it.
   */
  public static Row prune(Row row, Schema prunedSchema) {
    return new Pruner(row.getSchema(), prunedSchema).apply(row);
  }

  /**
   * Copies rows of one schema into a pruned version of it: which field comes from where is worked
   * out once, so pruning a row costs no lookup by name and no schema comparison.
   *
   * <p>{@code Pruner pruner = new Pruner(schema, DropNullFields.prune(schema, paths));}
   */
  public static final class Pruner implements Serializable {
    private final Schema pruned;
    private final boolean unchanged;
    private final int[] sourceIndex;
    private final Pruner[] nested;

    public Pruner(Schema source, Schema pruned) {
      this.pruned = pruned;
      this.unchanged = source.equals(pruned);
      int count = pruned.getFieldCount();
      this.sourceIndex = new int[count];
      this.nested = new Pruner[count];
      for (int i = 0; i < count; i++) {
        Field field = pruned.getField(i);
        sourceIndex[i] = source.indexOf(field.getName());
        if (field.getType().getTypeName() == TypeName.ROW) {
          Pruner inner =
              new Pruner(
                  source.getField(sourceIndex[i]).getType().getRowSchema(),
                  field.getType().getRowSchema());
          nested[i] = inner.unchanged ? null : inner;
        }
      }
    }

    public Row apply(Row row) {
      if (unchanged) {
        return row;
      }
      List<Object> values = new ArrayList<>(sourceIndex.length);
      for (int i = 0; i < sourceIndex.length; i++) {
        Object value = row.getValue(sourceIndex[i]);
        values.add(value != null && nested[i] != null ? nested[i].apply((Row) value) : value);
      }
      return Row.withSchema(pruned).attachValues(values);
    }
  }

  /** The outputs: the rows, unchanged, and the sorted list of the paths of the null fields. */
  public static final class Result implements POutput {
    public static final TupleTag<List<String>> NULL_FIELDS = new TupleTag<List<String>>("nullFields") {};

    private final PCollection<Row> rows;
    private final PCollection<List<String>> nullFields;
    private final PCollectionView<List<String>> nullFieldsView;

    private Result(
        PCollection<Row> rows,
        PCollection<List<String>> nullFields,
        PCollectionView<List<String>> nullFieldsView) {
      this.rows = rows;
      this.nullFields = nullFields;
      this.nullFieldsView = nullFieldsView;
    }

    /** The input rows, unchanged, with the input schema. */
    public PCollection<Row> rows() {
      return rows;
    }

    /** Exactly one element: the sorted paths of the dropped fields. */
    public PCollection<List<String>> nullFields() {
      return nullFields;
    }

    /** {@link #nullFields()} as a singleton side input. */
    public PCollectionView<List<String>> nullFieldsView() {
      return nullFieldsView;
    }

    @Override
    public Pipeline getPipeline() {
      return nullFields.getPipeline();
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Collections.singletonMap(NULL_FIELDS, nullFields);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }

  /** A field of the schema that can be dropped: its path, its bit, and its fields if a struct. */
  static final class PathNode implements Serializable {
    final String path;
    final int bit;
    final List<PathNode> children; // null unless a struct

    private PathNode(String path, int bit, List<PathNode> children) {
      this.path = path;
      this.bit = bit;
      this.children = children;
    }

    static List<PathNode> forSchema(Schema schema) {
      return nodes(schema, null, new int[] {0});
    }

    private static List<PathNode> nodes(Schema schema, FieldPath parent, int[] nextBit) {
      List<PathNode> nodes = new ArrayList<>();
      for (Field field : schema.getFields()) {
        FieldPath path = parent == null ? FieldPath.ofName(field.getName()) : parent.child(field.getName());
        int bit = nextBit[0]++;
        List<PathNode> children =
            field.getType().getTypeName() == TypeName.ROW
                ? nodes(field.getType().getRowSchema(), path, nextBit)
                : null;
        nodes.add(new PathNode(path.toString(), bit, children));
      }
      return nodes;
    }
  }

  /** Which fields were seen non-null, and in how many records. */
  static final class Seen {
    long records;
    BitSet nonNull = new BitSet();
  }

  /** Marks the fields each row holds a value in; one {@link Seen} per bundle. */
  static final class SeenPerBundleFn extends DoFn<Row, Seen> {
    private final List<PathNode> fields;
    private transient Seen seen;

    SeenPerBundleFn(List<PathNode> fields) {
      this.fields = fields;
    }

    @StartBundle
    public void startBundle() {
      seen = new Seen();
    }

    @ProcessElement
    public void process(@Element Row row) {
      seen.records++;
      mark(row, fields, seen.nonNull);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      if (seen.records > 0) {
        context.output(seen, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
    }

    private static void mark(Row row, List<PathNode> nodes, BitSet nonNull) {
      for (int i = 0; i < nodes.size(); i++) {
        Object value = row.getValue(i);
        if (value != null) {
          PathNode node = nodes.get(i);
          nonNull.set(node.bit);
          if (node.children != null) {
            mark((Row) value, node.children, nonNull);
          }
        }
      }
    }
  }

  /** Merges what the bundles saw into the sorted paths of the fields null in every record. */
  static final class NullFieldsFn extends Combine.CombineFn<Seen, Seen, List<String>> {
    private final List<PathNode> fields;

    NullFieldsFn(List<PathNode> fields) {
      this.fields = fields;
    }

    @Override
    public Seen createAccumulator() {
      return new Seen();
    }

    @Override
    public Seen addInput(Seen accumulator, Seen bundle) {
      accumulator.records += bundle.records;
      accumulator.nonNull.or(bundle.nonNull);
      return accumulator;
    }

    @Override
    public Seen mergeAccumulators(Iterable<Seen> accumulators) {
      Seen merged = new Seen();
      for (Seen seen : accumulators) {
        merged.records += seen.records;
        merged.nonNull.or(seen.nonNull);
      }
      return merged;
    }

    @Override
    public List<String> extractOutput(Seen seen) {
      List<String> dropped = new ArrayList<>();
      if (seen.records > 0) {
        collect(fields, seen.nonNull, dropped);
      }
      Collections.sort(dropped);
      return dropped;
    }

    /** Adds the dropped paths under {@code nodes}; returns whether all of them were dropped. */
    private static boolean collect(List<PathNode> nodes, BitSet nonNull, List<String> dropped) {
      boolean all = true;
      for (PathNode node : nodes) {
        if (!nonNull.get(node.bit)) {
          dropped.add(node.path);
        } else if (node.children != null && !node.children.isEmpty()) {
          List<String> below = new ArrayList<>();
          if (collect(node.children, nonNull, below)) {
            dropped.add(node.path);
          } else {
            dropped.addAll(below);
            all = false;
          }
        } else {
          all = false;
        }
      }
      return all;
    }

    @Override
    public Coder<Seen> getAccumulatorCoder(CoderRegistry registry, Coder<Seen> inputCoder) {
      return new SeenCoder();
    }
  }

  static final class SeenCoder extends CustomCoder<Seen> {
    @Override
    public void encode(Seen value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.records, out);
      ByteArrayCoder.of().encode(value.nonNull.toByteArray(), out);
    }

    @Override
    public Seen decode(InputStream in) throws IOException {
      Seen seen = new Seen();
      seen.records = VarLongCoder.of().decode(in);
      seen.nonNull = BitSet.valueOf(ByteArrayCoder.of().decode(in));
      return seen;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
