package dev.beamglue.io.crawler;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;

/**
 * Merges the schemas of a table's files with the JSON reader's rules ({@link
 * dev.beamglue.io.json.JsonSchemaInference}): every column nullable, columns in first-seen order,
 * numbers widen (byte, short, int, long, float, double), structs merge field by field, arrays merge
 * their elements, and types that still disagree become a Glue choice with one case per kind, sorted
 * by Glue type name. The merge also says whether two schemas are compatible.
 *
 * <p>{@code SchemaMerge.Result r = SchemaMerge.merge(a, b); r.schema(); r.conflicts();}
 */
final class SchemaMerge {

  private SchemaMerge() {}

  /**
   * A merged schema, the number of columns (at any depth) whose types conflicted and became a
   * choice, and the number of top-level columns both inputs have.
   */
  record Result(Schema schema, int conflicts, int common) {}

  /** The merge of two schemas. */
  static Result merge(Schema a, Schema b) {
    int[] conflicts = {0};
    Schema merged = mergeRows(a, b, conflicts);
    int common = 0;
    for (Field field : b.getFields()) {
      if (a.hasField(field.getName())) {
        common++;
      }
    }
    return new Result(merged, conflicts[0], common);
  }

  /**
   * Whether two schemas may share a table. They must not disagree on the type of a column they
   * both have (after widening); unless {@code anyOverlap}, they must also share at least half the
   * columns of the smaller schema (at least one), so that folders of unrelated records become
   * separate tables while a folder with a few extra columns joins its siblings' table.
   */
  static boolean compatible(Schema a, Schema b, boolean anyOverlap) {
    return compatible(merge(a, b), a, b, anyOverlap);
  }

  /** {@link #compatible(Schema, Schema, boolean)} from the merge of {@code a} and {@code b}. */
  static boolean compatible(Result merged, Schema a, Schema b, boolean anyOverlap) {
    if (merged.conflicts() > 0) {
      return false;
    }
    if (anyOverlap || a.getFieldCount() == 0 || b.getFieldCount() == 0) {
      return true;
    }
    int smaller = Math.min(a.getFieldCount(), b.getFieldCount());
    return merged.common() > 0 && merged.common() * 2 >= smaller;
  }

  /** The schema with every field nullable, at every depth. */
  static Schema nullable(Schema schema) {
    return mergeRows(schema, Schema.builder().build(), new int[1]);
  }

  private static Schema mergeRows(Schema a, Schema b, int[] conflicts) {
    Map<String, FieldType> fields = new LinkedHashMap<>();
    for (Field field : a.getFields()) {
      fields.put(field.getName(), nullableType(field.getType()));
    }
    for (Field field : b.getFields()) {
      FieldType existing = fields.get(field.getName());
      FieldType type = nullableType(field.getType());
      fields.put(field.getName(), existing == null ? type : mergeTypes(existing, type, conflicts));
    }
    Schema.Builder builder = Schema.builder();
    fields.forEach((name, type) -> builder.addField(name, type));
    return builder.build();
  }

  private static FieldType nullableType(FieldType type) {
    switch (type.getTypeName()) {
      case ROW:
        return FieldType.row(nullable(type.getRowSchema())).withNullable(true);
      case ARRAY:
      case ITERABLE:
        return FieldType.array(nullableType(type.getCollectionElementType())).withNullable(true);
      case MAP:
        return FieldType.map(
                type.getMapKeyType().withNullable(false), nullableType(type.getMapValueType()))
            .withNullable(true);
      default:
        return type.withNullable(true);
    }
  }

  private static FieldType mergeTypes(FieldType a, FieldType b, int[] conflicts) {
    if (GlueTypes.isChoice(a) || GlueTypes.isChoice(b)) {
      return choice(cases(a, b), conflicts);
    }
    String kindA = kind(a);
    String kindB = kind(b);
    if (!kindA.equals(kindB)) {
      conflicts[0]++;
      return choice(cases(a, b), conflicts);
    }
    return sameKind(a, b, conflicts);
  }

  private static FieldType sameKind(FieldType a, FieldType b, int[] conflicts) {
    switch (a.getTypeName()) {
      case ROW:
        return FieldType.row(mergeRows(a.getRowSchema(), b.getRowSchema(), conflicts))
            .withNullable(true);
      case ARRAY:
      case ITERABLE:
        return FieldType.array(
                mergeTypes(
                    a.getCollectionElementType(), b.getCollectionElementType(), conflicts))
            .withNullable(true);
      case MAP:
        if (!a.getMapKeyType().equivalent(b.getMapKeyType(), Schema.EquivalenceNullablePolicy.IGNORE)) {
          conflicts[0]++;
          return a;
        }
        return FieldType.map(
                a.getMapKeyType(), mergeTypes(a.getMapValueType(), b.getMapValueType(), conflicts))
            .withNullable(true);
      default:
        if (isNumber(a)) {
          return rank(a) >= rank(b) ? a : b;
        }
        if (a.equivalent(b, Schema.EquivalenceNullablePolicy.IGNORE)) {
          return a;
        }
        // Same Glue name but different Beam types (two decimals of different scale): keep the first.
        return a;
    }
  }

  /** The choice cases of both types, one per kind, merged within a kind. */
  private static Map<String, FieldType> cases(FieldType a, FieldType b) {
    Map<String, FieldType> cases = new LinkedHashMap<>();
    addCases(cases, a);
    addCases(cases, b);
    return cases;
  }

  private static void addCases(Map<String, FieldType> cases, FieldType type) {
    if (GlueTypes.isChoice(type)) {
      for (FieldType alternative : GlueTypes.choiceCases(type).values()) {
        addCases(cases, alternative);
      }
      return;
    }
    FieldType nullableAlternative = nullableType(type);
    cases.merge(kind(type), nullableAlternative, (x, y) -> sameKind(x, y, new int[1]));
  }

  private static FieldType choice(Map<String, FieldType> cases, int[] conflicts) {
    if (cases.size() == 1) {
      return cases.values().iterator().next();
    }
    List<FieldType> alternatives = new ArrayList<>(cases.values());
    alternatives.sort(Comparator.comparing(GlueTypes::nameOf));
    return GlueTypes.choiceOf(alternatives);
  }

  /** The kind a choice keeps apart: numbers widen within one kind, other types by Glue name. */
  private static String kind(FieldType type) {
    return isNumber(type) ? "number" : GlueTypes.nameOf(type);
  }

  private static boolean isNumber(FieldType type) {
    return rank(type) >= 0;
  }

  private static int rank(FieldType type) {
    TypeName name = type.getTypeName();
    switch (name) {
      case BYTE:
        return 0;
      case INT16:
        return 1;
      case INT32:
        return 2;
      case INT64:
        return 3;
      case FLOAT:
        return 4;
      case DOUBLE:
        return 5;
      default:
        return -1;
    }
  }
}
