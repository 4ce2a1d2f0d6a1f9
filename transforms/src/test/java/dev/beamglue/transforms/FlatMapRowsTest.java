package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

class FlatMapRowsTest {

  static final Schema POST =
      Schema.builder().addStringField("id").addNullableStringField("tags").build();
  static final Schema TAG = Schema.builder().addStringField("id").addStringField("tag").build();
  static final Schema TAG_COPY =
      Schema.builder().addStringField("id").addStringField("tag").build();

  static Row post(String id, String tags) {
    return Row.withSchema(POST).addValues(id, tags).build();
  }

  static Row tag(String id, String tag) {
    return Row.withSchema(TAG).addValues(id, tag).build();
  }

  static Iterable<Row> tags(Row post) {
    String id = post.getString("id");
    String tags = post.getString("tags");
    if (tags == null) {
      return null;
    }
    if (tags.equals("boom")) {
      throw new IllegalStateException("cannot split " + id);
    }
    List<Row> out = new ArrayList<>();
    for (String tag : tags.split(",")) {
      if (tag.isEmpty()) {
        continue;
      }
      if (tag.equals("wrong")) {
        out.add(Row.withSchema(POST).addValues(id, tag).build());
      } else if (tag.equals("nil")) {
        out.add(null);
      } else {
        out.add(Row.withSchema(TAG_COPY).addValues(id, tag).build());
      }
    }
    return out;
  }

  @PipelineTest
  void emitsZeroOrMoreRowsAndAllOrNoneOfARecord() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> posts =
        pipeline.apply(
            Create.of(
                    post("p1", "a,b,c"),
                    post("p2", ""),
                    post("p3", null),
                    post("p4", "boom"),
                    post("p5", "x,wrong"),
                    post("p6", "y,z,nil"),
                    post("p7", "d"))
                .withRowSchema(POST));

    RowsWithErrors result = posts.apply(FlatMapRows.via(FlatMapRowsTest::tags, TAG));

    assertEquals(TAG, result.rows().getSchema());
    PAssert.that(result.rows())
        .containsInAnyOrder(tag("p1", "a"), tag("p1", "b"), tag("p1", "c"), tag("p7", "d"));
    PAssert.that(result.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "FlatMapRows",
                "The function returned null instead of rows.",
                "{\"id\":\"p3\",\"tags\":null}",
                null),
            ErrorRecords.of(
                "FlatMapRows", "cannot split p4", "{\"id\":\"p4\",\"tags\":\"boom\"}", null),
            ErrorRecords.of(
                "FlatMapRows",
                "Row 2: The function returned a row of another schema: missing [tag]; "
                    + "unexpected [tags].",
                "{\"id\":\"p5\",\"tags\":\"x,wrong\"}",
                null),
            ErrorRecords.of(
                "FlatMapRows",
                "The function returned null as row 3.",
                "{\"id\":\"p6\",\"tags\":\"y,z,nil\"}",
                null));
    TestPipelines.runToEnd(pipeline);
  }
}
