package dev.beamglue.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.transforms.schema.GlueTypes;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.junit.jupiter.api.Test;

/** Beam field types to Glue column type strings and back. */
class GlueColumnTypesTest {

  private static void roundTrips(String glue, FieldType beam) {
    assertEquals(glue, GlueColumnTypes.toGlue(beam));
    assertEquals(beam.withNullable(true), GlueColumnTypes.parse(glue));
  }

  @Test
  void primitives() {
    roundTrips("boolean", FieldType.BOOLEAN);
    roundTrips("tinyint", FieldType.BYTE);
    roundTrips("smallint", FieldType.INT16);
    roundTrips("int", FieldType.INT32);
    roundTrips("bigint", FieldType.INT64);
    roundTrips("float", FieldType.FLOAT);
    roundTrips("double", FieldType.DOUBLE);
    roundTrips("string", FieldType.STRING);
    roundTrips("binary", FieldType.BYTES);
    roundTrips("date", FieldType.logicalType(SqlTypes.DATE));
    roundTrips("timestamp", FieldType.DATETIME);
    roundTrips("decimal(10,2)", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)));
    assertEquals("decimal(38,18)", GlueColumnTypes.toGlue(FieldType.DECIMAL));
    assertEquals("timestamp", GlueColumnTypes.toGlue(FieldType.logicalType(SqlTypes.DATETIME)));
  }

  @Test
  void aliasesAndSpacesParse() {
    assertEquals(FieldType.INT64.withNullable(true), GlueColumnTypes.parse("long"));
    assertEquals(FieldType.INT32.withNullable(true), GlueColumnTypes.parse("INTEGER"));
    assertEquals(FieldType.STRING.withNullable(true), GlueColumnTypes.parse("varchar(20)"));
    assertEquals(FieldType.logicalType(FixedPrecisionNumeric.of(38, 18)).withNullable(true),
        GlueColumnTypes.parse("decimal"));
    assertEquals(
        FieldType.array(
                FieldType.map(FieldType.STRING, FieldType.INT32.withNullable(true)).withNullable(true))
            .withNullable(true),
        GlueColumnTypes.parse(" array < map < string , int > > "));
  }

  @Test
  void deepNestingRoundTrips() {
    Schema leaf = Schema.builder()
        .addNullableField("x", FieldType.DOUBLE)
        .addField("when", FieldType.DATETIME)
        .build();
    Schema middle = Schema.builder()
        .addNullableField("leaves", FieldType.array(FieldType.row(leaf).withNullable(true)))
        .addNullableField("by.name", FieldType.map(FieldType.STRING, FieldType.row(leaf)))
        .addNullableField("a`b", FieldType.logicalType(FixedPrecisionNumeric.of(5, 0)))
        .build();
    Schema top = Schema.builder()
        .addNullableField("middle", FieldType.row(middle))
        .addNullableField("grid", FieldType.array(FieldType.array(FieldType.INT32)))
        .addNullableField("mixed", GlueTypes.choiceOf(List.of(FieldType.INT64, FieldType.row(leaf))))
        .build();
    String glue = "struct<middle:struct<leaves:array<struct<x:double,when:timestamp not null>>,"
        + "`by.name`:map<string,struct<x:double,when:timestamp not null> not null>,`a``b`:decimal(5,0)>,"
        + "grid:array<array<int not null> not null>,"
        + "mixed:choice<bigint,struct<x:double,when:timestamp not null>>>";
    roundTrips(glue, FieldType.row(top));
    assertEquals("struct<middle:struct<leaves:array<struct<x:double,when:timestamp>>,"
            + "`by.name`:map<string,struct<x:double,when:timestamp>>,`a``b`:decimal(5,0)>,"
            + "grid:array<array<int>>,mixed:string>",
        GlueColumnTypes.toAwsGlue(FieldType.row(top)));
  }

  @Test
  void awsFormParsesBackAsNullable() {
    Schema actor = Schema.builder().addStringField("login").addInt64Field("id").build();
    String aws = GlueColumnTypes.toAwsGlue(FieldType.row(actor));
    assertEquals("struct<login:string,id:bigint>", aws);
    assertEquals(FieldType.row(Schema.builder().addNullableField("login", FieldType.STRING)
            .addNullableField("id", FieldType.INT64).build()).withNullable(true),
        GlueColumnTypes.parse(aws));
  }

  @Test
  void aBadTypeStringIsOneSentenceWithThePosition() {
    assertEquals("Cannot read the Glue type 'struct<a int>' at position 10: expected ':' but found 'i'.",
        assertThrows(IllegalArgumentException.class, () -> GlueColumnTypes.parse("struct<a int>"))
            .getMessage());
    assertEquals("Cannot read the Glue type 'array<strin>' at position 7: unknown type 'strin'.",
        assertThrows(IllegalArgumentException.class, () -> GlueColumnTypes.parse("array<strin>"))
            .getMessage());
    assertEquals("Cannot read the Glue type 'map<string,int' at position 15: expected '>' but the type ends.",
        assertThrows(IllegalArgumentException.class, () -> GlueColumnTypes.parse("map<string,int"))
            .getMessage());
    assertEquals("Cannot read the Glue type 'int>' at position 4: unexpected '>' after the type.",
        assertThrows(IllegalArgumentException.class, () -> GlueColumnTypes.parse("int>"))
            .getMessage());
    assertEquals("Cannot read the Glue type 'struct<a:int,a:string>' at position 14: the struct "
            + "names the field 'a' twice.",
        assertThrows(IllegalArgumentException.class,
            () -> GlueColumnTypes.parse("struct<a:int,a:string>")).getMessage());
  }
}
