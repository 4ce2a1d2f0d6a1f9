package dev.beamglue.transforms.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class ValueCastsTest {

  private static final FieldType STRING = FieldType.STRING;
  private static final FieldType BYTE = FieldType.BYTE;
  private static final FieldType SHORT = FieldType.INT16;
  private static final FieldType INT = FieldType.INT32;
  private static final FieldType LONG = FieldType.INT64;
  private static final FieldType FLOAT = FieldType.FLOAT;
  private static final FieldType DOUBLE = FieldType.DOUBLE;
  private static final FieldType DECIMAL = FieldType.DECIMAL;
  private static final FieldType DEC_5_2 = GlueTypes.parse("decimal(5,2)");
  private static final FieldType BOOLEAN = FieldType.BOOLEAN;
  private static final FieldType DATE = GlueTypes.parse("date");
  private static final FieldType TIMESTAMP = FieldType.DATETIME;

  private static Instant utc(String iso) {
    return new Instant(java.time.Instant.parse(iso).toEpochMilli());
  }

  private static void fails(Object value, FieldType from, FieldType to, String message) {
    CastFailure failure = assertThrows(CastFailure.class, () -> ValueCasts.cast(value, from, to));
    assertEquals(message, failure.getMessage());
  }

  @Test
  void nullAndSameTypeAreUnchanged() {
    assertNull(ValueCasts.cast(null, STRING, LONG));
    String text = " x ";
    assertSame(text, ValueCasts.cast(text, STRING, STRING.withNullable(true)));
    BigDecimal amount = new BigDecimal("1.239");
    assertSame(amount, ValueCasts.cast(amount, DEC_5_2, GlueTypes.parse("decimal(5,2)")));
  }

  @Test
  void stringsToIntegersTrimTruncateAndFailOnOverflowOrText() {
    assertEquals(42L, ValueCasts.cast(" 42 ", STRING, LONG));
    assertEquals(-7, ValueCasts.cast("-7", STRING, INT));
    assertEquals(1, ValueCasts.cast("1.9", STRING, INT));
    assertEquals(-1, ValueCasts.cast("-1.9", STRING, INT));
    assertEquals((short) 300, ValueCasts.cast("300", STRING, SHORT));
    assertEquals((byte) 127, ValueCasts.cast("127", STRING, BYTE));
    fails("128", STRING, BYTE, "Cannot cast '128' from string to byte: it is outside the range -128 to 127.");
    fails("abc", STRING, LONG, "Cannot cast 'abc' from string to long: it is not a number.");
    fails("", STRING, INT, "Cannot cast '' from string to int: it is not a number.");
    fails(
        "9223372036854775808",
        STRING,
        LONG,
        "Cannot cast '9223372036854775808' from string to long: it is outside the range "
            + "-9223372036854775808 to 9223372036854775807.");
  }

  @Test
  void numbersBetweenWidthsFailOnOverflow() {
    assertEquals(5L, ValueCasts.cast(5, INT, LONG));
    assertEquals(5, ValueCasts.cast(5L, LONG, INT));
    assertEquals((byte) -3, ValueCasts.cast((short) -3, SHORT, BYTE));
    fails(3_000_000_000L, LONG, INT, "Cannot cast 3000000000 from long to int: it is outside the range -2147483648 to 2147483647.");
    fails(40000, INT, SHORT, "Cannot cast 40000 from int to short: it is outside the range -32768 to 32767.");
  }

  @Test
  void floatingToIntegersTruncateTowardZero() {
    assertEquals(2, ValueCasts.cast(2.99, DOUBLE, INT));
    assertEquals(-2, ValueCasts.cast(-2.99, DOUBLE, INT));
    assertEquals(7L, ValueCasts.cast(7.5f, FLOAT, LONG));
    assertEquals(12, ValueCasts.cast(new BigDecimal("12.75"), DECIMAL, INT));
    fails(1e10, DOUBLE, INT, "Cannot cast 1.0E10 from double to int: it is outside the range -2147483648 to 2147483647.");
    fails(Double.NaN, DOUBLE, LONG, "Cannot cast NaN from double to long: it is not a finite number.");
  }

  @Test
  void toFloatingPoint() {
    assertEquals(3.25, ValueCasts.cast(" 3.25 ", STRING, DOUBLE));
    assertEquals(1.5f, ValueCasts.cast("1.5", STRING, FLOAT));
    assertEquals(Double.NaN, ValueCasts.cast("NaN", STRING, DOUBLE));
    assertEquals(Double.NEGATIVE_INFINITY, ValueCasts.cast("-Infinity", STRING, DOUBLE));
    assertEquals(42.0, ValueCasts.cast(42L, LONG, DOUBLE));
    assertEquals(0.5, ValueCasts.cast(new BigDecimal("0.5"), DECIMAL, DOUBLE));
    assertEquals(1.0, ValueCasts.cast(true, BOOLEAN, DOUBLE));
    assertEquals(2.5f, ValueCasts.cast(2.5, DOUBLE, FLOAT));
    assertEquals(1.5, ValueCasts.cast(1.5f, FLOAT, DOUBLE));
    fails(1e300, DOUBLE, FLOAT, "Cannot cast 1.0E300 from double to float: it is too large for a float.");
    fails("1d", STRING, DOUBLE, "Cannot cast '1d' from string to double: it is not a number.");
  }

  @Test
  void decimalsRoundHalfUpAndFailBeyondPrecision() {
    assertEquals(new BigDecimal("1.24"), ValueCasts.cast("1.235", STRING, DEC_5_2));
    assertEquals(new BigDecimal("-1.24"), ValueCasts.cast("-1.235", STRING, DEC_5_2));
    assertEquals(new BigDecimal("0.10"), ValueCasts.cast(0.1, DOUBLE, DEC_5_2));
    assertEquals(new BigDecimal("0.10"), ValueCasts.cast(0.1f, FLOAT, DEC_5_2));
    assertEquals(new BigDecimal("999.99"), ValueCasts.cast(999.994, DOUBLE, DEC_5_2));
    assertEquals(new BigDecimal("12.00"), ValueCasts.cast(12, INT, DEC_5_2));
    assertEquals(new BigDecimal("12.345"), ValueCasts.cast("12.345", STRING, DECIMAL));
    assertEquals(new BigDecimal("3"), ValueCasts.cast(3L, LONG, DECIMAL));
    assertEquals(new BigDecimal("1.24"), ValueCasts.cast(new BigDecimal("1.235"), DECIMAL, DEC_5_2));
    fails(999.995, DOUBLE, DEC_5_2, "Cannot cast 999.995 from double to decimal(5,2): it needs more than 5 digits with 2 decimals.");
    fails(1234, INT, DEC_5_2, "Cannot cast 1234 from int to decimal(5,2): it needs more than 5 digits with 2 decimals.");
  }

  @Test
  void booleans() {
    assertEquals(true, ValueCasts.cast(" TRUE ", STRING, BOOLEAN));
    assertEquals(false, ValueCasts.cast("False", STRING, BOOLEAN));
    assertEquals(true, ValueCasts.cast("1", STRING, BOOLEAN));
    assertEquals(false, ValueCasts.cast(0, INT, BOOLEAN));
    assertEquals(true, ValueCasts.cast(1L, LONG, BOOLEAN));
    assertEquals(true, ValueCasts.cast(1.0, DOUBLE, BOOLEAN));
    assertEquals(1, ValueCasts.cast(true, BOOLEAN, INT));
    assertEquals("false", ValueCasts.cast(false, BOOLEAN, STRING));
    fails("yes", STRING, BOOLEAN, "Cannot cast 'yes' from string to boolean: only true, false, 1 and 0 are booleans.");
    fails(2, INT, BOOLEAN, "Cannot cast 2 from int to boolean: only 1 and 0 are booleans.");
  }

  @Test
  void dates() {
    assertEquals(LocalDate.of(2024, 2, 29), ValueCasts.cast(" 2024-02-29 ", STRING, DATE));
    assertEquals(LocalDate.of(2024, 3, 1), ValueCasts.cast("2024-02-29T23:30:00-02:00", STRING, DATE));
    assertEquals(LocalDate.of(2024, 3, 1), ValueCasts.cast(utc("2024-03-01T05:00:00Z"), TIMESTAMP, DATE));
    assertEquals("2024-03-01", ValueCasts.cast(LocalDate.of(2024, 3, 1), DATE, STRING));
    assertEquals(utc("2024-03-01T00:00:00Z"), ValueCasts.cast(LocalDate.of(2024, 3, 1), DATE, TIMESTAMP));
    fails("2024-13-01", STRING, DATE, "Cannot cast '2024-13-01' from string to date: dates are written yyyy-MM-dd.");
    fails(20240301, INT, DATE, "Cannot cast 20240301 from int to date.");
    fails(LocalDate.of(2024, 3, 1), DATE, LONG, "Cannot cast 2024-03-01 from date to long.");
  }

  @Test
  void timestamps() {
    assertEquals(utc("2015-01-01T15:00:00Z"), ValueCasts.cast("2015-01-01T15:00:00Z", STRING, TIMESTAMP));
    assertEquals(utc("2015-01-01T13:00:00.250Z"), ValueCasts.cast("2015-01-01T15:00:00.25+02:00", STRING, TIMESTAMP));
    assertEquals(utc("2015-01-01T15:00:00Z"), ValueCasts.cast(" 2015-01-01 15:00:00 ", STRING, TIMESTAMP));
    assertEquals(utc("2015-01-01T15:00:00.123Z"), ValueCasts.cast("2015-01-01 15:00:00.123", STRING, TIMESTAMP));
    assertEquals(utc("2015-01-01T00:00:00Z"), ValueCasts.cast("2015-01-01", STRING, TIMESTAMP));
    assertEquals(utc("1970-01-01T00:00:10Z"), ValueCasts.cast(10L, LONG, TIMESTAMP));
    assertEquals(utc("1970-01-01T00:00:01.500Z"), ValueCasts.cast(1.5, DOUBLE, TIMESTAMP));
    assertEquals(1420124400L, ValueCasts.cast(utc("2015-01-01T15:00:00.999Z"), TIMESTAMP, LONG));
    assertEquals(-1L, ValueCasts.cast(utc("1969-12-31T23:59:59.500Z"), TIMESTAMP, LONG));
    assertEquals(1.5, ValueCasts.cast(utc("1970-01-01T00:00:01.500Z"), TIMESTAMP, DOUBLE));
    assertEquals("2015-01-01T15:00:00Z", ValueCasts.cast(utc("2015-01-01T15:00:00Z"), TIMESTAMP, STRING));
    fails(
        "01/02/2015",
        STRING,
        TIMESTAMP,
        "Cannot cast '01/02/2015' from string to timestamp: timestamps are written ISO-8601 with Z "
            + "or an offset, yyyy-MM-dd HH:mm:ss[.SSS] or yyyy-MM-dd.");
    fails(Long.MAX_VALUE, LONG, TIMESTAMP, "Cannot cast 9223372036854775807 from long to timestamp: it is too far from 1970 in seconds.");
  }

  @Test
  void numbersToStrings() {
    assertEquals("42", ValueCasts.cast(42L, LONG, STRING));
    assertEquals("1.5", ValueCasts.cast(1.5, DOUBLE, STRING));
    assertEquals("0.10", ValueCasts.cast(new BigDecimal("0.10"), DEC_5_2, STRING));
    assertEquals("10000000000", ValueCasts.cast(new BigDecimal("1E10"), DECIMAL, STRING));
    assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), (byte[]) ValueCasts.cast("é", STRING, FieldType.BYTES));
    assertEquals("é", ValueCasts.cast("é".getBytes(StandardCharsets.UTF_8), FieldType.BYTES, STRING));
  }

  @Test
  void choicesCastTheCaseTheyHold() {
    FieldType choice = GlueTypes.choiceOf(List.of(INT, STRING));
    OneOfType oneOf = choice.getLogicalType(OneOfType.class);
    assertEquals(7L, ValueCasts.cast(oneOf.createValue("int", 7), choice, LONG));
    assertEquals(8L, ValueCasts.cast(oneOf.createValue("string", "8"), choice, LONG));
    assertEquals("7", ValueCasts.cast(oneOf.createValue("int", 7), choice, STRING));
    fails(oneOf.createValue("string", "x"), choice, INT, "Cannot cast 'x' from string to int: it is not a number.");
    assertEquals(oneOf.createValue("int", 3), ValueCasts.cast(3, INT, choice));
    fails(3L, LONG, choice, "Cannot cast 3 from long to choice<int,string>: it is none of the choice's types.");
  }

  @Test
  void structsArraysAndMapsRenderAsJsonAndNothingParsesIntoThem() {
    Schema actor = Schema.builder().addStringField("login").addInt64Field("id").build();
    FieldType struct = FieldType.row(actor);
    Row row = Row.withSchema(actor).addValues("octo", 5L).build();
    assertEquals("{\"login\":\"octo\",\"id\":5}", ValueCasts.cast(row, struct, STRING));
    assertEquals("[1,2]", ValueCasts.cast(List.of(1, 2), FieldType.array(INT), STRING));
    assertEquals("{\"a\":true}", ValueCasts.cast(Map.of("a", true), FieldType.map(STRING, BOOLEAN), STRING));
    fails("{\"login\":\"octo\"}", STRING, struct, "Cannot cast '{\"login\":\"octo\"}' from string to struct: values are not converted to that type.");
    fails(row, struct, LONG, "Cannot cast {\"login\":\"octo\",\"id\":5} from struct to long.");
  }

  @Test
  void messageNamesTheField() {
    CastFailure failure =
        assertThrows(CastFailure.class, () -> ValueCasts.cast("x", STRING, INT));
    assertEquals("Cannot cast 'x' from string to int at field 'id': it is not a number.", failure.atField("id"));
  }
}
