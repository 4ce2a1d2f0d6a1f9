package dev.beamglue.pipelines.personalize;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.schema.FieldPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Maps source rows to one Personalize dataset and checks each against {@link RowRules}: the
 * fields of the {@link DatasetMapping} in order, each read from its source path (resolved once
 * against the input schema) or a constant and converted ({@link FieldValues}). A row whose value
 * does not convert, or that breaks a rule, goes to the error output (step {@code Validate
 * <dataset>}, the reason, the source row as JSON) and is counted under its rule ({@link
 * RuleCounters}).
 *
 * <p>{@code RowsWithErrors users = rows.apply(ToPersonalize.of(mapping, maxSeconds));}
 */
public final class ToPersonalize extends PTransform<PCollection<Row>, RowsWithErrors> {

  private final DatasetMapping mapping;
  private final long maxSeconds;

  private ToPersonalize(DatasetMapping mapping, long maxSeconds) {
    this.mapping = mapping;
    this.maxSeconds = maxSeconds;
  }

  /** Maps to the dataset; timestamps after {@code maxSeconds} (epoch seconds) are impossible. */
  public static ToPersonalize of(DatasetMapping mapping, long maxSeconds) {
    return new ToPersonalize(mapping, maxSeconds);
  }

  /** The step name in error records. */
  public static String step(Dataset dataset) {
    return "Validate " + dataset.folder();
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> input) {
    Schema source = input.getSchema();
    List<FieldMapping> fields = mapping.fields();
    List<int[]> paths = new ArrayList<>();
    Object[] constants = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      FieldMapping field = fields.get(i);
      if (field.from() == null) {
        paths.add(null);
        constants[i] = FieldValues.convert(field.value(), field);
        continue;
      }
      FieldPath path = FieldPath.parse(field.from());
      if (!path.existsIn(source)) {
        throw new IllegalArgumentException("The " + mapping.dataset().folder() + " mapping reads "
            + field.name() + " from '" + field.from() + "', which the source does not have; its "
            + "fields are " + String.join(", ", source.getFieldNames()) + ".");
      }
      paths.add(path.indicesIn(source));
    }
    Schema schema = mapping.schema();
    PCollectionTuple out = input.apply("Map and check", ParDo.of(
            new MapFn(mapping, new RowRules(mapping, maxSeconds), paths, constants, schema))
        .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        out.get(RowsWithErrors.ROWS).setRowSchema(schema),
        out.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private static final class MapFn extends DoFn<Row, Row> {
    private final DatasetMapping mapping;
    private final RowRules rules;
    private final List<int[]> paths;
    private final Object[] constants;
    private final Schema schema;
    private final RuleCounters counters;
    private final String step;

    MapFn(DatasetMapping mapping, RowRules rules, List<int[]> paths, Object[] constants,
        Schema schema) {
      this.mapping = mapping;
      this.rules = rules;
      this.paths = paths;
      this.constants = constants;
      this.schema = schema;
      this.counters = new RuleCounters(mapping.dataset());
      this.step = step(mapping.dataset());
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      List<FieldMapping> fields = mapping.fields();
      Object[] values = new Object[fields.size()];
      for (int i = 0; i < values.length; i++) {
        int[] path = paths.get(i);
        if (path == null) {
          values[i] = constants[i];
          continue;
        }
        Object source = FieldPath.valueAt(row, path);
        try {
          values[i] = FieldValues.convert(source, fields.get(i));
        } catch (IllegalArgumentException e) {
          reject(row, RowRules.BAD_VALUE, fields.get(i).name() + " (from "
              + fields.get(i).from() + "): " + e.getMessage() + ".", out);
          return;
        }
      }
      List<Object> list = Arrays.asList(values);
      RowRules.Violation violation = rules.check(list);
      if (violation != null) {
        reject(row, violation.rule(), violation.reason(), out);
        return;
      }
      out.get(RowsWithErrors.ROWS).output(Row.withSchema(schema).attachValues(list));
    }

    private void reject(Row row, String rule, String reason, MultiOutputReceiver out) {
      counters.add(rule);
      out.get(RowsWithErrors.ERRORS).output(ErrorRecords.forRow(step, reason, row));
    }

    @FinishBundle
    public void finishBundle() {
      counters.flush();
    }
  }
}
