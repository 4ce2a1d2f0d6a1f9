package dev.beamglue.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class DropDuplicatesTest {

  static final Schema ADDRESS =
      Schema.builder().addNullableStringField("zip").addNullableStringField("street").build();
  static final Schema PERSON =
      Schema.builder()
          .addStringField("name")
          .addNullableRowField("address", ADDRESS)
          .addNullableInt32Field("score")
          .addNullableArrayField("tags", FieldType.STRING)
          .addNullableMapField("attrs", FieldType.STRING, FieldType.INT64)
          .addNullableByteArrayField("blob")
          .build();

  static Row person(
      String name, String zip, Integer score, List<String> tags, Map<String, Long> attrs) {
    return person(name, zip, score, tags, attrs, null);
  }

  static Row person(
      String name,
      String zip,
      Integer score,
      List<String> tags,
      Map<String, Long> attrs,
      byte[] blob) {
    Row address = zip == null ? null : Row.withSchema(ADDRESS).addValues(zip, "main").build();
    return Row.withSchema(PERSON).addValues(name, address, score, tags, attrs, blob).build();
  }

  /** A map with the given entries, inserted in the order given. */
  static Map<String, Long> map(Object... entries) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      map.put((String) entries[i], ((Number) entries[i + 1]).longValue());
    }
    return map;
  }

  @PipelineTest
  void allColumnsComparesArraysMapsAndBytesByContent() {
    Pipeline pipeline = TestPipelines.create();
    Map<String, Long> big = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      big.put("k" + i, (long) i);
    }
    Map<String, Long> bigReversed = new LinkedHashMap<>();
    for (int i = 39; i >= 0; i--) {
      bigReversed.put("k" + i, (long) i);
    }
    PCollection<Row> input =
        pipeline.apply(
            Create.of(
                    person("ann", "1", 5, List.of("a", "b"), map("x", 1, "y", 2)),
                    person("ann", "1", 5, List.of("a", "b"), map("y", 2, "x", 1)),
                    person("ann", "1", 5, List.of("b", "a"), map("x", 1, "y", 2)),
                    person("bob", null, null, null, big),
                    person("bob", null, null, null, bigReversed),
                    person("cy", "2", 1, null, null, new byte[] {1, 2}),
                    person("cy", "2", 1, null, null, new byte[] {1, 2}),
                    person("cy", "2", 1, null, null, new byte[] {2, 1}))
                .withRowSchema(PERSON));

    PCollection<Row> distinct = input.apply(DropDuplicates.create());

    assertEquals(PERSON, distinct.getSchema());
    PAssert.that(distinct)
        .containsInAnyOrder(
            person("ann", "1", 5, List.of("a", "b"), map("x", 1, "y", 2)),
            person("ann", "1", 5, List.of("b", "a"), map("x", 1, "y", 2)),
            person("bob", null, null, null, big),
            person("cy", "2", 1, null, null, new byte[] {1, 2}),
            person("cy", "2", 1, null, null, new byte[] {2, 1}));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void aSubsetOfColumnsKeepsTheSameRowEveryTime() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input =
        pipeline.apply(
            Create.of(
                    person("ann", "1", 7, List.of("z"), null),
                    person("ann", "1", 3, List.of("y"), map("q", 1)),
                    person("ann", "1", 3, List.of("x"), map("q", 2)),
                    person("ann", "2", 9, null, null),
                    person("bob", null, 4, null, null),
                    person("bob", null, 2, List.of("w"), null),
                    person("bob", "3", 8, null, null))
                .withRowSchema(PERSON));

    PCollection<Row> byNameAndZip = input.apply(DropDuplicates.on("name", "address.zip"));

    assertEquals(PERSON, byNameAndZip.getSchema());
    // Of the rows sharing a key, the smallest by canonical text: the lowest score, then tags.
    PAssert.that(byNameAndZip)
        .containsInAnyOrder(
            person("ann", "1", 3, List.of("x"), map("q", 2)),
            person("ann", "2", 9, null, null),
            person("bob", null, 2, List.of("w"), null),
            person("bob", "3", 8, null, null));
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void canonicalTextIgnoresMapOrderButNotArrayOrder() {
    Row a = person("ann", "1", 5, List.of("a", "b"), map("x", 1, "y", 2), new byte[] {1});
    Row b = person("ann", "1", 5, List.of("a", "b"), map("y", 2, "x", 1), new byte[] {1});
    Row c = person("ann", "1", 5, List.of("b", "a"), map("x", 1, "y", 2), new byte[] {1});
    assertEquals(CanonicalJson.of(a), CanonicalJson.of(b));
    assertEquals(
        "[\"ann\",[\"1\",\"main\"],5,[\"a\",\"b\"],[[\"x\",1],[\"y\",2]],\"AQ==\"]",
        CanonicalJson.of(a));
    assertEquals(false, CanonicalJson.of(a).equals(CanonicalJson.of(c)));
  }

  @Test
  void rejectsBadPaths() {
    assertThrows(IllegalArgumentException.class, DropDuplicates::on);
    assertEquals(
        "DropDuplicates.on names the field 'name' twice.",
        assertThrows(IllegalArgumentException.class, () -> DropDuplicates.on("name", "name"))
            .getMessage());
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.empty(PERSON).withRowSchema(PERSON));
    assertEquals(
        "Field 'address.city' is not in the schema; the fields there are [zip, street].",
        assertThrows(
                IllegalArgumentException.class,
                () -> input.apply(DropDuplicates.on("address.city")))
            .getMessage());
  }
}
