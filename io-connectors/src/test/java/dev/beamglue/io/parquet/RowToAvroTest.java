package dev.beamglue.io.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class RowToAvroTest {

  private static List<String> names(org.apache.avro.Schema record) {
    return record.getFields().stream().map(org.apache.avro.Schema.Field::name).collect(Collectors.toList());
  }

  @Test
  void sanitizesNamesDeterministicallyAndKeepsThemUnique() {
    Schema inner = Schema.builder().addStringField("a-b").build();
    Schema schema =
        Schema.builder()
            .addStringField("user.name")
            .addStringField("user_name")
            .addStringField("user-name")
            .addStringField("9lives")
            .addStringField("é")
            .addRowField("a.b", inner)
            .addRowField("a_b", inner)
            .build();

    org.apache.avro.Schema avro = RowToAvro.toAvroSchema(schema);

    assertEquals(
        List.of("user_name", "user_name_2", "user_name_3", "_9lives", "_", "a_b", "a_b_2"),
        names(avro));
    assertEquals("root_a_b", avro.getField("a_b").schema().getName());
    assertEquals("root_a_b_2", avro.getField("a_b_2").schema().getName());
    assertEquals(List.of("a_b"), names(avro.getField("a_b").schema()));
    assertEquals(avro, RowToAvro.toAvroSchema(schema));
  }

  @Test
  void convertsByPositionAfterSerialization() {
    Schema schema =
        Schema.builder()
            .addStringField("user.name")
            .addField("price", FieldType.logicalType(FixedPrecisionNumeric.of(5, 2)))
            .addByteField("b")
            .build();
    RowToAvro converter = SerializableUtils.clone(RowToAvro.of(schema));

    GenericRecord record =
        converter.toRecord(
            Row.withSchema(schema).addValues("x", new BigDecimal("1.5"), (byte) 7).build());

    assertEquals("x", record.get("user_name"));
    // Raw Avro form: the unscaled 150 of 1.50, big-endian two's complement (a sign byte first).
    assertEquals(ByteBuffer.wrap(new byte[] {0, (byte) 150}), record.get("price"));
    assertEquals(7, record.get("b"));
  }

  @Test
  void refusesMapsWithoutStringKeysAndDecimalsThatDoNotFit() {
    Schema intKeys =
        Schema.builder().addMapField("counts", FieldType.INT32, FieldType.INT64).build();
    IllegalArgumentException keys =
        assertThrows(IllegalArgumentException.class, () -> RowToAvro.toAvroSchema(intKeys));
    assertEquals(
        "Column 'counts' is a map with int keys; Parquet maps written through Avro need string"
            + " keys. Cast the keys to string first.",
        keys.getMessage());

    Schema big = Schema.builder().addDecimalField("total").build();
    RowToAvro converter = RowToAvro.of(big);
    IllegalArgumentException overflow =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                converter.toRecord(
                    Row.withSchema(big).addValue(new BigDecimal("1e25")).build()));
    assertEquals(
        "Column 'total' holds 1E+25, which does not fit decimal(38,18); cast the column to a wider"
            + " decimal first.",
        overflow.getMessage());
  }
}
