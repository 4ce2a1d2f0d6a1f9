package dev.beamglue.transforms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.json.JsonRowParser;
import dev.beamglue.transforms.schema.FieldPath;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
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
 * Glue's Unbox: parses a string field holding JSON or delimited text into a struct of a given
 * schema, in place; a value that does not parse or fit sends its record to the error output.
 *
 * <p>{@code RowsWithErrors out = rows.apply(Unbox.json("payload", payloadSchema));}
 *
 * <ul>
 *   <li>{@link #json}: the text must be one JSON object whose keys are fields of the schema; a
 *       key the schema lacks, a value of another type, a missing or null value of a field that is
 *       not nullable, and text that is not a JSON object are errors. Types are read as {@code
 *       JsonRead} reads them (timestamps ISO-8601, dates {@code yyyy-MM-dd}).
 *   <li>{@link #delimited}: the text is split on the delimiter into the named columns, all
 *       nullable strings, kept as written (not trimmed; empty stays empty). A value in double
 *       quotes may hold the delimiter, and {@code ""} inside quotes is one quote. Another count of
 *       values than of columns is an error.
 * </ul>
 *
 * <p>The field keeps its name, place and nullability; a null value stays null. The path is
 * written the Glue way ({@code payload.raw}, {@code items[].raw}) and must name a string field.
 * An error record has the step {@code Unbox}, the original record as JSON, and a reason naming
 * the field.
 */
public final class Unbox extends PTransform<PCollection<Row>, RowsWithErrors> {

  /** The step name in error records. */
  public static final String STEP = "Unbox";

  private final FieldPath path;
  private final Schema schema;
  private final String delimiter;

  private Unbox(FieldPath path, Schema schema, String delimiter) {
    this.path = path;
    this.schema = schema;
    this.delimiter = delimiter;
  }

  /** Parses the JSON text at {@code path} into a struct of {@code schema}. */
  public static Unbox json(String path, Schema schema) {
    JsonRowParser.checkSupported(schema);
    return new Unbox(FieldPath.parse(path.trim()), schema, null);
  }

  /** Splits the text at {@code path} on {@code delimiter} into string {@code columns}. */
  public static Unbox delimited(String path, String delimiter, List<String> columns) {
    if (delimiter == null || delimiter.isEmpty()) {
      throw new IllegalArgumentException("Unbox.delimited needs a delimiter that is not empty.");
    }
    if (delimiter.contains("\"")) {
      throw new IllegalArgumentException(
          "Unbox.delimited cannot split on '" + delimiter + "': the double quote quotes values.");
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("Unbox.delimited needs at least one column.");
    }
    Schema.Builder builder = Schema.builder();
    Set<String> names = new HashSet<>();
    for (String column : columns) {
      if (column == null || column.isEmpty() || !names.add(column)) {
        throw new IllegalArgumentException(
            "Unbox.delimited columns " + columns + " must be distinct names that are not empty.");
      }
      builder.addNullableField(column, FieldType.STRING);
    }
    return new Unbox(FieldPath.parse(path.trim()), builder.build(), delimiter);
  }

  public FieldPath getPath() {
    return path;
  }

  /** The schema of the struct the text becomes. */
  public Schema getSchema() {
    return schema;
  }

  /** The input schema with the field turned into the struct; throws when it is not a string. */
  public Schema outputSchema(Schema input) {
    return plan(input).outputSchema();
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    FieldEdits.Plan plan = plan(input.getSchema());
    PCollectionTuple outputs =
        input.apply(
            "Unbox",
            ParDo.of(new UnboxFn(plan))
                .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        outputs.get(RowsWithErrors.ROWS).setRowSchema(plan.outputSchema()),
        outputs.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private FieldEdits.Plan plan(Schema input) {
    FieldType type = FieldEdits.resolve(input, path);
    if (type.getTypeName() != TypeName.STRING) {
      throw new IllegalArgumentException(
          "Unbox reads field '" + path + "' as text, but it is " + GlueTypes.describe(type) + ".");
    }
    FieldEdits.ValueFn fn =
        delimiter == null
            ? new JsonFn(path.toString(), FieldEdits.steps(path), schema)
            : new DelimitedFn(path.toString(), delimiter, schema);
    return FieldEdits.plan(
        input, Map.of(path, FieldEdits.Edit.replace(FieldType.row(schema), fn)));
  }

  /** A value that does not unbox: the reason names the field. */
  private static final class Failure extends RuntimeException {
    Failure(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final class UnboxFn extends DoFn<Row, Row> {
    private final FieldEdits.Plan plan;

    UnboxFn(FieldEdits.Plan plan) {
      this.plan = plan;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      Row unboxed;
      try {
        unboxed = plan.apply(row);
      } catch (Failure failure) {
        out.get(RowsWithErrors.ERRORS).output(ErrorRecords.forRow(STEP, failure.getMessage(), row));
        return;
      }
      out.get(RowsWithErrors.ROWS).output(unboxed);
    }
  }

  private static final class JsonFn implements FieldEdits.ValueFn {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final String field;
    private final List<String> steps;
    private final Schema schema;
    private transient JsonRowParser parser;

    JsonFn(String field, List<String> steps, Schema schema) {
      this.field = field;
      this.steps = new ArrayList<>(steps);
      this.schema = schema;
    }

    @Override
    public Row apply(Object value) {
      if (parser == null) {
        parser = new JsonRowParser(schema, schema);
      }
      try (JsonParser json = FACTORY.createParser((String) value)) {
        JsonToken token = json.nextToken();
        if (token == null) {
          throw new Failure("Field '" + field + "' holds no JSON, only blank text.");
        }
        if (token != JsonToken.START_OBJECT) {
          throw new Failure(
              "Field '" + field + "' holds JSON but not an object: it holds "
                  + JsonRowParser.jsonTypeName(json, token) + ".");
        }
        Row row = parser.parse(json);
        if (json.nextToken() != null) {
          throw new Failure("Field '" + field + "' holds more than one JSON value.");
        }
        return row;
      } catch (JsonProcessingException e) {
        throw new Failure("Field '" + field + "' is not JSON: " + e.getOriginalMessage());
      } catch (JsonRowParser.RecordException e) {
        for (int i = steps.size() - 1; i >= 0; i--) {
          String step = steps.get(i);
          if (!step.equals(FieldEdits.ELEMENTS)) {
            e.in(i + 1 < steps.size() && steps.get(i + 1).equals(FieldEdits.ELEMENTS)
                ? step + FieldEdits.ELEMENTS
                : step);
          }
        }
        throw new Failure(e.reason("").trim());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class DelimitedFn implements FieldEdits.ValueFn {
    private final String field;
    private final String delimiter;
    private final Schema schema;

    DelimitedFn(String field, String delimiter, Schema schema) {
      this.field = field;
      this.delimiter = delimiter;
      this.schema = schema;
    }

    @Override
    public Row apply(Object value) {
      List<Object> values = split((String) value);
      if (values.size() != schema.getFieldCount()) {
        throw new Failure(
            "Field '" + field + "' holds " + values.size() + " value"
                + (values.size() == 1 ? "" : "s") + " separated by '" + delimiter + "', but Unbox"
                + " expects " + schema.getFieldCount() + ": " + schema.getFieldNames() + ".");
      }
      return Row.withSchema(schema).attachValues(values);
    }

    /** The values of the text: split on the delimiter outside double quotes, quotes removed. */
    private List<Object> split(String text) {
      List<Object> values = new ArrayList<>();
      int at = 0;
      while (true) {
        if (at < text.length() && text.charAt(at) == '"') {
          StringBuilder quoted = new StringBuilder();
          int i = at + 1;
          while (true) {
            if (i >= text.length()) {
              throw new Failure(
                  "Field '" + field + "' has a value whose quote is not closed, at character "
                      + (at + 1) + ".");
            }
            char c = text.charAt(i);
            if (c == '"') {
              if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                quoted.append('"');
                i += 2;
                continue;
              }
              break;
            }
            quoted.append(c);
            i++;
          }
          values.add(quoted.toString());
          at = i + 1;
          if (at == text.length()) {
            return values;
          }
          if (!text.startsWith(delimiter, at)) {
            throw new Failure(
                "Field '" + field + "' has text after a closing quote, at character "
                    + (at + 1) + ".");
          }
          at += delimiter.length();
          continue;
        }
        int next = text.indexOf(delimiter, at);
        if (next < 0) {
          values.add(text.substring(at));
          return values;
        }
        values.add(text.substring(at, next));
        at = next + delimiter.length();
      }
    }
  }
}
