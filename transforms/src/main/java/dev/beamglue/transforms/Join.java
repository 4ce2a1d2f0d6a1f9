package dev.beamglue.transforms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Glue's Join: the equi-join of two frames on lists of key columns, inner by default, or left,
 * right or full outer.
 *
 * <p>{@code Join.frames(people, zips).apply(Join.inner(List.of("zip"), List.of("zipcode")))}
 *
 * <p>Keys are Glue paths ({@code address.zip}); the two lists pair up by position. Key columns of
 * different types are compared after a coercion that loses no value: byte, short, int and long as
 * longs; an integer, float, double or decimal with a float, double or decimal as exact decimal
 * numbers, a float or double read as its shortest decimal text ({@code 3} matches {@code 3.0}, the
 * double {@code 0.1} matches the decimal {@code 0.10}; NaN matches NaN, as in Spark); an integer
 * with a string as the integer's canonical decimal text against the string as it is ({@code 11236}
 * matches {@code "11236"}, not {@code "011236"} nor {@code " 11236"}); a date with a timestamp as
 * the timestamp at the date's midnight UTC. Strings, booleans and binaries match their own kind.
 * Other pairs (boolean with date, a struct, an array, a choice...) fail when the pipeline is
 * built, naming both columns and their types. A null key column matches nothing,
 * as in SQL: an inner join drops such a record, an outer join keeps it with nulls for the other
 * side. Several records with one key on both sides produce every pair.
 *
 * <p>The output has every field of the left frame, then every field of the right frame, key
 * columns included. A right field whose name a left field has is renamed {@code <name>_right};
 * if that name is taken too (by either frame, or an earlier rename), {@code <name>_right2}, then
 * {@code _right3}... The side an outer join may leave empty has all its top-level fields nullable.
 */
public final class Join extends PTransform<PCollectionTuple, PCollection<Row>> {

  /** The tag of the left frame in the input tuple. */
  public static final TupleTag<Row> LEFT = new TupleTag<>("left");

  /** The tag of the right frame in the input tuple. */
  public static final TupleTag<Row> RIGHT = new TupleTag<>("right");

  /** The suffix a colliding right field name takes. */
  public static final String RIGHT_SUFFIX = "_right";

  /** The step name in messages. */
  public static final String STEP = "Join";

  /** Which unmatched records a join keeps. */
  public enum Kind {
    INNER(false, false),
    LEFT_OUTER(true, false),
    RIGHT_OUTER(false, true),
    FULL_OUTER(true, true);

    final boolean keepsLeft;
    final boolean keepsRight;

    Kind(boolean keepsLeft, boolean keepsRight) {
      this.keepsLeft = keepsLeft;
      this.keepsRight = keepsRight;
    }
  }

  private final Kind kind;
  private final List<String> leftKeys;
  private final List<String> rightKeys;

  private Join(Kind kind, List<String> leftKeys, List<String> rightKeys) {
    JoinKeys.checkKeys(STEP, leftKeys, rightKeys);
    this.kind = kind;
    this.leftKeys = List.copyOf(leftKeys);
    this.rightKeys = List.copyOf(rightKeys);
  }

  /** The input of a join: {@code left} under {@link #LEFT}, {@code right} under {@link #RIGHT}. */
  public static PCollectionTuple frames(PCollection<Row> left, PCollection<Row> right) {
    return PCollectionTuple.of(LEFT, left).and(RIGHT, right);
  }

  /** The records whose keys match on both sides. */
  public static Join inner(List<String> leftKeys, List<String> rightKeys) {
    return new Join(Kind.INNER, leftKeys, rightKeys);
  }

  /** The inner join on one key column a side. */
  public static Join inner(String leftKey, String rightKey) {
    return inner(List.of(leftKey), List.of(rightKey));
  }

  /** The matches, and every left record without one, with nulls for the right side. */
  public static Join left(List<String> leftKeys, List<String> rightKeys) {
    return new Join(Kind.LEFT_OUTER, leftKeys, rightKeys);
  }

  /** The matches, and every right record without one, with nulls for the left side. */
  public static Join right(List<String> leftKeys, List<String> rightKeys) {
    return new Join(Kind.RIGHT_OUTER, leftKeys, rightKeys);
  }

  /** The matches, and every record of either side without one. */
  public static Join fullOuter(List<String> leftKeys, List<String> rightKeys) {
    return new Join(Kind.FULL_OUTER, leftKeys, rightKeys);
  }

  /** The same keys with another kind of join. */
  public Join withKind(Kind kind) {
    return new Join(kind, leftKeys, rightKeys);
  }

  public Kind getKind() {
    return kind;
  }

