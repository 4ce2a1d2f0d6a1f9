package dev.beamglue.transforms;

import dev.beamglue.transforms.ResolveChoice.Action;
import dev.beamglue.transforms.schema.CastFailure;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import dev.beamglue.transforms.schema.ValueCasts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.values.Row;

/**
 * How {@link ResolveChoice} rewrites a schema and its rows: a tree of plans that mirrors the parts
 * of the schema that hold a choice to resolve, computed once when the transform is applied.
 *
 * <p>{@code ChoicePlan.RowPlan plan = ChoicePlan.plan(schema, Action.parse("make_struct"), Map.of());}
 */
final class ChoicePlan {

  private ChoicePlan() {}

  /** Plans the resolution of {@code input}; throws when a spec names no choice of the schema. */
  static RowPlan plan(Schema input, Action defaultAction, Map<FieldPath, Action> specs) {
    Planner planner = new Planner(defaultAction, specs);
    RowPlan plan = planner.row(input, null);
    for (FieldPath spec : specs.keySet()) {
      if (!planner.used.contains(spec)) {
        spec.resolveType(input);
        throw new IllegalArgumentException(
            "Field '" + spec + "' is not a field ResolveChoice can reach: it is inside a map or a choice.");
      }
    }
    return plan;
  }

  /** A conversion of one non-null value. */
  abstract static class ValuePlan implements Serializable {
    abstract FieldType outputType();

    abstract Object apply(Object value, RowConversion.Problems problems);
  }

  private static final class Planner {
    private final Action defaultAction;
    private final Map<FieldPath, Action> specs;
    private final Set<FieldPath> used = new HashSet<>();

    Planner(Action defaultAction, Map<FieldPath, Action> specs) {
      this.defaultAction = defaultAction;
      this.specs = specs;
    }

    /** The plan for a struct, or null when nothing in it changes. */
    RowPlan row(Schema schema, FieldPath at) {
      List<FieldStep> steps = new ArrayList<>();
      Schema.Builder out = Schema.builder();
      Set<String> names = new HashSet<>();
      boolean changed = false;
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Field field = schema.getField(i);
        FieldPath path = at == null ? FieldPath.ofName(field.getName()) : at.child(field.getName());
        Action action = actionFor(path, field.getType(), false);
        if (action != null && action.kind == Action.Kind.MAKE_COLS) {
          Map<String, FieldType> cases = GlueTypes.choiceCases(field.getType());
          for (Map.Entry<String, FieldType> option : cases.entrySet()) {
            addField(out, names, path, field.getName() + "_" + option.getKey(),
                option.getValue().withNullable(true));
          }
          steps.add(new FieldStep(i, null, new ArrayList<>(cases.keySet())));
          changed = true;
          continue;
        }
        ValuePlan plan =
            action != null ? resolve(field.getType(), path, action) : nested(field.getType(), path);
        addField(out, names, path, field.getName(), plan == null ? field.getType() : plan.outputType());
        steps.add(new FieldStep(i, plan, null));
        changed |= plan != null;
      }
      return changed || at == null ? new RowPlan(out.build(), steps) : null;
    }

    private static void addField(
        Schema.Builder out, Set<String> names, FieldPath path, String name, FieldType type) {
      if (!names.add(name)) {
        throw new IllegalArgumentException(
            "ResolveChoice cannot make column '" + name + "' for '" + path
                + "': the struct already has a field of that name; rename it first.");
      }
      out.addField(Field.of(name, type));
    }

    /** The action for the field at {@code path}, or null to leave it; checks it is a choice. */
    private Action actionFor(FieldPath path, FieldType type, boolean arrayElement) {
      Action action = specs.get(path);
      if (action != null) {
        used.add(path);
        if (!GlueTypes.isChoice(type)) {
          throw new IllegalArgumentException(
              "Field '" + path + "' is " + GlueTypes.describe(type)
                  + ", not a choice; ResolveChoice resolves only choice fields.");
        }
      } else if (defaultAction != null && GlueTypes.isChoice(type)) {
        action = defaultAction;
      }
      if (action != null && arrayElement && action.kind == Action.Kind.MAKE_COLS) {
        throw new IllegalArgumentException(
            "ResolveChoice cannot make_cols for '" + path
                + "', the elements of an array; use make_struct, cast or project there.");
      }
      return action;
    }

    /** The plan for a field holding structs or arrays with choices inside, or null. */
    private ValuePlan nested(FieldType type, FieldPath path) {
      if (type.getTypeName() == TypeName.ROW) {
        RowPlan plan = row(type.getRowSchema(), path);
        return plan == null ? null : new StructPlan(plan, type.getNullable());
      }
      if (type.getTypeName() == TypeName.ARRAY || type.getTypeName() == TypeName.ITERABLE) {
        FieldType element = type.getCollectionElementType();
        FieldPath elements =
            path.isNested()
                ? path.parent().child(path.leaf() + "[]")
                : FieldPath.ofName(path.leaf() + "[]");
        Action action = actionFor(elements, element, true);
        ValuePlan plan = action != null ? resolve(element, elements, action) : nested(element, elements);
        return plan == null ? null : new ArrayPlan(plan, type);
      }
      return null;
    }

