package dev.beamglue.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenRowsCheckTest {

  private static final Schema SCHEMA = Schema.builder().addStringField("name").build();

  @TempDir Path dir;

  @Test
  void countsJsonLinesAndCsvRecordsWithoutTheHeader() throws Exception {
    Path json = Files.writeString(dir.resolve("a.json"), "{\"a\":\"x\\ny\"}\n{\"a\":2}\n");
    Path csv = Files.writeString(dir.resolve("a.csv"), "name\n\"two\nlines\"\nb\nc\n");
    assertEquals(2, WrittenRowsCheck.rowsIn(json.toString(), PartitionedWrite.FileFormat.JSON, null));
    assertEquals(3, WrittenRowsCheck.rowsIn(csv.toString(), PartitionedWrite.FileFormat.CSV,
        CsvFormat.DEFAULT.withHeader(true)));
    assertEquals(4, WrittenRowsCheck.rowsIn(csv.toString(), PartitionedWrite.FileFormat.CSV,
        CsvFormat.DEFAULT));
  }

  @PipelineTest
  void failsTheRunWhenTheFilesHoldFewerRowsThanWereGiven() throws Exception {
    Path written = Files.writeString(dir.resolve("part-0.json"), "{\"name\":\"a\"}\n{\"name\":\"b\"}\n");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply("Files", Create.of(List.of(KV.of("", written.toString())))
            .withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
        .apply(WrittenRowsCheck.of(PartitionedWrite.FileFormat.JSON, null, "out/t",
            pipeline.apply("Rows", Create.of(row("a"), row("b"), row("c")).withRowSchema(SCHEMA))));
    RuntimeException failure =
        assertThrows(RuntimeException.class, () -> TestPipelines.runToEnd(pipeline));
    assertTrue(rootMessage(failure).contains(
        "The write to out/t was given 3 rows but its files hold 2;"), rootMessage(failure));
  }

  private static Row row(String name) {
    return Row.withSchema(SCHEMA).attachValues(name);
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
