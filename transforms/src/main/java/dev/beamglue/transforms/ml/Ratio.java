package dev.beamglue.transforms.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Appends a nullable DOUBLE column holding one numeric column divided by another. The ratio is
 * null (a missing value) when either value is null or the denominator is zero, never infinite or
 * NaN.
 *
 * <p>{@code rows.apply(Ratio.of("num_of_joint_returns", "num_of_returns").as("normalized_joint"))}
 */
public final class Ratio extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final String numerator;
  private final String denominator;
  private final String name;

  private Ratio(String numerator, String denominator, String name) {
    this.numerator = numerator;
    this.denominator = denominator;
    this.name = name;
  }

  /** {@code numerator / denominator}, both numeric top-level columns; name it with {@link #as}. */
  public static Ratio of(String numerator, String denominator) {
    if (numerator == null || denominator == null) {
      throw new IllegalArgumentException("Ratio.of needs a numerator and a denominator column.");
    }
    return new Ratio(numerator, denominator, null);
  }

  /** The name of the column appended. */
  public Ratio as(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Ratio.as needs a column name.");
    }
    return new Ratio(numerator, denominator, name);
  }

  /** The input schema with the ratio column appended; throws when a column is missing or not numeric. */
  public Schema outputSchema(Schema input) {
    if (name == null) {
      throw new IllegalArgumentException(
          "Name the ratio of '" + numerator + "' and '" + denominator + "' with .as(name).");
    }
    check(input, numerator);
    check(input, denominator);
    if (input.hasField(name)) {
      throw new IllegalArgumentException(
          "The ratio column '" + name + "' is already a field of the rows.");
    }
    return Schema.builder()
        .addFields(input.getFields())
        .addNullableField(name, FieldType.DOUBLE)
        .build();
  }

  private void check(Schema input, String column) {
    if (!input.hasField(column)) {
      throw new IllegalArgumentException(
          "The ratio " + name + " divides '" + column + "', which is not a field of the rows: "
              + input.getFieldNames() + ".");
    }
    FieldType type = input.getField(column).getType();
    if (!type.getTypeName().isNumericType()) {
      throw new IllegalArgumentException(
          "The ratio " + name + " divides '" + column + "', a " + type.getTypeName()
              + " column; it needs numbers.");
    }
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    Schema output = outputSchema(schema);
    return input
        .apply(
            "Ratio " + name,
            ParDo.of(new RatioFn(schema.indexOf(numerator), schema.indexOf(denominator), output)))
        .setRowSchema(output);
  }

  private static final class RatioFn extends DoFn<Row, Row> {
    private final int numerator;
    private final int denominator;
    private final Schema output;

    RatioFn(int numerator, int denominator, Schema output) {
      this.numerator = numerator;
      this.denominator = denominator;
      this.output = output;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      Number top = (Number) row.getValue(numerator);
      Number bottom = (Number) row.getValue(denominator);
      Double ratio = null;
      if (top != null && bottom != null && bottom.doubleValue() != 0) {
        double value = top.doubleValue() / bottom.doubleValue();
        ratio = Double.isFinite(value) ? value : null;
      }
      int count = row.getFieldCount();
      List<Object> values = new ArrayList<>(count + 1);
      for (int i = 0; i < count; i++) {
        values.add(row.getValue(i));
      }
      values.add(ratio);
      out.output(Row.withSchema(output).attachValues(values));
    }
  }
}
