package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.schema.FieldPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Glue's Relationalize: turns nested records into flat tables linked by join keys, one table for
 * the records and one for each array, named as Glue names them.
 *
 * <p>{@code Relationalize.Tables t = events.apply(Relationalize.root("events"));
 * PCollection<Row> commits = t.table("events_payload.commits");}
 *
 * <p>The rules, on an input with {@code actor: struct<login>} and {@code payload:
 * struct<commits: array<struct<sha, files: array<string>>>>}:
 *
 * <ul>
 *   <li>The root table takes the given name ({@code events}). Structs are flattened into columns
 *       named by their dotted path ({@code actor.login}). A field name that holds a dot keeps it:
 *       field {@code b.c} of struct {@code a} becomes the column {@code a.b.c}; when that makes
 *       two columns (or tables) of one name, the transform refuses when it is applied.
 *   <li>Each array becomes a child table named {@code <root>_<path>}, {@code <path>} being the
 *       array's column in its parent ({@code events_payload.commits}); the parent's column holds
 *       a BIGINT join key. The child's columns are {@code id} (that key), {@code index} (the
 *       element's position, from 0), then {@code <path>.val} for a scalar element or {@code
 *       <path>.val.<field>} for the fields of a struct element, flattened the same way.
 *   <li>Arrays inside elements recurse: {@code payload.commits.val.files} is a column of {@code
 *       events_payload.commits} holding keys into {@code events_payload.commits.val.files}; an
 *       array of arrays makes {@code <root>_<path>.val}.
 *   <li>A null or empty array makes no child rows and keeps the parent row; the parent's column
 *       is null for a null array and holds the key for an empty one (a join finds no child). A
 *       null struct makes all of its columns null. A map cannot be flattened without knowing its
 *       keys, so a map column is kept as it is. A choice cannot be flattened either: run {@link
 *       ResolveChoice} first; the transform refuses one when it is applied. Every column is
 *       nullable.
 * </ul>
 *
 * <p>Join keys are deterministic, the same on every runner and rerun: a 63-bit MurmurHash3 of the
 * child table's name and, for an array of a root record, the record's content in a canonical
 * byte form ({@link RelationalizeKeys}), or for an array inside an element, the element's {@code
 * id} and {@code index}. So two identical root records share their keys, and joining their
 * children back gives each of them the children of both; {@link #withIdFrom(String)} derives the
 * keys from a field that identifies a record instead, which is also cheaper than hashing a whole
 * record. Records are counted in the root table or in {@link Tables#errors()}: with {@code
 * withIdFrom}, a record whose id is null goes there.
 */
public final class Relationalize extends PTransform<PCollection<Row>, Relationalize.Tables> {

  /** The step name in error records. */
  public static final String STEP = "Relationalize";

  private final String rootName;
  private final String idField;

  private Relationalize(String rootName, String idField) {
    this.rootName = rootName;
    this.idField = idField;
  }

  /** Relationalizes records into a root table with the given name and its child tables. */
  public static Relationalize root(String rootName) {
    if (rootName == null || rootName.isEmpty()) {
      throw new IllegalArgumentException("Relationalize needs a root table name.");
    }
    return new Relationalize(rootName, null);
  }

  /**
   * Derives the join keys of a root record from the field at {@code fieldPath} (a Glue path such
   * as {@code id} or {@code meta.`event.id`}), which must be unique per record, instead of from
   * the record's whole content.
   */
  public Relationalize withIdFrom(String fieldPath) {
    FieldPath.parse(fieldPath); // throws when malformed
    return new Relationalize(rootName, fieldPath);
  }

  public String getRootName() {
    return rootName;
  }

  @Override
  public Tables expand(PCollection<Row> input) {
    RelationalizePlan plan = RelationalizePlan.of(rootName, input.getSchema());
    int[] idIndices = null;
    FieldType idType = null;
    if (idField != null) {
      FieldPath path = FieldPath.parse(idField);
      idType = path.resolveType(input.getSchema()); // throws with the path and the fields there
      idIndices = path.indicesIn(input.getSchema());
    }
    List<RelationalizePlan.Table> tables = plan.tables();
    List<TupleTag<?>> others = new ArrayList<>();
    for (int i = 1; i < tables.size(); i++) {
      others.add(tables.get(i).tag);
    }
    others.add(Tables.ERRORS);
    PCollectionTuple outputs =
        input.apply(
            "Walk records",
            ParDo.of(new WalkFn(plan, idIndices, idType))
                .withOutputTags(tables.get(0).tag, TupleTagList.of(others)));
    Map<String, PCollection<Row>> byName = new LinkedHashMap<>();
    Map<TupleTag<?>, PValue> byTag = new LinkedHashMap<>();
    for (RelationalizePlan.Table table : tables) {
      PCollection<Row> rows = outputs.get(table.tag).setRowSchema(table.schema);
      byName.put(table.name, rows);
      byTag.put(table.tag, rows);
    }
    PCollection<Row> errors = outputs.get(Tables.ERRORS).setRowSchema(ErrorRecords.SCHEMA);
    byTag.put(Tables.ERRORS, errors);
    return new Tables(input.getPipeline(), byName, errors, byTag);
  }

  /**
   * The output: the tables by name, the root first, each table after its parent and children in
   * schema order; and the records that could not be walked.
   */
  public static final class Tables implements POutput {
    public static final TupleTag<Row> ERRORS = new TupleTag<>("relationalizeErrors");

    private final Pipeline pipeline;
    private final Map<String, PCollection<Row>> tables;
    private final PCollection<Row> errors;
    private final Map<TupleTag<?>, PValue> expanded;

    private Tables(
        Pipeline pipeline,
        Map<String, PCollection<Row>> tables,
        PCollection<Row> errors,
        Map<TupleTag<?>, PValue> expanded) {
      this.pipeline = pipeline;
      this.tables = Collections.unmodifiableMap(tables);
      this.errors = errors;
      this.expanded = Collections.unmodifiableMap(expanded);
    }

    /** The table names: the root first, then each child table after its parent. */
    public List<String> names() {
      return List.copyOf(tables.keySet());
    }

    /** The table of that name; throws {@link IllegalArgumentException} listing the names. */
    public PCollection<Row> table(String name) {
      PCollection<Row> table = tables.get(name);
      if (table == null) {
        throw new IllegalArgumentException(
            "Relationalize made no table '" + name + "'; the tables are " + names() + ".");
      }
      return table;
    }

    /** Every table by name, in the order of {@link #names()}. */
    public Map<String, PCollection<Row>> all() {
      return tables;
    }

    /** The {@link ErrorRecords} of the records that could not be walked; usually empty. */
    public PCollection<Row> errors() {
      return errors;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return expanded;
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }

  /**
   * Walks each record once into rows of every table. A record's rows are sent only when the whole
   * record walked, so a record lands either in the tables or in the errors.
   */
  private static final class WalkFn extends DoFn<Row, Row> {
    private final RelationalizePlan plan;
    private final int[] idIndices;
    private final FieldType idType;
    private transient RecordWalk walk;

    WalkFn(RelationalizePlan plan, int[] idIndices, FieldType idType) {
      this.plan = plan;
      this.idIndices = idIndices;
      this.idType = idType;
    }

    @Setup
    public void setup() {
      walk = new RecordWalk(plan.tables());
    }

    @ProcessElement
    public void process(@Element Row record, MultiOutputReceiver out) {
      List<RelationalizePlan.Table> tables = plan.tables();
      walk.start(record);
      Object[] values = new Object[tables.get(0).schema.getFieldCount()];
      try {
        if (idIndices != null) {
          Object id = FieldPath.valueAt(record, idIndices);
          if (id == null) {
            throw new IllegalStateException("its id field is null, so it has no join key");
          }
          walk.seed = RelationalizeKeys.idDigest(idType, id);
        }
        plan.walk(record, values, walk);
      } catch (RuntimeException e) {
        walk.pending.clear();
        String reason = "Relationalize cannot walk the record: " + e.getMessage() + ".";
        out.get(Tables.ERRORS).output(ErrorRecords.forRow(STEP, reason, record));
        return;
      }
      walk.emit(0, values);
      for (RecordWalk.Pending row : walk.pending) {
        RelationalizePlan.Table table = tables.get(row.table);
        Row output = Row.withSchema(table.schema).attachValues(Arrays.asList(row.values));
        out.get(table.tag).output(output);
      }
      walk.pending.clear();
    }
  }

  /** The walk of one record: its digest, the element being walked, and the rows made so far. */
  private static final class RecordWalk implements RelationalizePlan.Walk {
    static final class Pending {
      final int table;
      final Object[] values;

      Pending(int table, Object[] values) {
        this.table = table;
        this.values = values;
      }
    }

    private final byte[][] names;
    final List<Pending> pending = new ArrayList<>();
    private final List<long[]> elements = new ArrayList<>();
    private Row record;
    long[] seed;

    RecordWalk(List<RelationalizePlan.Table> tables) {
      names = new byte[tables.size()][];
      for (int i = 0; i < names.length; i++) {
        names[i] = tables.get(i).nameBytes;
      }
    }

    void start(Row record) {
      this.record = record;
      this.seed = null;
      this.elements.clear();
      this.pending.clear();
    }

    @Override
    public long key(int table) {
      if (!elements.isEmpty()) {
        long[] element = elements.get(elements.size() - 1);
        return RelationalizeKeys.key(names[table], element[0], element[1]);
      }
      if (seed == null) {
        seed = RelationalizeKeys.contentDigest(record);
      }
      return RelationalizeKeys.key(names[table], seed[0], seed[1]);
    }

    @Override
    public void enter(long key, int index) {
      elements.add(new long[] {key, index});
    }

    @Override
    public void leave() {
      elements.remove(elements.size() - 1);
    }

    @Override
    public void emit(int table, Object[] values) {
      pending.add(new Pending(table, values));
    }
  }
}
