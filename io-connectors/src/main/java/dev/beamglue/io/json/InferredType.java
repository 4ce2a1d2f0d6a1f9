package dev.beamglue.io.json;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * The type inferred so far for one JSON value position, and Glue's rules to merge two of them.
 * Structs, arrays and choices are mutable accumulators: {@link #merge} may change and return its
 * first argument, and takes ownership of the second.
 *
 * <p>{@code InferredType t = InferredType.merge(InferredType.INT, InferredType.LONG); // LONG}
 *
 * <p>Public so that other readers (CSV) share the scalar rules; the struct, array and choice
 * accumulators stay package-private.
 */
public abstract class InferredType {

  /** The kinds a choice keeps apart; numbers widen within their kind. */
  public enum Kind {
    NULL,
    NUMBER,
    BOOLEAN,
    STRING,
    STRUCT,
    ARRAY,
    CHOICE
  }

  public static final Scalar NULL = new Scalar(Kind.NULL, 0, FieldType.STRING);
  public static final Scalar INT = new Scalar(Kind.NUMBER, 1, FieldType.INT32);
  public static final Scalar LONG = new Scalar(Kind.NUMBER, 2, FieldType.INT64);
  public static final Scalar DOUBLE = new Scalar(Kind.NUMBER, 3, FieldType.DOUBLE);
  public static final Scalar BOOLEAN = new Scalar(Kind.BOOLEAN, 0, FieldType.BOOLEAN);
  public static final Scalar STRING = new Scalar(Kind.STRING, 0, FieldType.STRING);

  public abstract Kind kind();

  /** The Beam type, nullable (Glue's rule: every inferred field is nullable). */
  public abstract FieldType toFieldType();

  /** Merges two inferred types; may change and return {@code a}, takes ownership of {@code b}. */
  public static InferredType merge(InferredType a, InferredType b) {
    if (a.kind() == Kind.NULL) {
      return b;
    }
    if (b.kind() == Kind.NULL) {
      return a;
    }
    if (a.kind() == Kind.CHOICE) {
      ((Choice) a).add(b);
      return a;
    }
    if (b.kind() == Kind.CHOICE) {
      Choice choice = new Choice();
      choice.add(a);
      choice.add(b);
      return choice;
    }
    if (a.kind() != b.kind()) {
      Choice choice = new Choice();
      choice.add(a);
      choice.add(b);
      return choice;
    }
    switch (a.kind()) {
      case NUMBER:
        return ((Scalar) a).width >= ((Scalar) b).width ? a : b;
      case STRUCT:
        ((Struct) a).mergeFrom((Struct) b);
        return a;
      case ARRAY:
        ((Array) a).add(((Array) b).element);
        return a;
      default:
        return a;
    }
  }

  /** A scalar: null, int, long, double, boolean or string. */
  public static final class Scalar extends InferredType {
    private final Kind kind;
    private final int width;
    private final FieldType type;

    private Scalar(Kind kind, int width, FieldType type) {
      this.kind = kind;
      this.width = width;
      this.type = type.withNullable(true);
    }

    @Override
    public Kind kind() {
      return kind;
    }

    @Override
    public FieldType toFieldType() {
      return type;
    }
  }

  /** An object: its fields in first-seen order. */
  static final class Struct extends InferredType {
    final Map<String, InferredType> fields = new LinkedHashMap<>();

    void put(String name, InferredType type) {
      InferredType existing = fields.get(name);
      fields.put(name, existing == null ? type : merge(existing, type));
    }

    void mergeFrom(Struct other) {
      for (Map.Entry<String, InferredType> field : other.fields.entrySet()) {
        put(field.getKey(), field.getValue());
      }
    }

    @Override
    public Kind kind() {
      return Kind.STRUCT;
    }

    Schema toSchema() {
      Schema.Builder schema = Schema.builder();
      for (Map.Entry<String, InferredType> field : fields.entrySet()) {
        schema.addField(field.getKey(), field.getValue().toFieldType());
      }
      return schema.build();
    }

    @Override
    public FieldType toFieldType() {
      return FieldType.row(toSchema()).withNullable(true);
    }
  }

  /** An array: the merged type of its elements; only nulls or no element at all give string. */
  static final class Array extends InferredType {
    InferredType element = NULL;

    void add(InferredType elementType) {
      element = merge(element, elementType);
    }

    @Override
    public Kind kind() {
      return Kind.ARRAY;
    }

    @Override
    public FieldType toFieldType() {
      return FieldType.array(element.toFieldType()).withNullable(true);
    }
  }

  /** Types that still disagree after widening: at most one case per kind. */
  static final class Choice extends InferredType {
    final Map<Kind, InferredType> cases = new EnumMap<>(Kind.class);

    void add(InferredType type) {
      if (type.kind() == Kind.NULL) {
        return;
      }
      if (type.kind() == Kind.CHOICE) {
        for (InferredType alternative : ((Choice) type).cases.values()) {
          add(alternative);
        }
        return;
      }
      InferredType existing = cases.get(type.kind());
      cases.put(type.kind(), existing == null ? type : merge(existing, type));
    }

    @Override
    public Kind kind() {
      return Kind.CHOICE;
    }

    @Override
    public FieldType toFieldType() {
      List<FieldType> alternatives = new ArrayList<>();
      for (InferredType alternative : cases.values()) {
        alternatives.add(alternative.toFieldType());
      }
      alternatives.sort(Comparator.comparing(GlueTypes::nameOf));
      return GlueTypes.choiceOf(alternatives);
    }
  }
}
