package dev.beamglue.transforms.ml;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * One-hot encodes a string column: one non-nullable INT32 column per category, named {@code
 * <column>_<category>}, holding 1 in the category's column and 0 in the others, in place of the
 * column (or right after it, with {@link #withColumnKept()}).
 *
 * <p>{@code RowsWithErrors out = rows.apply(OneHot.of("Borough", List.of("B", "M", "Q")));}
 *
 * <p>The categories are fixed when the pipeline is built, so the output schema is known up front.
 * A row whose value is not one of them (null included) goes to the error output (step {@value
 * #STEP}, the reason names the value and the column), unless {@link #withOther()} adds a column
 * {@code <column>_other} that holds 1 for such rows. Values are compared exactly (case counts).
 */
public final class OneHot extends PTransform<PCollection<Row>, RowsWithErrors> {

  /** The step name in error records. */
  public static final String STEP = "OneHot";

  /** The suffix of the column that {@link #withOther()} adds. */
  public static final String OTHER = "other";

  private final String column;
  private final List<String> categories;
  private final boolean keepColumn;
  private final boolean other;

  private OneHot(String column, List<String> categories, boolean keepColumn, boolean other) {
    this.column = column;
    this.categories = categories;
    this.keepColumn = keepColumn;
    this.other = other;
  }

  /** Encodes {@code column} over {@code categories}, in that order. */
  public static OneHot of(String column, List<String> categories) {
    if (column == null || categories == null || categories.isEmpty()) {
      throw new IllegalArgumentException("OneHot.of needs a column and at least one category.");
    }
    Set<String> seen = new HashSet<>();
    for (String category : categories) {
      if (category == null || !seen.add(category)) {
        throw new IllegalArgumentException(
            "The categories of OneHot on '" + column + "' must be distinct and not null: "
                + categories + ".");
      }
    }
    return new OneHot(column, List.copyOf(categories), false, false);
  }

  /** Keeps the encoded column, followed by the category columns. */
  public OneHot withColumnKept() {
    return new OneHot(column, categories, true, other);
  }

  /** Adds a column {@code <column>_other}, 1 for a value outside the categories, instead of errors. */
  public OneHot withOther() {
    return new OneHot(column, categories, keepColumn, true);
  }

  /** The names of the columns added, in order. */
  public List<String> columnNames() {
    List<String> names = new ArrayList<>();
    for (String category : categories) {
      names.add(column + "_" + category);
    }
    if (other) {
      names.add(column + "_" + OTHER);
    }
    return names;
  }

  /** The output schema for an input schema; throws when the column is missing or not a string. */
  public Schema outputSchema(Schema input) {
    if (!input.hasField(column)) {
      throw new IllegalArgumentException(
          "OneHot encodes '" + column + "', which is not a field of the rows: "
              + input.getFieldNames() + ".");
    }
    if (input.getField(column).getType().getTypeName() != TypeName.STRING) {
      throw new IllegalArgumentException(
          "OneHot encodes string columns; '" + column + "' is "
              + input.getField(column).getType().getTypeName() + ".");
    }
    List<String> added = columnNames();
    Schema.Builder out = Schema.builder();
    for (Field field : input.getFields()) {
      if (added.contains(field.getName())) {
        throw new IllegalArgumentException(
            "OneHot on '" + column + "' would add the column '" + field.getName()
                + "', which the rows already have.");
      }
      if (!field.getName().equals(column)) {
        out.addField(field);
        continue;
      }
      if (keepColumn) {
        out.addField(field);
      }
      for (String name : added) {
        out.addField(name, FieldType.INT32);
      }
    }
    return out.build();
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    Schema output = outputSchema(input.getSchema());
    PCollectionTuple result =
        input.apply(
            "One-hot " + column,
            ParDo.of(new EncodeFn(this, input.getSchema().indexOf(column), output))
                .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        result.get(RowsWithErrors.ROWS).setRowSchema(output),
        result.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private static final class EncodeFn extends DoFn<Row, Row> {
    private static final Integer ZERO = 0;
    private static final Integer ONE = 1;

    private final String column;
    private final List<String> categories;
    private final boolean keepColumn;
    private final boolean other;
    private final int position;
    private final Schema output;
    private transient Map<String, Integer> index;

    EncodeFn(OneHot spec, int position, Schema output) {
      this.column = spec.column;
      this.categories = spec.categories;
      this.keepColumn = spec.keepColumn;
      this.other = spec.other;
      this.position = position;
      this.output = output;
    }

    @Setup
    public void setup() {
      index = new HashMap<>();
      for (int i = 0; i < categories.size(); i++) {
        index.put(categories.get(i), i);
      }
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      String value = row.getString(position);
      Integer hot = value == null ? null : index.get(value);
      if (hot == null && !other) {
        String reason =
            value == null
                ? "The value of '" + column + "' is null, not one of the categories "
                : "The value '" + value + "' of '" + column + "' is not one of the categories ";
        out.get(RowsWithErrors.ERRORS)
            .output(ErrorRecords.forRow(STEP, reason + categories + ".", row));
        return;
      }
      int width = categories.size() + (other ? 1 : 0);
      int hotColumn = hot == null ? categories.size() : hot;
      List<Object> values = new ArrayList<>(output.getFieldCount());
      int fieldCount = row.getFieldCount();
      for (int i = 0; i < fieldCount; i++) {
        if (i != position) {
          values.add(row.getValue(i));
          continue;
        }
        if (keepColumn) {
          values.add(value);
        }
        for (int c = 0; c < width; c++) {
          values.add(c == hotColumn ? ONE : ZERO);
        }
      }
      out.get(RowsWithErrors.ROWS).output(Row.withSchema(output).attachValues(values));
    }
  }
}
