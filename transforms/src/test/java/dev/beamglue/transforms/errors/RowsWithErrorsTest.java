package dev.beamglue.transforms.errors;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

class RowsWithErrorsTest {

  private static final Schema NUMBER = Schema.builder().addInt32Field("n").build();

  /** A step that fails on odd numbers, to chain. */
  private static PTransform<PCollection<Row>, RowsWithErrors> rejectOdd(String step) {
    return new PTransform<PCollection<Row>, RowsWithErrors>() {
      @Override
      public RowsWithErrors expand(PCollection<Row> input) {
        PCollectionTuple out =
            input.apply(
                ParDo.of(
                        new DoFn<Row, Row>() {
                          @ProcessElement
                          public void process(@Element Row row, MultiOutputReceiver out) {
                            if (row.getInt32("n") % 2 == 0) {
                              out.get(RowsWithErrors.ROWS).output(row);
                            } else {
                              out.get(RowsWithErrors.ERRORS)
                                  .output(ErrorRecords.forRow(step, "odd", row));
                            }
                          }
                        })
                    .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
        return RowsWithErrors.of(
            out.get(RowsWithErrors.ROWS).setRowSchema(NUMBER),
            out.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
      }
    };
  }

  @PipelineTest
  void chainedStepsKeepEveryRecordInRowsOrErrors() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> numbers =
        pipeline.apply(
            Create.of(
                    Row.withSchema(NUMBER).addValue(1).build(),
                    Row.withSchema(NUMBER).addValue(2).build(),
                    Row.withSchema(NUMBER).addValue(4).build())
                .withRowSchema(NUMBER));

    RowsWithErrors result =
        numbers.apply("first", rejectOdd("first")).then("second", rejectOdd("second"));

    PAssert.that(result.rows())
        .containsInAnyOrder(
            Row.withSchema(NUMBER).addValue(2).build(), Row.withSchema(NUMBER).addValue(4).build());
    PAssert.that(result.errors()).containsInAnyOrder(ErrorRecords.of("first", "odd", "{\"n\":1}", null));
    TestPipelines.runToEnd(pipeline);
  }
}
