package dev.beamglue.io.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.DropNullFields;
import dev.beamglue.transforms.schema.GlueTypes;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRowsTest {

  @TempDir Path tmp;

  private static final Schema ITEM =
      Schema.builder().addStringField("sku").addNullableField("qty", FieldType.INT32).build();
  private static final Schema PAYLOAD =
      Schema.builder()
          .addNullableField("description", FieldType.STRING)
          .addNullableField("items", FieldType.array(FieldType.row(ITEM)))
          .build();
  private static final Schema EVENT =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("user.name", FieldType.STRING)
          .addNullableField("1st-try", FieldType.INT16)
          .addBooleanField("active")
          .addNullableField("score", FieldType.DOUBLE)
          .addNullableField("created", FieldType.DATETIME)
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .addNullableField("price", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
          .addNullableField("amount", FieldType.DECIMAL)
          .addNullableField("payload", FieldType.row(PAYLOAD))
          .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
          .addNullableField("attributes", FieldType.map(FieldType.STRING, FieldType.INT64))
          .addNullableField("raw", FieldType.BYTES)
          .build();

  private static final String EXPECTED_AVRO =
      "{\"type\":\"record\",\"name\":\"root\",\"fields\":["
          + "{\"name\":\"id\",\"type\":\"long\"},"
          + "{\"name\":\"user_name\",\"type\":[\"null\",\"string\"],\"default\":null},"
          + "{\"name\":\"_1st_try\",\"type\":[\"null\",\"int\"],\"default\":null},"
          + "{\"name\":\"active\",\"type\":\"boolean\"},"
          + "{\"name\":\"score\",\"type\":[\"null\",\"double\"],\"default\":null},"
          + "{\"name\":\"created\",\"type\":[\"null\",{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}],\"default\":null},"
          + "{\"name\":\"day\",\"type\":[\"null\",{\"type\":\"int\",\"logicalType\":\"date\"}],\"default\":null},"
          + "{\"name\":\"price\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":10,\"scale\":2}],\"default\":null},"
          + "{\"name\":\"amount\",\"type\":[\"null\",{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":38,\"scale\":18}],\"default\":null},"
          + "{\"name\":\"payload\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"root_payload\",\"fields\":["
          + "{\"name\":\"description\",\"type\":[\"null\",\"string\"],\"default\":null},"
          + "{\"name\":\"items\",\"type\":[\"null\",{\"type\":\"array\",\"items\":{\"type\":\"record\",\"name\":\"root_payload_items\",\"fields\":["
          + "{\"name\":\"sku\",\"type\":\"string\"},"
          + "{\"name\":\"qty\",\"type\":[\"null\",\"int\"],\"default\":null}]}}],\"default\":null}]}],\"default\":null},"
          + "{\"name\":\"tags\",\"type\":[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"string\"]}],\"default\":null},"
          + "{\"name\":\"attributes\",\"type\":[\"null\",{\"type\":\"map\",\"values\":\"long\"}],\"default\":null},"
          + "{\"name\":\"raw\",\"type\":[\"null\",\"bytes\"],\"default\":null}]}";

  private static Row full() {
    Map<String, Long> attributes = new LinkedHashMap<>();
    attributes.put("stars", 5L);
    attributes.put("forks", 2L);
    List<String> tags = new ArrayList<>();
    tags.add("a");
    tags.add(null);
    return Row.withSchema(EVENT)
        .addValues(
            1L,
            "ann",
            (short) 3,
            true,
            2.5,
            new org.joda.time.Instant(1_700_000_000_123L),
            LocalDate.of(2024, 2, 29),
            new BigDecimal("12.30"),
            new BigDecimal("0.1234567890123456789"),
            Row.withSchema(PAYLOAD)
                .addValues(
                    "first",
                    List.of(
                        Row.withSchema(ITEM).addValues("x1", 2).build(),
                        Row.withSchema(ITEM).addValues("x2", null).build()))
                .build(),
            tags,
            attributes,
            new byte[] {1, 2, 3})
        .build();
  }

  private static Row sparse() {
    return Row.withSchema(EVENT)
        .addValues(2L, null, null, false, null, null, null, null, null,
            Row.withSchema(PAYLOAD).addValues(null, List.of()).build(), null, null, null)
        .build();
  }

  private static List<GenericRecord> byId(List<GenericRecord> records) {
    return records.stream()
        .sorted(Comparator.comparingLong(r -> (Long) r.get("id")))
        .collect(Collectors.toList());
  }

  private static List<String> names(org.apache.avro.Schema record) {
    return record.getFields().stream().map(f -> f.name()).collect(Collectors.toList());
  }

  private static String str(Object utf8) {
    return utf8 == null ? null : utf8.toString();
  }

  @PipelineTest
  void writesEveryTypeAndReadsItBack() {
    String dir = tmp.resolve("events").toString();
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(full(), sparse()).withRowSchema(EVENT))
        .apply(ParquetRows.write().to(dir).withNumShards(1));
    TestPipelines.runToEnd(pipeline);

    assertEquals(
        List.of(tmp.resolve("events/part-00000-of-00001.parquet")), ParquetFiles.list(dir));
    assertEquals(new org.apache.avro.Schema.Parser().parse(EXPECTED_AVRO), ParquetFiles.avroSchema(dir));
    String parquet = ParquetFiles.parquetSchema(dir).toString();
    for (String column :
        List.of(
            "required int64 id;",
            "optional binary user_name (STRING);",
            "optional int32 _1st_try;",
            "optional int64 created (TIMESTAMP(MILLIS,true));",
            "optional int32 day (DATE);",
            "optional binary price (DECIMAL(10,2));",
            "optional binary amount (DECIMAL(38,18));",
            "optional group tags (LIST) {\n    repeated group list {\n      optional binary element (STRING);")) {
      assertTrue(parquet.contains(column), column + " is not in " + parquet);
    }

    List<GenericRecord> records = byId(ParquetFiles.readRecords(dir));
    assertEquals(2, records.size());
    GenericRecord first = records.get(0);
    assertEquals("ann", str(first.get("user_name")));
    assertEquals(3, first.get("_1st_try"));
    assertEquals(true, first.get("active"));
    assertEquals(2.5, first.get("score"));
    assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), first.get("created"));
    assertEquals(LocalDate.of(2024, 2, 29), first.get("day"));
    assertEquals(new BigDecimal("12.30"), first.get("price"));
    // A plain decimal is written as decimal(38,18), rounded half up.
    assertEquals(new BigDecimal("0.123456789012345679"), first.get("amount"));
    GenericRecord payload = (GenericRecord) first.get("payload");
    assertEquals("first", str(payload.get("description")));
    List<?> items = (List<?>) payload.get("items");
    assertEquals(2, items.size());
    assertEquals("x1", str(((GenericRecord) items.get(0)).get("sku")));
    assertEquals(2, ((GenericRecord) items.get(0)).get("qty"));
    assertNull(((GenericRecord) items.get(1)).get("qty"));
    List<String> tags = new ArrayList<>();
    for (Object tag : (List<?>) first.get("tags")) {
      tags.add(str(tag));
    }
    assertEquals(java.util.Arrays.asList("a", null), tags);
    Map<String, Object> attributes = new LinkedHashMap<>();
    ((Map<?, ?>) first.get("attributes")).forEach((k, v) -> attributes.put(k.toString(), v));
    assertEquals(Map.of("stars", 5L, "forks", 2L), attributes);
    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), first.get("raw"));

    GenericRecord second = records.get(1);
    for (String nullColumn :
        List.of("user_name", "_1st_try", "score", "created", "day", "price", "amount", "tags",
            "attributes", "raw")) {
      assertNull(second.get(nullColumn), nullColumn);
    }
    assertEquals(false, second.get("active"));
    assertEquals(List.of(), ((GenericRecord) second.get("payload")).get("items"));
  }

  @PipelineTest
  void withoutFieldsDropsExactlyTheNullFields() {
    String dir = tmp.resolve("pruned").toString();
    Schema schema =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("org", FieldType.STRING)
            .addNullableField("payload", FieldType.row(PAYLOAD))
            .build();
    List<Row> rows = new ArrayList<>();
    for (long id = 1; id <= 4; id++) {
      Row items = Row.withSchema(ITEM).addValues("s" + id, (int) id).build();
      rows.add(
          Row.withSchema(schema)
              .addValues(id, null, Row.withSchema(PAYLOAD).addValues(null, List.of(items)).build())
              .build());
    }
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.of(rows).withRowSchema(schema));
    DropNullFields.Result nulls = input.apply(DropNullFields.create());
    nulls.rows().apply(ParquetRows.write().to(dir).withoutFields(nulls.nullFieldsView()));
    PAssert.that(nulls.nullFields()).containsInAnyOrder(List.of("org", "payload.description"));
    TestPipelines.runToEnd(pipeline);

    org.apache.avro.Schema expected =
        RowToAvro.toAvroSchema(DropNullFields.prune(schema, List.of("org", "payload.description")));
    assertEquals(expected, ParquetFiles.avroSchema(dir));
    List<GenericRecord> records = byId(ParquetFiles.readRecords(dir));
    assertEquals(4, records.size());
    for (int i = 0; i < 4; i++) {
      GenericRecord record = records.get(i);
      assertEquals(expected, record.getSchema());
      assertEquals(i + 1L, record.get("id"));
      GenericRecord item =
          (GenericRecord) ((List<?>) ((GenericRecord) record.get("payload")).get("items")).get(0);
      assertEquals("s" + (i + 1), str(item.get("sku")));
      assertEquals(i + 1, item.get("qty"));
    }
  }

  @PipelineTest
  void writesOnlyShardsWithRowsAndNoFileForAnEmptyInput() {
    String dir = tmp.resolve("sharded").toString();
    String emptyDir = tmp.resolve("empty").toString();
    Pipeline pipeline = TestPipelines.create();
    DropNullFields.Result nulls =
        pipeline.apply(Create.of(sparse()).withRowSchema(EVENT)).apply(DropNullFields.create());
    nulls
        .rows()
        .apply(ParquetRows.write().to(dir).withNumShards(3).withoutFields(nulls.nullFieldsView()));
    DropNullFields.Result none =
        pipeline.apply("empty", Create.empty(EVENT)).apply("drop on empty", DropNullFields.create());
    none.rows()
        .apply("write empty", ParquetRows.write().to(emptyDir).withoutFields(none.nullFieldsView()));
    TestPipelines.runToEnd(pipeline);

    // Beam's FileIO writes only the shards that got rows, and no file for an empty input.
    assertEquals(List.of(), ParquetFiles.list(emptyDir));
    List<Path> files = ParquetFiles.list(dir);
    assertEquals(1, files.size(), files.toString());
    assertTrue(files.get(0).getFileName().toString().matches("part-0000[0-2]-of-00003\\.parquet"), files.toString());
    assertEquals(
        List.of(2L),
        ParquetFiles.readRecords(dir).stream().map(r -> r.get("id")).collect(Collectors.toList()));
    // Only the columns with a value in the one row remain (payload.items is an empty array).
    assertEquals(List.of("id", "active", "payload"), names(ParquetFiles.avroSchema(dir)));
    assertEquals(List.of("items"), names(ParquetFiles.avroSchema(dir).getField("payload").schema().getTypes().get(1)));
  }

  @Test
  void refusesAChoiceColumnWhenTheTransformIsApplied() {
    Schema withChoice =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField(
                "payload",
                FieldType.row(
                    Schema.builder()
                        .addField("size", GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING)))
                        .build()))
            .build();
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> input = pipeline.apply(Create.empty(withChoice));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> input.apply(ParquetRows.write().to(tmp.toString())));
    assertEquals(
        "Column 'payload.size' is a choice<int,string>; Parquet cannot store a choice. Resolve it"
            + " first with ResolveChoice (cast:TYPE, project:TYPE, make_cols or make_struct).",
        e.getMessage());
  }
}
