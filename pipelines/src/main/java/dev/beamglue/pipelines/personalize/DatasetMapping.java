package dev.beamglue.pipelines.personalize;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * The fields of one Personalize dataset, in the order of its schema and CSV header, checked
 * against {@link Dataset}'s rules when made: the required fields present with their types, no
 * name twice, and the number of metadata fields within the dataset's limits.
 *
 * <p>{@code Schema s = DatasetMapping.of(Dataset.USERS, fields).schema();}
 */
public record DatasetMapping(Dataset dataset, List<FieldMapping> fields) implements Serializable {

  public DatasetMapping {
    fields = List.copyOf(fields);
    String where = "The " + dataset.folder() + " mapping";
    Set<String> names = new HashSet<>();
    for (FieldMapping field : fields) {
      if (!names.add(field.name())) {
        throw new IllegalArgumentException(where + " names field " + field.name() + " twice.");
      }
    }
    for (Map.Entry<String, String> required : dataset.requiredFields().entrySet()) {
      FieldMapping field = field(fields, required.getKey());
      if (field == null) {
        throw new IllegalArgumentException(where + " has no " + required.getKey()
            + ", which Personalize requires (" + required.getValue() + ").");
      }
      checkType(where, field, required.getValue());
    }
    for (Map.Entry<String, String> optional : dataset.optionalFields().entrySet()) {
      FieldMapping field = field(fields, optional.getKey());
      if (field != null) {
        checkType(where, field, optional.getValue());
      }
    }
    long metadata = fields.stream().filter(f -> !dataset.isReserved(f.name())).count();
    if (metadata < dataset.minMetadata() || metadata > dataset.maxMetadata()) {
      throw new IllegalArgumentException(where + " has " + metadata + " metadata fields; "
          + "Personalize takes " + dataset.minMetadata() + " to " + dataset.maxMetadata()
          + " for " + dataset.folder() + ".");
    }
  }

  public static DatasetMapping of(Dataset dataset, List<FieldMapping> fields) {
    return new DatasetMapping(dataset, fields);
  }

  private static FieldMapping field(List<FieldMapping> fields, String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  private static void checkType(String where, FieldMapping field, String type) {
    boolean number = type.equals("float") && field.type().equals("double");
    if (!field.type().equals(type) && !number) {
      throw new IllegalArgumentException(where + " gives " + field.name() + " type "
          + field.type() + "; Personalize requires " + type + ".");
    }
  }

  /** Whether the field must hold a value: reserved required ones always, others when so mapped. */
  public boolean isRequired(FieldMapping field) {
    return field.required() || dataset.requiredFields().containsKey(field.name());
  }

  /** The fields' names in order: the CSV header. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    fields.forEach(f -> names.add(f.name()));
    return names;
  }

  /** The Beam schema of the dataset's rows: required fields not nullable, others nullable. */
  public Schema schema() {
    Schema.Builder builder = Schema.builder();
    for (FieldMapping field : fields) {
      FieldType type = beamType(field.type());
      builder.addField(field.name(), isRequired(field) ? type : type.withNullable(true));
    }
    return builder.build();
  }

  static FieldType beamType(String avroType) {
    switch (avroType) {
      case "int":
        return FieldType.INT32;
      case "long":
        return FieldType.INT64;
      case "float":
        return FieldType.FLOAT;
      case "double":
        return FieldType.DOUBLE;
      case "boolean":
        return FieldType.BOOLEAN;
      default:
        return FieldType.STRING;
    }
  }
}
