package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class FilterTest {

  static final Schema PERSON =
      Schema.builder().addStringField("name").addNullableInt32Field("age").build();

  static Row person(String name, Integer age) {
    return Row.withSchema(PERSON).addValues(name, age).build();
  }

  static PCollection<Row> people(Pipeline pipeline) {
    return pipeline.apply(
        Create.of(
                person("ann", 30),
                person("bob", 12),
                person("cy", null),
                person("boom", 50),
                person("quiet", 60),
                person("dan", 18))
            .withRowSchema(PERSON));
  }

  @PipelineTest
  void keepsRowsThePredicateAcceptsAndSendsFailuresToErrors() {
    Pipeline pipeline = TestPipelines.create();

    RowsWithErrors adults =
        people(pipeline)
            .apply(
                Filter.by(
                    row -> {
                      String name = row.getString("name");
                      if (name.equals("boom")) {
                        throw new IllegalStateException("boom is not a person");
                      }
                      if (name.equals("quiet")) {
                        throw new UnsupportedOperationException();
                      }
                      Integer age = row.getInt32("age");
                      return age == null ? null : age >= 18;
                    }));

    assertEquals(PERSON, adults.rows().getSchema());
    assertEquals(ErrorRecords.SCHEMA, adults.errors().getSchema());
    PAssert.that(adults.rows()).containsInAnyOrder(person("ann", 30), person("dan", 18));
    PAssert.that(adults.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "Filter", "boom is not a person", "{\"name\":\"boom\",\"age\":50}", null),
            ErrorRecords.of(
                "Filter",
                "java.lang.UnsupportedOperationException",
                "{\"name\":\"quiet\",\"age\":60}",
                null),
            ErrorRecords.of(
                "Filter", "The predicate returned null.", "{\"name\":\"cy\",\"age\":null}", null));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void checkedExceptionsAndEmptyInput() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> empty = pipeline.apply("empty", Create.empty(PERSON).withRowSchema(PERSON));
    RowsWithErrors none = empty.apply("none", Filter.by(row -> true));
    RowsWithErrors checked =
        pipeline
            .apply("one", Create.of(List.of(person("ann", 1))).withRowSchema(PERSON))
            .apply(
                "checked",
                Filter.by(
                    row -> {
                      throw new java.io.IOException("cannot read " + row.getString("name"));
                    }));

    PAssert.that(none.rows()).empty();
    PAssert.that(none.errors()).empty();
    PAssert.that(checked.rows()).empty();
    PAssert.that(checked.errors())
        .containsInAnyOrder(
            ErrorRecords.of("Filter", "cannot read ann", "{\"name\":\"ann\",\"age\":1}", null));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void needsAPredicate() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Filter.by(null));
    assertEquals("Filter.by needs a predicate, not null.", e.getMessage());
  }
}
