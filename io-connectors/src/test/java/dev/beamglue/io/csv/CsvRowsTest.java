package dev.beamglue.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

  @TempDir Path dir;

  private static final Schema POINT =
      Schema.builder().addInt32Field("x").addNullableField("tag", FieldType.STRING).build();

  private static final Schema RECORDS =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("text", FieldType.STRING)
          .addNullableField("score", FieldType.DOUBLE)
          .addNullableField("at", FieldType.DATETIME)
          .addNullableField("point", FieldType.row(POINT))
          .build();

  private static List<Row> rows() {
    Row point = Row.withSchema(POINT).addValues(1, "a,b").build();
    return List.of(
        Row.withSchema(RECORDS)
            .addValues(1L, "plain", 1.5, Instant.parse("2024-05-01T10:00:00Z"), point)
            .build(),
        Row.withSchema(RECORDS).addValues(2L, "say \"hi\", then\nleave", null, null, null).build(),
        Row.withSchema(RECORDS).addValues(3L, "", -2.0, null, null).build(),
        Row.withSchema(RECORDS).addValues(4L, null, null, null, null).build(),
        Row.withSchema(RECORDS).addValues(5L, " padded|\r\n", 0.25, null, null).build());
  }

  private List<String> files(String folder) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(folder))) {
      return files.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))  // Beam leaves an empty .temp-beam folder
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @PipelineTest
  void writesAHeaderLfLinesAndQuotesOnlyWhereNeededThenReadsBackTheSameValues()
      throws IOException {
    String out = dir.resolve("out").toString();
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(rows()).withRowSchema(RECORDS))
        .apply(CsvRows.write().to(out).withNumShards(1));
    TestPipelines.runToEnd(write);

    assertEquals(List.of("part-00000-of-00001.csv"), files("out"));
    String text =
        Files.readString(dir.resolve("out").resolve("part-00000-of-00001.csv"));
    List<String> expectedLines =
        List.of(
            "id,text,score,at,point",
            "1,plain,1.5,2024-05-01T10:00:00Z,\"{\"\"x\"\":1,\"\"tag\"\":\"\"a,b\"\"}\"",
            "2,\"say \"\"hi\"\", then\nleave\",,,",
            "3,\"\",-2.0,,",
            "4,,,,",
            "5,\" padded|\r\n\",0.25,,");
    // one shard, rows in any order: the header comes first, each record once, LF line ends
    assertEquals(true, text.startsWith(expectedLines.get(0) + "\n"), text);
    assertEquals(true, text.endsWith("\n"), text);
    for (String line : expectedLines) {
      assertEquals(true, text.contains(line + "\n"), line + " not in " + text);
    }
    assertEquals(
        expectedLines.stream().mapToInt(line -> line.length() + 1).sum(), text.length(), text);

    Schema readBack =
        Schema.builder()
            .addInt64Field("id")
            .addNullableField("text", FieldType.STRING)
            .addNullableField("score", FieldType.DOUBLE)
            .addNullableField("at", FieldType.DATETIME)
            .addNullableField("point", FieldType.STRING)
            .build();
    Pipeline read = TestPipelines.create();
    RowsWithErrors back =
        read.apply(
            CsvRead.from(out + "/*.csv")
                .withFormat(CsvFormat.DEFAULT.withHeader(true))
                .withSchema(readBack));
    PAssert.that(back.rows())
        .containsInAnyOrder(
            Row.withSchema(readBack)
                .addValues(1L, "plain", 1.5, Instant.parse("2024-05-01T10:00:00Z"),
                    "{\"x\":1,\"tag\":\"a,b\"}")
                .build(),
            Row.withSchema(readBack)
                .addValues(2L, "say \"hi\", then\nleave", null, null, null)
                .build(),
            Row.withSchema(readBack).addValues(3L, "", -2.0, null, null).build(),
            Row.withSchema(readBack).addValues(4L, null, null, null, null).build(),
            Row.withSchema(readBack).addValues(5L, " padded|\r\n", 0.25, null, null).build());
    PAssert.that(back.errors()).empty();
    TestPipelines.runToEnd(read);
  }

  @PipelineTest
  void writesThePipeDelimitedIso88591FormatAndTheSnifferReadsItBack() throws IOException {
    Schema cities =
        Schema.builder()
            .addNullableField("city", FieldType.STRING)
            .addNullableField("n", FieldType.INT64)
            .build();
    List<Row> rows =
        List.of(
            Row.withSchema(cities).addValues("Zürich", 1L).build(),
            Row.withSchema(cities).addValues("a|b", 2L).build());
    String out = dir.resolve("latin").toString();
    CsvFormat format =
        CsvFormat.DEFAULT.withDelimiter('|').withHeader(true).withEncoding("ISO-8859-1");
    Pipeline write = TestPipelines.create();
    write.apply(Create.of(rows).withRowSchema(cities))
        .apply(CsvRows.write().to(out).withFormat(format).withNumShards(1));
    TestPipelines.runToEnd(write);

    byte[] bytes = Files.readAllBytes(dir.resolve("latin").resolve("part-00000-of-00001.csv"));
    assertEquals(true, new String(bytes, StandardCharsets.ISO_8859_1).contains("Zürich|1\n"));

    Pipeline read = TestPipelines.create();
    RowsWithErrors back = read.apply(CsvRead.from(out + "/*.csv"));
    assertEquals(cities, back.rows().getSchema());
    PAssert.that(back.rows()).containsInAnyOrder(rows);
    PAssert.that(back.errors()).empty();
    TestPipelines.runToEnd(read);
  }
}