    private ValuePlan resolve(FieldType choice, FieldPath path, Action action) {
      switch (action.kind) {
        case CAST:
          return new CastPlan(choice, action.type, path.toString());
        case PROJECT:
          String kept = null;
          for (Map.Entry<String, FieldType> option : GlueTypes.choiceCases(choice).entrySet()) {
            if (ValueCasts.sameType(option.getValue(), action.type)) {
              kept = option.getKey();
            }
          }
          if (kept == null) {
            throw new IllegalArgumentException(
                "ResolveChoice cannot " + action + " field '" + path + "': it is "
                    + GlueTypes.describe(choice) + "; project to one of its types, or cast.");
          }
          return new ProjectPlan(choice, kept, action.type);
        case MAKE_STRUCT:
          Schema.Builder struct = Schema.builder();
          for (Map.Entry<String, FieldType> option : GlueTypes.choiceCases(choice).entrySet()) {
            struct.addField(Field.of(option.getKey(), option.getValue().withNullable(true)));
          }
          return new MakeStructPlan(choice, struct.build());
        default:
          throw new IllegalStateException("make_cols is planned by the struct that holds it");
      }
    }
  }

  /** How one input field becomes output fields: copied, converted, or split by case. */
  private static final class FieldStep implements Serializable {
    final int index;
    final ValuePlan plan;
    final List<String> columnsByCase;

    FieldStep(int index, ValuePlan plan, List<String> columnsByCase) {
      this.index = index;
      this.plan = plan;
      this.columnsByCase = columnsByCase;
    }
  }

  /** The plan of a struct, and of the whole record. */
  static final class RowPlan extends ValuePlan implements RowConversion.Converter {
    private final Schema schema;
    private final List<FieldStep> steps;

    RowPlan(Schema schema, List<FieldStep> steps) {
      this.schema = schema;
      this.steps = steps;
    }

    Schema outputSchema() {
      return schema;
    }

    @Override
    FieldType outputType() {
      return FieldType.row(schema);
    }

    @Override
    Object apply(Object value, RowConversion.Problems problems) {
      return convert((Row) value, problems);
    }

    @Override
    public Row convert(Row input, RowConversion.Problems problems) {
      List<Object> values = new ArrayList<>(schema.getFieldCount());
      for (FieldStep step : steps) {
        Object value = input.getValue(step.index);
        if (step.columnsByCase != null) {
          String held = value == null ? null : caseOf(input.getSchema().getField(step.index).getType(),
              (OneOfType.Value) value);
          for (String option : step.columnsByCase) {
            values.add(option.equals(held) ? ((OneOfType.Value) value).getValue() : null);
          }
        } else if (step.plan == null || value == null) {
          values.add(value);
        } else {
          values.add(step.plan.apply(value, problems));
        }
      }
      return Row.withSchema(schema).attachValues(values);
    }
  }

  private static String caseOf(FieldType choice, OneOfType.Value value) {
    return choice.getLogicalType(OneOfType.class).getCaseEnumType().toString(value.getCaseType());
  }

  private static final class StructPlan extends ValuePlan {
    private final RowPlan row;
    private final boolean nullable;

    StructPlan(RowPlan row, boolean nullable) {
      this.row = row;
      this.nullable = nullable;
    }

    @Override
    FieldType outputType() {
      return row.outputType().withNullable(nullable);
    }

    @Override
    Object apply(Object value, RowConversion.Problems problems) {
      return row.convert((Row) value, problems);
    }
  }

  private static final class ArrayPlan extends ValuePlan {
    private final ValuePlan element;
    private final FieldType type;

    ArrayPlan(ValuePlan element, FieldType input) {
      this.element = element;
      FieldType elementType = element.outputType();
      FieldType collection =
          input.getTypeName() == TypeName.ARRAY
              ? FieldType.array(elementType)
              : FieldType.iterable(elementType);
      this.type = collection.withNullable(input.getNullable());
    }

    @Override
    FieldType outputType() {
      return type;
    }

    @Override
    Object apply(Object value, RowConversion.Problems problems) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Iterable<?>) value) {
        out.add(item == null ? null : element.apply(item, problems));
      }
      return out;
    }
  }

  private static final class CastPlan extends ValuePlan {
    private final FieldType from;
    private final FieldType to;
    private final String path;

    CastPlan(FieldType from, FieldType to, String path) {
      this.from = from;
      this.to = to.withNullable(true);
      this.path = path;
    }

    @Override
    FieldType outputType() {
      return to;
    }

    @Override
    Object apply(Object value, RowConversion.Problems problems) {
      try {
        return ValueCasts.cast(value, from, to);
      } catch (CastFailure failure) {
        problems.castFailed(failure, path);
        return null;
      }
    }
  }

  private static final class ProjectPlan extends ValuePlan {
    private final FieldType choice;
    private final String kept;
    private final FieldType type;

    ProjectPlan(FieldType choice, String kept, FieldType type) {
      this.choice = choice;
      this.kept = kept;
      this.type = type.withNullable(true);
    }

    @Override
    FieldType outputType() {
      return type;
    }

    @Override
    Object apply(Object value, RowConversion.Problems problems) {
      OneOfType.Value held = (OneOfType.Value) value;
      if (kept.equals(caseOf(choice, held))) {
        return held.getValue();
      }
      problems.projectedAway();
      return null;
    }
  }

  private static final class MakeStructPlan extends ValuePlan {
    private final FieldType choice;
    private final Schema struct;

    MakeStructPlan(FieldType choice, Schema struct) {
      this.choice = choice;
      this.struct = struct;
    }

    @Override
    FieldType outputType() {
      return FieldType.row(struct).withNullable(true);
    }

    @Override
    Object apply(Object value, RowConversion.Problems problems) {
      OneOfType.Value held = (OneOfType.Value) value;
      String name = caseOf(choice, held);
      List<Object> values = new ArrayList<>(struct.getFieldCount());
      for (Field field : struct.getFields()) {
        values.add(field.getName().equals(name) ? held.getValue() : null);
      }
      return Row.withSchema(struct).attachValues(values);
    }
  }
}
