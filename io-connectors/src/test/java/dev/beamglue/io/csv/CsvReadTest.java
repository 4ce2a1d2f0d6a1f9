package dev.beamglue.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private Path gzip(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static final Schema PEOPLE =
      Schema.builder()
          .addNullableField("id", FieldType.INT64)
          .addNullableField("name", FieldType.STRING)
          .addNullableField("score", FieldType.DOUBLE)
          .build();

  private static Row person(Long id, String name, Double score) {
    return Row.withSchema(PEOPLE).addValues(id, name, score).build();
  }

  @PipelineTest
  void sniffsTheFormatInfersTheSchemaAndSendsBadRecordsToErrors() throws IOException {
    Path file =
        write(
            "people.csv",
            "id,name,score\r\n"
                + "1,ann,1.5\r\n"
                + "2,\"bob \"\"the\"\" builder\nof, houses\",2\r\n"
                + "3,,\r\n"
                + "4,ab\"c,9\r\n" // a stray quote
                + "5,cy\r\n" // too few fields
                + "x6,di,3\r\n" // outside the sample: not a whole number
                + "7,\"\",4");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(CsvRead.from(file.toString()).withSampleSize(3));

    assertEquals(PEOPLE, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(
            person(1L, "ann", 1.5),
            person(2L, "bob \"the\" builder\nof, houses", 2.0),
            person(3L, null, null),
            person(7L, "", 4.0));
    PAssert.that(read.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "CsvRead",
                "Column 2 holds a quote but does not start with one; quote the field and double"
                    + " the quotes inside it.",
                "4,ab\"c,9",
                file + ":6"), // line 3 and 4 hold one record
            ErrorRecords.of(
                "CsvRead",
                "The record has 2 fields but the schema has 3 columns.",
                "5,cy",
                file + ":7"),
            ErrorRecords.of(
                "CsvRead",
                "Cannot cast 'x6' from string to long at field 'id': it is not a whole number.",
                "x6,di,3",
                file + ":8"));
    // records in: 7 (the header is no record) = 4 rows + 3 errors
    PAssert.thatSingleton(read.rows().apply("Count rows", Count.globally())).isEqualTo(4L);
    PAssert.thatSingleton(read.errors().apply("Count errors", Count.globally())).isEqualTo(3L);
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readsIso88591AndUtf8WithAByteOrderMark() throws IOException {
    Path latin = dir.resolve("latin.csv");
    Files.write(latin, "city;n\nZürich;1\nGenève;2\n".getBytes(StandardCharsets.ISO_8859_1));
    Path bom = dir.resolve("bom.csv");
    byte[] text = "city;n\nKöln;3\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[text.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, withBom, 3, text.length);
    Files.write(bom, withBom);
    Schema cities =
        Schema.builder()
            .addNullableField("city", FieldType.STRING)
            .addNullableField("n", FieldType.INT64)
            .build();

    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors fromLatin = pipeline.apply("latin", CsvRead.from(latin.toString()));
    RowsWithErrors fromBom = pipeline.apply("bom", CsvRead.from(bom.toString()));

    assertEquals(cities, fromLatin.rows().getSchema());
    assertEquals(cities, fromBom.rows().getSchema());
    PAssert.that(fromLatin.rows())
        .containsInAnyOrder(
            Row.withSchema(cities).addValues("Zürich", 1L).build(),
            Row.withSchema(cities).addValues("Genève", 2L).build());
    PAssert.that(fromBom.rows())
        .containsInAnyOrder(Row.withSchema(cities).addValues("Köln", 3L).build());
    PAssert.that(fromLatin.errors()).empty();
    PAssert.that(fromBom.errors()).empty();
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readsGzipByNameAndByMagicBytesAndSkipsHiddenFiles() throws IOException {
    gzip("a.csv.gz", "id,name,score\n1,ann,1.5\n");
    gzip("b.csv", "id,name,score\n2,bob,2\n");
    write("_SUCCESS", "");
    write(".hidden.csv", "id,name,score\n9,no,9\n");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read = pipeline.apply(CsvRead.from(dir + "/*"));

    assertEquals(PEOPLE, read.rows().getSchema());
    PAssert.that(read.rows()).containsInAnyOrder(person(1L, "ann", 1.5), person(2L, "bob", 2.0));
    PAssert.that(read.errors()).empty();
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readsWithAnExplicitFormatAndSchema() throws IOException {
    Path file = write("pipes.txt", "1|'a|b'|2024-05-01\n2|'it''s'|\n3|c|05/01/2024\n");
    Schema schema =
        Schema.builder()
            .addInt32Field("n")
            .addNullableField("text", FieldType.STRING)
            .addNullableField("day", FieldType.DATETIME)
            .build();
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read =
        pipeline.apply(
            CsvRead.from(file.toString())
                .withFormat(CsvFormat.DEFAULT.withDelimiter('|').withQuote('\''))
                .withSchema(schema));

    assertEquals(schema, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(
            Row.withSchema(schema)
                .addValues(1, "a|b", org.joda.time.Instant.parse("2024-05-01T00:00:00Z"))
                .build(),
            Row.withSchema(schema).addValues(2, "it's", null).build());
    PAssert.that(read.errors())
        .containsInAnyOrder(
            ErrorRecords.of(
                "CsvRead",
                "Cannot cast '05/01/2024' from string to timestamp at field 'day': timestamps are"
                    + " written ISO-8601 with Z or an offset, yyyy-MM-dd HH:mm:ss[.SSS] or"
                    + " yyyy-MM-dd.",
                "3|c|05/01/2024",
                file + ":3"));
    TestPipelines.runToEnd(pipeline);
  }

  @PipelineTest
  void readFilesReadsMatchedFilesWithAFormatAndSchema() throws IOException {
    write("t1.tsv", "id\tname\tscore\n1\tann\t1.5\n");
    write("t2.tsv", "id\tname\tscore\n2\tbob\t\n");
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors read =
        pipeline
            .apply(FileIO.match().filepattern(dir + "/*.tsv"))
            .apply(FileIO.readMatches())
            .apply(
                CsvRead.readFiles(
                    CsvFormat.DEFAULT.withDelimiter('\t').withHeader(true), PEOPLE));

    assertEquals(PEOPLE, read.rows().getSchema());
    PAssert.that(read.rows()).containsInAnyOrder(person(1L, "ann", 1.5), person(2L, "bob", null));
    PAssert.that(read.errors()).empty();
    TestPipelines.runToEnd(pipeline);
  }

  @Test
  void aMissingFileIsOneSentenceNamingIt() {
    String missing = dir.resolve("nope.csv").toString();
    Pipeline pipeline = TestPipelines.create();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> pipeline.apply(CsvRead.from(missing)));
    assertEquals("No files match '" + missing + "'.", e.getMessage());
  }

  @Test
  void aFileThatIsNotCsvIsOneSentenceNamingIt() throws IOException {
    Path json = write("data.csv", "{\"a\":1,\"b\":2}\n");
    Pipeline pipeline = TestPipelines.create();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> pipeline.apply(CsvRead.from(json.toString())));
    assertEquals(
        "'" + json + "' does not look like CSV: no delimiter among , | tab ; and \\u0001 gives the"
            + " same number of columns (2 or more) in every record at its start; give the format"
            + " with CsvRead.withFormat.",
        e.getMessage());
  }
}
