package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's ResolveChoice: turns choice columns (a Beam {@code OneOfType}, see {@link GlueTypes}) into
 * plain ones, for every choice in the schema or for the fields named.
 *
 * <p>{@code rows.apply(ResolveChoice.of("payload.size", "cast:long").and("price", "make_cols"))}
 *
 * <p>The actions:
 *
 * <ul>
 *   <li>{@code cast:TYPE}: the field becomes TYPE, the value cast from the case it holds; a value
 *       that cannot be cast becomes null, counted in {@code beamglue:<step>.castFailures}, or
 *       sends its record to the error output with {@link #withErrors()}.
 *   <li>{@code project:TYPE}: the field becomes TYPE, one of the choice's types; values of the
 *       other cases become null, counted in {@code beamglue:<step>.projectedAway}.
 *   <li>{@code make_cols}: the field is replaced, in place, by one nullable column per case named
 *       {@code <name>_<case>}: {@code size_int}, {@code size_string}.
 *   <li>{@code make_struct}: the field becomes a struct with one nullable field per case, named by
 *       the case: {@code size: struct<int: int, string: string>}.
 * </ul>
 *
 * <p>{@code forAll} reaches choices inside structs and inside arrays; a path reaches the elements
 * of an array the way Glue writes it, {@code items[].price}. {@code make_cols} is not available
 * for the elements of an array.
 */
public final class ResolveChoice extends PTransform<PCollection<Row>, PCollection<Row>> {

  /** The step name in error records. */
  public static final String STEP = "ResolveChoice";

  private final Action defaultAction;
  private final Map<FieldPath, Action> specs;

  private ResolveChoice(Action defaultAction, Map<FieldPath, Action> specs) {
    this.defaultAction = defaultAction;
    this.specs = Collections.unmodifiableMap(specs);
  }

  /** Resolves every choice in the schema, nested ones included, with one action. */
  public static ResolveChoice forAll(String action) {
    return new ResolveChoice(Action.parse(action), new LinkedHashMap<>());
  }

  /** Resolves the choice at {@code path} ({@code payload.size}, {@code items[].price}). */
  public static ResolveChoice of(String path, String action) {
    return new ResolveChoice(null, new LinkedHashMap<>()).and(path, action);
  }

  /**
   * This resolution and the choice at {@code path} with {@code action}; a path named here wins
   * over {@link #forAll}.
   */
  public ResolveChoice and(String path, String action) {
    FieldPath parsed = FieldPath.parse(path.trim());
    if (specs.containsKey(parsed)) {
      throw new IllegalArgumentException(
          "ResolveChoice names '" + parsed + "' twice; give each field one action.");
    }
    Map<FieldPath, Action> more = new LinkedHashMap<>(specs);
    more.put(parsed, Action.parse(action));
    return new ResolveChoice(defaultAction, more);
  }

  /** The same resolution, sending records with a value that cannot be cast to an error output. */
  public PTransform<PCollection<Row>, RowsWithErrors> withErrors() {
    return new WithErrors(this);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    ChoicePlan.RowPlan plan = ChoicePlan.plan(input.getSchema(), defaultAction, specs);
    return RowConversion.apply(input, plan, plan.outputSchema(), STEP, false).rows();
  }

  /** {@link ResolveChoice} with an error output; made by {@link ResolveChoice#withErrors()}. */
  public static final class WithErrors extends PTransform<PCollection<Row>, RowsWithErrors> {
    private final ResolveChoice resolve;

    private WithErrors(ResolveChoice resolve) {
      this.resolve = resolve;
    }

    @Override
    public RowsWithErrors expand(PCollection<Row> input) {
      ChoicePlan.RowPlan plan =
          ChoicePlan.plan(input.getSchema(), resolve.defaultAction, resolve.specs);
      return RowConversion.apply(input, plan, plan.outputSchema(), STEP, true);
    }
  }

  /** One parsed action: {@code cast:TYPE}, {@code project:TYPE}, {@code make_cols}, {@code make_struct}. */
  static final class Action implements Serializable {
    enum Kind {
      CAST,
      PROJECT,
      MAKE_COLS,
      MAKE_STRUCT
    }

    static final String KNOWN = "cast:TYPE, project:TYPE, make_cols and make_struct";

    final Kind kind;
    final FieldType type;
    final String text;

    private Action(Kind kind, FieldType type, String text) {
      this.kind = kind;
      this.type = type;
      this.text = text;
    }

    static Action parse(String action) {
      String text = action.trim();
      String lower = text.toLowerCase(Locale.ROOT);
      int colon = lower.indexOf(':');
      String name = colon < 0 ? lower : lower.substring(0, colon);
      String argument = colon < 0 ? null : text.substring(colon + 1).trim();
      switch (name) {
        case "cast":
        case "project":
          if (argument == null || argument.isEmpty()) {
            throw new IllegalArgumentException(
                "ResolveChoice action '" + action + "' needs a type, as in " + name + ":long.");
          }
          FieldType type;
          try {
            type = GlueTypes.parse(argument);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "ResolveChoice action '" + action + "': " + e.getMessage(), e);
          }
          return new Action(name.equals("cast") ? Kind.CAST : Kind.PROJECT, type, text);
        case "make_cols":
        case "make_struct":
          if (argument != null) {
            break;
          }
          return new Action(
              name.equals("make_cols") ? Kind.MAKE_COLS : Kind.MAKE_STRUCT, null, text);
        default:
          break;
      }
      throw new IllegalArgumentException(
          "Unknown ResolveChoice action '" + action + "'; the actions are " + KNOWN + ".");
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
