package dev.beamglue.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;

class CsvSnifferTest {

  private static Optional<CsvDescription> sniff(String text) {
    return CsvSniffer.describe(text.getBytes(StandardCharsets.UTF_8), false, 100);
  }

  private static Schema nullable(Object... namesAndTypes) {
    Schema.Builder schema = Schema.builder();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      schema.addNullableField((String) namesAndTypes[i], (FieldType) namesAndTypes[i + 1]);
    }
    return schema.build();
  }

  @Test
  void findsEachDelimiterAndGluesHeaderRule() {
    String[] delimiters = {",", "|", "\t", ";", "\u0001"};
    for (String d : delimiters) {
      String text = String.join("\n",
          String.join(d, "id", "name", "score", "ok"),
          String.join(d, "1", "ann", "1.5", "true"),
          String.join(d, "2", "", "2", "FALSE"),
          "");
      CsvDescription description = sniff(text).orElseThrow();
      assertEquals(new CsvFormat(d.charAt(0), '"', true, "UTF-8"), description.format());
      assertEquals(
          nullable("id", FieldType.INT64, "name", FieldType.STRING, "score", FieldType.DOUBLE,
              "ok", FieldType.BOOLEAN),
          description.schema());
      assertEquals(2, description.recordsSampled());
    }
  }

  @Test
  void withoutAHeaderNamesColumnsCol0AndKeepsZipCodesAsStrings() {
    CsvDescription description = sniff("01234,7,x\n10001,8,y\n").orElseThrow();
    assertFalse(description.format().header());
    assertEquals(
        nullable("col0", FieldType.STRING, "col1", FieldType.INT64, "col2", FieldType.STRING),
        description.schema());
    assertEquals(2, description.recordsSampled());
  }

  @Test
  void anAllStringFileHasAHeaderOnlyWhenItsFirstRowLooksLikeColumnNames() {
    CsvDescription named = sniff("name,city\nann,paris\nbob,rome\n").orElseThrow();
    assertTrue(named.format().header());
    assertEquals(nullable("name", FieldType.STRING, "city", FieldType.STRING), named.schema());

    // "New York!" is no column name: the first row is data
    CsvDescription data = sniff("ann,New York!\nbob,rome\n").orElseThrow();
    assertFalse(data.format().header());
    assertEquals(2, data.recordsSampled());

    // a first-row value that occurs again in its column is data
    assertFalse(sniff("yes,red\nno,blue\nyes,green\n").orElseThrow().format().header());
  }

  @Test
  void makesEmptyAndDuplicateHeaderNamesUnique() {
    CsvDescription description = sniff(" id ,name,name,\n1,a,b,\n2,c,d,\n").orElseThrow();
    assertEquals(
        nullable("id", FieldType.INT64, "name", FieldType.STRING, "col2", FieldType.STRING,
            "col3", FieldType.STRING),
        description.schema());
  }

  @Test
  void readsIso88591AndABomAndQuotedNewlinesAndCrlf() {
    byte[] latin = "city,n\r\nZürich,1\r\n\"Genève\nGE\",2\r\n".getBytes(StandardCharsets.ISO_8859_1);
    CsvDescription description = CsvSniffer.describe(latin, false, 100).orElseThrow();
    assertEquals(new CsvFormat(',', '"', true, "ISO-8859-1"), description.format());
    assertEquals(nullable("city", FieldType.STRING, "n", FieldType.INT64), description.schema());

    byte[] utf8 = "city;n\nZürich;1\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("UTF-8", CsvSniffer.describe(utf8, false, 100).orElseThrow().format().encoding());
    byte[] bom = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n', '1', ',',
        '2', '\n'};
    CsvDescription withBom = CsvSniffer.describe(bom, false, 100).orElseThrow();
    assertEquals(nullable("a", FieldType.INT64, "b", FieldType.INT64), withBom.schema());
  }

  @Test
  void dropsTheLastRecordOfATruncatedSample() {
    byte[] sample = "a,b\n1,2\n3,4\n5,\"cut in a quo".getBytes(StandardCharsets.UTF_8);
    CsvDescription description = CsvSniffer.describe(sample, true, 100).orElseThrow();
    assertEquals(1, description.recordsSampled()); // 1,2 kept; 3,4 is the last whole line
    assertEquals(nullable("a", FieldType.INT64, "b", FieldType.INT64), description.schema());

    byte[] quoted = "a,b\n1,2\n3,\"x\ny\nz".getBytes(StandardCharsets.UTF_8);
    // the cut falls inside a quoted field: that record is dropped, the one before it kept
    assertEquals(1, CsvSniffer.describe(quoted, true, 100).orElseThrow().recordsSampled());
  }

  @Test
  void jsonBinaryAndFreeTextAreNotCsv() {
    assertEquals(Optional.empty(), sniff("{\"a\":1,\"b\":2}\n{\"a\":3,\"b\":4}\n"));
    assertEquals(Optional.empty(), sniff("[{\"a\":1,\"b\":2}]"));
    assertEquals(Optional.empty(), sniff("Call me Ishmael. Some years ago, never mind\n"
        + "how long precisely\nhaving little or no money in my purse\n"));
    assertEquals(Optional.empty(),
        CsvSniffer.describe(new byte[] {'P', 'A', 'R', '1', 0, 1, 2, ',', 3}, false, 10));
    assertEquals(Optional.empty(), sniff("a,\"b\nc,d\n"));
  }

  @Test
  void formatOptionsRoundTrip() {
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter('\t').withHeader(true)
        .withEncoding("ISO-8859-1");
    assertEquals(Map.of("delimiter", "\t", "quote", "\"", "header", "true",
        "encoding", "ISO-8859-1"), format.toOptions());
    assertEquals(format, CsvFormat.fromOptions(format.toOptions()));
    assertEquals(CsvFormat.DEFAULT, CsvFormat.fromOptions(Map.of()));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> CsvFormat.fromOptions(Map.of("delimiter", "::")));
    assertEquals("The CSV option delimiter is '::': give exactly one character.", e.getMessage());
  }
}
