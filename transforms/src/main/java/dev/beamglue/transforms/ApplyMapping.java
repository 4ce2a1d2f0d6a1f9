package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.CastFailure;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import dev.beamglue.transforms.schema.ValueCasts;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's ApplyMapping: selects fields by path, renames them, casts them, and nests them into
 * structs. The output holds only the mapped fields, in mapping order, all nullable; a target path
 * with dots builds a struct, and mappings that share a target prefix fill one struct.
 *
 * <p>{@code rows.apply("Map", ApplyMapping.parse("actor.login:string->actor:string,
 * created_at:string->created_at:timestamp"))}
 *
 * <p>The source type of a mapping is informational: values are cast from the type the input
 * schema actually has (a choice from the case it holds), with {@link ValueCasts}. The type names
 * {@code struct}, {@code array}, {@code map} and {@code choice} pass the value through unchanged
 * with its actual type. A value that cannot be cast becomes null and is counted in the counter
 * {@code beamglue:<step>.castFailures}, {@code <step>} being the name the transform was applied
 * with; {@link #withErrors()} sends such records to an error output instead.
 */
public final class ApplyMapping extends PTransform<PCollection<Row>, PCollection<Row>> {

  /** The step name in error records. */
  public static final String STEP = "ApplyMapping";

  private static final Set<String> PASS_THROUGH = Set.of("struct", "array", "map", "choice");

  private final List<Mapping> mappings;

  private ApplyMapping(List<Mapping> mappings) {
    this.mappings = Collections.unmodifiableList(new ArrayList<>(mappings));
  }

  /** A mapping of each given source field to its target; see the class documentation. */
  public static ApplyMapping of(Mapping... mappings) {
    return of(Arrays.asList(mappings));
  }

  /** A mapping of each given source field to its target; see the class documentation. */
  public static ApplyMapping of(List<Mapping> mappings) {
    if (mappings.isEmpty()) {
      throw new IllegalArgumentException("ApplyMapping needs at least one mapping.");
    }
    MappingPlan.checkTargets(mappings);
    return new ApplyMapping(mappings);
  }

  /**
   * Mappings from a command-line spec: {@code source:type->target:type} entries separated by
   * commas, e.g. {@code actor.login:string->actor:string, `a.b`:int->c:long}.
   */
  public static ApplyMapping parse(String spec) {
    List<Mapping> parsed = new ArrayList<>();
    for (String entry : splitOutside(spec, ",", true)) {
      if (!entry.isBlank()) {
        parsed.add(Mapping.parse(entry.trim()));
      }
    }
    return of(parsed);
  }

  public List<Mapping> getMappings() {
    return mappings;
  }

  /**
   * The source paths the mappings read, in mapping order: what a reader needs to build, for
   * example {@code JsonRead.withFields(mapping.sourcePaths())}.
   */
  public List<String> sourcePaths() {
    return mappings.stream().map(m -> m.getSourcePath().toString()).distinct().toList();
  }

  /** The same mapping, sending records with a value that cannot be cast to an error output. */
  public PTransform<PCollection<Row>, RowsWithErrors> withErrors() {
    return new WithErrors(mappings);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    MappingPlan plan = new MappingPlan(mappings, input.getSchema());
    return RowConversion.apply(input, plan, plan.outputSchema(), STEP, false).rows();
  }

  /** {@link ApplyMapping} with an error output; made by {@link ApplyMapping#withErrors()}. */
  public static final class WithErrors extends PTransform<PCollection<Row>, RowsWithErrors> {
    private final List<Mapping> mappings;

    private WithErrors(List<Mapping> mappings) {
      this.mappings = mappings;
    }

    @Override
    public RowsWithErrors expand(PCollection<Row> input) {
      MappingPlan plan = new MappingPlan(mappings, input.getSchema());
      return RowConversion.apply(input, plan, plan.outputSchema(), STEP, true);
    }
  }

  /**
   * One source field and where it goes. Types are Glue type names ({@link GlueTypes#parse}), or
   * {@code struct}, {@code array}, {@code map}, {@code choice} to keep the value as it is.
   *
   * <p>{@code Mapping.of("actor.login", "string", "actor", "string")}
   */
  public static final class Mapping implements Serializable {
    private final FieldPath sourcePath;
    private final String sourceType;
    private final FieldPath targetPath;
    private final String targetType;
    private final FieldType targetFieldType;

    private Mapping(
        FieldPath sourcePath,
        String sourceType,
        FieldPath targetPath,
        String targetType,
        FieldType targetFieldType) {
      this.sourcePath = sourcePath;
      this.sourceType = sourceType;
      this.targetPath = targetPath;
      this.targetType = targetType;
      this.targetFieldType = targetFieldType;
    }

    public static Mapping of(
        String sourcePath, String sourceType, String targetPath, String targetType) {
      String description = sourcePath + ":" + sourceType + "->" + targetPath + ":" + targetType;
      try {
        FieldPath source = FieldPath.parse(sourcePath.trim());
        FieldPath target = FieldPath.parse(targetPath.trim());
        String sourceName = sourceType.trim().toLowerCase(Locale.ROOT);
        String targetName = targetType.trim().toLowerCase(Locale.ROOT);
        if (!PASS_THROUGH.contains(sourceName)) {
          GlueTypes.parse(sourceName);
        }
        FieldType parsedTarget = PASS_THROUGH.contains(targetName) ? null : GlueTypes.parse(targetName);
        return new Mapping(source, sourceName, target, targetName, parsedTarget);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Mapping '" + description + "': " + e.getMessage(), e);
      }
    }

    /** One {@code source:type->target:type} entry. */
    public static Mapping parse(String entry) {
      List<String> sides = splitOutside(entry, "->", false);
      if (sides.size() != 2) {
        throw new IllegalArgumentException(
            "Mapping '" + entry + "' is not of the form source:type->target:type.");
      }
      String[] source = splitType(entry, sides.get(0));
      String[] target = splitType(entry, sides.get(1));
      return of(source[0], source[1], target[0], target[1]);
    }

    private static String[] splitType(String entry, String side) {
      int colon = lastIndexOutsideBackticks(side, ':');
      if (colon <= 0 || colon == side.length() - 1) {
        throw new IllegalArgumentException(
            "Mapping '" + entry + "' is not of the form source:type->target:type: '"
                + side.trim() + "' has no type.");
      }
      return new String[] {side.substring(0, colon).trim(), side.substring(colon + 1).trim()};
    }

    public FieldPath getSourcePath() {
      return sourcePath;
    }

    public String getSourceType() {
      return sourceType;
    }

    public FieldPath getTargetPath() {
      return targetPath;
    }

    public String getTargetType() {
      return targetType;
    }

    /** The target's Beam type, or null when the value passes through with its own type. */
    FieldType targetFieldType() {
      return targetFieldType;
    }

    @Override
    public String toString() {
      return sourcePath + ":" + sourceType + "->" + targetPath + ":" + targetType;
    }
  }

  /** Splits on {@code separator} outside backticks and (when asked) outside parentheses. */
  private static List<String> splitOutside(String text, String separator, boolean parens) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (!quoted && parens && c == '(') {
        depth++;
      } else if (!quoted && parens && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && text.startsWith(separator, i)) {
        parts.add(text.substring(start, i));
        start = i + separator.length();
        i = start - 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static int lastIndexOutsideBackticks(String text, char wanted) {
    boolean quoted = false;
    int found = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (!quoted && c == wanted) {
        found = i;
      }
    }
    return found;
  }

  /** The mappings resolved against an input schema: the output schema and the row conversion. */
  static final class MappingPlan implements RowConversion.Converter {
    private final FieldPath[] sources;
    private final int[][] sourceIndices;
    private final FieldType[] sourceTypes;
    private final FieldType[] targetTypes;
    private final Node root;

    MappingPlan(List<Mapping> mappings, Schema input) {
      int count = mappings.size();
      sources = new FieldPath[count];
      sourceIndices = new int[count][];
      sourceTypes = new FieldType[count];
      targetTypes = new FieldType[count];
      root = new Node(null, -1);
      for (int i = 0; i < count; i++) {
        Mapping mapping = mappings.get(i);
        sources[i] = mapping.getSourcePath();
        sourceTypes[i] = mapping.getSourcePath().resolveType(input);
        sourceIndices[i] = mapping.getSourcePath().indicesIn(input);
        targetTypes[i] = mapping.targetFieldType();
        root.insert(mapping.getTargetPath().segments(), 0, i);
      }
      root.buildSchema(this);
    }

    /** Throws when two mappings write the same target, or one writes inside another's value. */
    static void checkTargets(List<Mapping> mappings) {
      Node root = new Node(null, -1);
      List<Mapping> owners = new ArrayList<>();
      for (int i = 0; i < mappings.size(); i++) {
        owners.add(mappings.get(i));
        try {
          root.insert(mappings.get(i).getTargetPath().segments(), 0, i);
        } catch (TargetConflict conflict) {
          throw new IllegalArgumentException(
              "Mappings '" + owners.get(conflict.other) + "' and '" + mappings.get(i)
                  + "' both write target '" + conflict.path + "'; give each mapping its own target.");
        }
      }
    }

    Schema outputSchema() {
      return root.schema;
    }

    @Override
    public Row convert(Row input, RowConversion.Problems problems) {
      Object[] values = new Object[sources.length];
      for (int i = 0; i < sources.length; i++) {
        Object value = FieldPath.valueAt(input, sourceIndices[i]);
        if (targetTypes[i] != null) {
          try {
            value = ValueCasts.cast(value, sourceTypes[i], targetTypes[i]);
          } catch (CastFailure failure) {
            problems.castFailed(failure, sources[i].toString());
            value = null;
          }
        }
        values[i] = value;
      }
      return root.build(values);
    }
  }

  private static final class TargetConflict extends RuntimeException {
    final int other;
    final String path;

    TargetConflict(int other, String path) {
      super(null, null, false, false);
      this.other = other;
      this.path = path;
    }
  }

  /** A target field: a leaf fed by one mapping, or a struct of further targets. */
  private static final class Node implements Serializable {
    private final String name;
    private final int mapping;
    private final Map<String, Node> children = new LinkedHashMap<>();
    private Schema schema;

    Node(String name, int mapping) {
      this.name = name;
      this.mapping = mapping;
    }

    void insert(List<String> path, int depth, int index) {
      String segment = path.get(depth);
      Node child = children.get(segment);
      boolean last = depth == path.size() - 1;
      if (child == null) {
        child = last ? new Node(segment, index) : new Node(segment, -1);
        children.put(segment, child);
      } else if (last || child.mapping >= 0) {
        int other = child.mapping >= 0 ? child.mapping : child.firstMapping();
        throw new TargetConflict(other, pathOf(path.subList(0, depth + 1)));
      }
      if (!last) {
        child.insert(path, depth + 1, index);
      }
    }

    private static String pathOf(List<String> segments) {
      FieldPath path = FieldPath.ofName(segments.get(0));
      for (String segment : segments.subList(1, segments.size())) {
        path = path.child(segment);
      }
      return path.toString();
    }

    private int firstMapping() {
      Node first = children.values().iterator().next();
      return first.mapping >= 0 ? first.mapping : first.firstMapping();
    }

    void buildSchema(MappingPlan plan) {
      Schema.Builder builder = Schema.builder();
      for (Node child : children.values()) {
        FieldType type;
        if (child.mapping >= 0) {
          FieldType target = plan.targetTypes[child.mapping];
          type = target != null ? target : plan.sourceTypes[child.mapping];
        } else {
          child.buildSchema(plan);
          type = FieldType.row(child.schema);
        }
        builder.addField(Schema.Field.nullable(child.name, type.withNullable(true)));
      }
      schema = builder.build();
    }

    Row build(Object[] values) {
      List<Object> fields = new ArrayList<>(children.size());
      for (Node child : children.values()) {
        fields.add(child.mapping >= 0 ? values[child.mapping] : child.build(values));
      }
      return Row.withSchema(schema).attachValues(fields);
    }
  }
}