  /**
   * The output schema of a join of {@code left} and {@code right}: the left fields, then the right
   * ones renamed where they collide, nullable on a side the join may leave empty.
   */
  public static Schema outputSchema(Schema left, Schema right, Kind kind) {
    Set<String> taken = new HashSet<>(left.getFieldNames());
    taken.addAll(right.getFieldNames());
    Schema.Builder out = Schema.builder();
    for (Field field : left.getFields()) {
      out.addField(kind.keepsRight ? field.withNullable(true) : field);
    }
    for (Field field : right.getFields()) {
      String name = field.getName();
      if (left.hasField(name)) {
        name = name + RIGHT_SUFFIX;
        for (int n = 2; taken.contains(name); n++) {
          name = field.getName() + RIGHT_SUFFIX + n;
        }
        taken.add(name);
      }
      Field renamed = field.withName(name);
      out.addField(kind.keepsLeft ? renamed.withNullable(true) : renamed);
    }
    return out.build();
  }

  @Override
  public PCollection<Row> expand(PCollectionTuple input) {
    if (!input.has(LEFT) || !input.has(RIGHT)) {
      throw new IllegalArgumentException(
          "Join needs a left and a right frame: apply it to Join.frames(left, right).");
    }
    PCollection<Row> left = input.get(LEFT);
    PCollection<Row> right = input.get(RIGHT);
    Schema leftSchema = left.getSchema();
    Schema rightSchema = right.getSchema();
    JoinKeys keys =
        JoinKeys.plan(STEP, "left", leftSchema, leftKeys, "right", rightSchema, rightKeys);
    Schema output = outputSchema(leftSchema, rightSchema, kind);
    int leftWidth = leftSchema.getFieldCount();
    int rightWidth = rightSchema.getFieldCount();

    JoinKeys.Keyed l = JoinKeys.key(left, "KeyLeft", keys.left(), keys.keySchema());
    JoinKeys.Keyed r = JoinKeys.key(right, "KeyRight", keys.right(), keys.keySchema());
    List<PCollection<Row>> parts = new ArrayList<>();
    parts.add(
        KeyedPCollectionTuple.of(LEFT, l.keyed)
            .and(RIGHT, r.keyed)
            .apply("Group", CoGroupByKey.create())
            .apply("Pair", ParDo.of(new PairFn(kind, output, leftWidth, rightWidth)))
            .setRowSchema(output));
    if (kind.keepsLeft) {
      parts.add(
          l.unkeyed
              .apply("UnmatchedLeft", ParDo.of(new PadFn(output, true, leftWidth, rightWidth)))
              .setRowSchema(output));
    }
    if (kind.keepsRight) {
      parts.add(
          r.unkeyed
              .apply("UnmatchedRight", ParDo.of(new PadFn(output, false, leftWidth, rightWidth)))
              .setRowSchema(output));
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return PCollectionList.of(parts).apply("Together", Flatten.pCollections());
  }

  /** One output row: the left values (or nulls), then the right values (or nulls). */
  static Row joined(Schema output, Row left, int leftWidth, Row right, int rightWidth) {
    List<Object> values = new ArrayList<>(leftWidth + rightWidth);
    for (int i = 0; i < leftWidth; i++) {
      values.add(left == null ? null : left.getValue(i));
    }
    for (int i = 0; i < rightWidth; i++) {
      values.add(right == null ? null : right.getValue(i));
    }
    return Row.withSchema(output).attachValues(values);
  }

  private static final class PairFn extends DoFn<KV<Row, CoGbkResult>, Row> {
    private final Kind kind;
    private final Schema output;
    private final int leftWidth;
    private final int rightWidth;

    PairFn(Kind kind, Schema output, int leftWidth, int rightWidth) {
      this.kind = kind;
      this.output = output;
      this.leftWidth = leftWidth;
      this.rightWidth = rightWidth;
    }

    @ProcessElement
    public void process(@Element KV<Row, CoGbkResult> group, OutputReceiver<Row> out) {
      List<Row> rights = new ArrayList<>();
      group.getValue().getAll(RIGHT).forEach(rights::add);
      boolean anyLeft = false;
      for (Row left : group.getValue().getAll(LEFT)) {
        anyLeft = true;
        if (rights.isEmpty()) {
          if (kind.keepsLeft) {
            out.output(joined(output, left, leftWidth, null, rightWidth));
          }
          continue;
        }
        for (Row right : rights) {
          out.output(joined(output, left, leftWidth, right, rightWidth));
        }
      }
      if (!anyLeft && kind.keepsRight) {
        for (Row right : rights) {
          out.output(joined(output, null, leftWidth, right, rightWidth));
        }
      }
    }
  }

  /** Emits records without a key, which match nothing, with nulls for the other side. */
  private static final class PadFn extends DoFn<Row, Row> {
    private final Schema output;
    private final boolean isLeft;
    private final int leftWidth;
    private final int rightWidth;

    PadFn(Schema output, boolean isLeft, int leftWidth, int rightWidth) {
      this.output = output;
      this.isLeft = isLeft;
      this.leftWidth = leftWidth;
      this.rightWidth = rightWidth;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      out.output(
          isLeft
              ? joined(output, row, leftWidth, null, rightWidth)
              : joined(output, null, leftWidth, row, rightWidth));
    }
  }
}
