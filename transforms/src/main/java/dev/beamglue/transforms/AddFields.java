package dev.beamglue.transforms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Appends string fields with the same value in every record (Spark's {@code withColumn(name,
 * lit(value))}), such as the partition columns of a run: {@code year}, {@code month}, {@code day}.
 *
 * <p>{@code rows.apply(AddFields.constant("year", "2016").and("month", "04"))}
 *
 * <p>The fields come after the input's, in the order given, as nullable strings. A name the input
 * already has fails when the transform is applied, naming it.
 */
public final class AddFields extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final Map<String, String> constants;

  private AddFields(Map<String, String> constants) {
    this.constants = Collections.unmodifiableMap(constants);
  }

  /** Adds the field {@code name} holding {@code value} in every record. */
  public static AddFields constant(String name, String value) {
    return new AddFields(new LinkedHashMap<>()).and(name, value);
  }

  /** Adds each entry as a field, in the map's order. */
  public static AddFields constants(Map<String, String> fields) {
    AddFields add = new AddFields(new LinkedHashMap<>());
    for (Map.Entry<String, String> field : fields.entrySet()) {
      add = add.and(field.getKey(), field.getValue());
    }
    return add;
  }

  /** These fields and {@code name} holding {@code value}. */
  public AddFields and(String name, String value) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("AddFields needs a field name.");
    }
    if (constants.containsKey(name)) {
      throw new IllegalArgumentException("AddFields was given the field '" + name + "' twice.");
    }
    Map<String, String> more = new LinkedHashMap<>(constants);
    more.put(name, value);
    return new AddFields(more);
  }

  /** The input schema with the fields appended. */
  public Schema outputSchema(Schema input) {
    Schema.Builder builder = Schema.builder().addFields(input.getFields());
    for (String name : constants.keySet()) {
      if (input.hasField(name)) {
        throw new IllegalArgumentException(
            "AddFields cannot add '" + name + "': the rows already have a field of that name.");
      }
      builder.addNullableStringField(name);
    }
    return builder.build();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema output = outputSchema(input.getSchema());
    return input
        .apply("Add " + String.join(", ", constants.keySet()),
            ParDo.of(new AddFn(output, new ArrayList<>(constants.values()))))
        .setRowSchema(output);
  }

  private static final class AddFn extends DoFn<Row, Row> {
    private final Schema output;
    private final List<String> values;

    AddFn(Schema output, List<String> values) {
      this.output = output;
      this.values = values;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      List<Object> all = new ArrayList<>(row.getFieldCount() + values.size());
      all.addAll(row.getValues());
      all.addAll(values);
      out.output(Row.withSchema(output).attachValues(all));
    }
  }
}
