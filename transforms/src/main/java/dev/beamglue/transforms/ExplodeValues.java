package dev.beamglue.transforms;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Splits a string field that holds several delimited values into one row per value, the other
 * fields copied (Spark's {@code explode(split(...))}, outer): a park whose {@code Zip} is {@code
 * "11236, 11239"} becomes two rows, {@code "11236"} and {@code "11239"}.
 *
 * <p>{@code RowsWithErrors zips = parks.apply(ExplodeValues.of("Zip", ",").withValuePattern("\\d{5}",
 * "a five-digit zip code"));}
 *
 * <p>Values are trimmed, and empty ones (two delimiters in a row, a trailing one) are skipped. A
 * null, empty or blank field passes through as one row, so no record disappears. With {@link
 * #withValuePattern}, a value that does not match goes to the error output (step {@value #STEP},
 * one error record per value, the reason naming the field, the value, its position and the whole
 * field) while the record's other values still become rows. The field must be a top-level string
 * field, which the transform checks when applied. The output schema is the input schema; every
 * input record gives at least one row or one error record.
 */
public final class ExplodeValues extends PTransform<PCollection<Row>, RowsWithErrors> {

  /** The step name in error records. */
  public static final String STEP = "ExplodeValues";

  private final String field;
  private final String delimiter;
  private final @Nullable String pattern;
  private final @Nullable String patternDescription;

  private ExplodeValues(
      String field, String delimiter, @Nullable String pattern, @Nullable String description) {
    this.field = field;
    this.delimiter = delimiter;
    this.pattern = pattern;
    this.patternDescription = description;
  }

  /** One row per value of the string field {@code field}, values separated by {@code delimiter}. */
  public static ExplodeValues of(String field, String delimiter) {
    if (field == null || field.isBlank()) {
      throw new IllegalArgumentException("ExplodeValues needs a field name.");
    }
    if (delimiter == null || delimiter.isEmpty()) {
      throw new IllegalArgumentException(
          "ExplodeValues needs a delimiter to split field '" + field + "' on.");
    }
    return new ExplodeValues(field, delimiter, null, null);
  }

  /**
   * Sends values that do not match the regular expression (whole value, after trimming) to the
   * error output; {@code description} says what a value should be, for the reason.
   */
  public ExplodeValues withValuePattern(String regex, String description) {
    Pattern.compile(regex); // fails now on a bad expression
    return new ExplodeValues(field, delimiter, regex, description);
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    if (!schema.hasField(field)) {
      throw new IllegalArgumentException(
          "ExplodeValues cannot split field '" + field + "': the rows have only "
              + schema.getFieldNames() + ".");
    }
    if (schema.getField(field).getType().getTypeName() != Schema.TypeName.STRING) {
      throw new IllegalArgumentException(
          "ExplodeValues splits string fields, and '" + field + "' is "
              + schema.getField(field).getType().getTypeName() + ".");
    }
    PCollectionTuple outputs =
        input.apply(
            "Explode " + field,
            ParDo.of(new ExplodeFn(schema, schema.indexOf(field), field, delimiter, pattern,
                    patternDescription))
                .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        outputs.get(RowsWithErrors.ROWS).setRowSchema(schema),
        outputs.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private static final class ExplodeFn extends DoFn<Row, Row> {
    private final Schema schema;
    private final int position;
    private final String field;
    private final String delimiter;
    private final @Nullable String regex;
    private final @Nullable String description;
    private transient @Nullable Pattern pattern;

    ExplodeFn(Schema schema, int position, String field, String delimiter,
        @Nullable String regex, @Nullable String description) {
      this.schema = schema;
      this.position = position;
      this.field = field;
      this.delimiter = delimiter;
      this.regex = regex;
      this.description = description;
    }

    @Setup
    public void setup() {
      pattern = regex == null ? null : Pattern.compile(regex);
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      String text = row.getString(position);
      if (text == null || text.isBlank()) {
        out.get(RowsWithErrors.ROWS).output(withValue(row, text));
        return;
      }
      String[] parts = text.split(Pattern.quote(delimiter), -1);
      for (int i = 0; i < parts.length; i++) {
        String value = parts[i].trim();
        if (value.isEmpty()) {
          continue;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
          out.get(RowsWithErrors.ERRORS).output(ErrorRecords.forRow(STEP,
              "The " + field + " value '" + value + "' (value " + (i + 1) + " of " + parts.length
                  + " in '" + text + "') is not " + description + ".", row));
        } else {
          out.get(RowsWithErrors.ROWS).output(withValue(row, value));
        }
      }
    }

    private Row withValue(Row row, String value) {
      List<Object> values = new ArrayList<>(row.getValues());
      values.set(position, value);
      return Row.withSchema(schema).attachValues(values);
    }
  }
}
