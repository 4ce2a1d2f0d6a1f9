package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's Unnest: flattens every struct, at any depth, into top-level columns named by the names
 * on the way joined with dots, as Glue names them: {@code actor: struct<login, id>} becomes the
 * columns {@code actor.login} and {@code actor.id}, in place.
 *
 * <p>{@code rows.apply(Unnest.create()) // id, actor.login, actor.id, payload.commits}
 *
 * <p>Arrays and maps are kept as they are, structs inside them included (Relationalize turns
 * arrays into tables). A column inside a nullable struct becomes nullable, and is null when the
 * struct is; a struct without fields leaves no column. A column name is the plain join of the
 * names, without backticks: a nested field named {@code first.name} in {@code user} becomes the
 * column {@code user.first.name}. When two columns would get the same name (a top-level field
 * named {@code actor.login} next to a struct {@code actor} with a field {@code login}), applying
 * the transform fails naming both.
 */
public final class Unnest extends PTransform<PCollection<Row>, PCollection<Row>> {

  private Unnest() {}

  public static Unnest create() {
    return new Unnest();
  }

  /** The flattened schema; throws when two columns would share a name. */
  public static Schema outputSchema(Schema input) {
    return new Plan(input).schema;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Plan plan = new Plan(input.getSchema());
    return input.apply("Unnest", ParDo.of(new UnnestFn(plan))).setRowSchema(plan.schema);
  }

  /** The output columns, each with the positions of its field, level by level. */
  private static final class Plan implements Serializable {
    private final Schema schema;
    private final int[][] indices;

    Plan(Schema input) {
      Schema.Builder builder = Schema.builder();
      List<int[]> paths = new ArrayList<>();
      Map<String, String> origins = new HashMap<>();
      add(input, "", "", new int[0], false, builder, paths, origins);
      this.schema = builder.build();
      this.indices = paths.toArray(new int[0][]);
    }

    private static void add(
        Schema level,
        String prefix,
        String origin,
        int[] at,
        boolean nullableAbove,
        Schema.Builder builder,
        List<int[]> paths,
        Map<String, String> origins) {
      for (int i = 0; i < level.getFieldCount(); i++) {
        Field field = level.getField(i);
        String name = prefix + field.getName();
        String shown =
            origin + (origin.isEmpty() ? "" : ".")
                + (field.getName().contains(".") ? "`" + field.getName() + "`" : field.getName());
        int[] path = Arrays.copyOf(at, at.length + 1);
        path[at.length] = i;
        FieldType type = field.getType();
        if (type.getTypeName() == TypeName.ROW) {
          add(type.getRowSchema(), name + ".", shown, path, nullableAbove || type.getNullable(),
              builder, paths, origins);
          continue;
        }
        String other = origins.put(name, shown);
        if (other != null) {
          throw new IllegalArgumentException(
              "Unnest would name two columns '" + name + "': the fields '" + other + "' and '"
                  + shown + "'; rename one first.");
        }
        builder.addField(
            field.withName(name).withType(nullableAbove ? type.withNullable(true) : type));
        paths.add(path);
      }
    }
  }

  private static final class UnnestFn extends DoFn<Row, Row> {
    private final Schema schema;
    private final int[][] indices;

    UnnestFn(Plan plan) {
      this.schema = plan.schema;
      this.indices = plan.indices;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      List<Object> values = new ArrayList<>(indices.length);
      for (int[] path : indices) {
        values.add(FieldPath.valueAt(row, path));
      }
      out.output(Row.withSchema(schema).attachValues(values));
    }
  }
}
