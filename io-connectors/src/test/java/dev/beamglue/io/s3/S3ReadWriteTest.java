package dev.beamglue.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetRows;
import dev.beamglue.io.parquet.RowToAvro;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.testing.s3.LocalS3;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** JSON and Parquet on {@code s3://} paths of a real S3 server (s3proxy), on every runner. */
class S3ReadWriteTest {

  private static LocalS3 s3;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3.start();
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  private static final Schema EVENT =
      Schema.builder()
          .addNullableField("id", FieldType.INT64)
          .addNullableField("name", FieldType.STRING)
          .addNullableField("score", FieldType.DOUBLE)
          .build();

  /** JSON infers small whole numbers as int. */
  private static final Schema JSON_EVENT =
      Schema.builder()
          .addNullableField("id", FieldType.INT32)
          .addNullableField("name", FieldType.STRING)
          .addNullableField("score", FieldType.DOUBLE)
          .build();

  private static Row event(Long id, String name, Double score) {
    return Row.withSchema(EVENT).attachValues(id, name, score);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @PipelineTest
  void jsonReadReadsAGzipFileFromS3() throws IOException {
    String bucket = "json-" + TestPipelines.runnerName().toLowerCase();
    s3.createBucket(bucket);
    s3.put(bucket, "in/events.json.gz",
        gzip("{\"id\": 1, \"name\": \"swing\", \"score\": 1.5}\n"
            + "{\"id\": 2, \"name\": null, \"score\": 2}\n"
            + "{\"id\": 3, \"name\": \"slide\"}\n"));
    s3.put(bucket, "in/_SUCCESS", new byte[0]);

    Pipeline p = TestPipelines.create();
    s3.configure(p.getOptions());
    RowsWithErrors read = p.apply(JsonRead.from("s3://" + bucket + "/in/*.json.gz"));

    assertEquals(JSON_EVENT, read.rows().getSchema());
    PAssert.that(read.rows())
        .containsInAnyOrder(
            Row.withSchema(JSON_EVENT).attachValues(1, "swing", 1.5),
            Row.withSchema(JSON_EVENT).attachValues(2, null, 2.0),
            Row.withSchema(JSON_EVENT).attachValues(3, "slide", null));
    PAssert.that(read.errors()).empty();
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void parquetRowsWritesToS3OverLocalhostAndReadsBack() {
    String bucket = "parquet-" + TestPipelines.runnerName().toLowerCase();
    s3.createBucket(bucket);
    String out = "s3://" + bucket + "/out/";

    Pipeline write = TestPipelines.create();
    s3.configure(write.getOptions(), "localhost", LocalS3.SECRET_KEY);
    OutputFolders.prepare(out, "--output", false);
    write
        .apply(Create.of(event(1L, "swing", 1.5), event(2L, null, 2.0), event(3L, "slide", null))
            .withRowSchema(EVENT))
        .apply(ParquetRows.write().to(out).withNumShards(1));
    TestPipelines.runToEnd(write);

    assertEquals(List.of("out/part-00000-of-00001.parquet"), s3.keys(bucket, "out/"));

    Pipeline read = TestPipelines.create();
    s3.configure(read.getOptions(), "localhost", LocalS3.SECRET_KEY);
    PCollection<GenericRecord> records =
        read.apply(ParquetIO.read(RowToAvro.of(EVENT).avroSchema()).from(out + "*.parquet"));
    PCollection<String> lines =
        records.apply(
            MapElements.into(TypeDescriptors.strings())
                .via(r -> r.get("id") + "|" + r.get("name") + "|" + r.get("score")));
    PAssert.that(lines).containsInAnyOrder("1|swing|1.5", "2|null|2.0", "3|slide|null");
    TestPipelines.runToEnd(read);

    IllegalArgumentException full =
        assertThrows(
            IllegalArgumentException.class, () -> OutputFolders.prepare(out, "--output", false));
    assertEquals(
        "--output folder '" + out + "' already holds 1 files; pass --overwrite to replace them, "
            + "or choose another folder.",
        full.getMessage());
    OutputFolders.prepare(out, "--output", true);
    assertEquals(List.of(), s3.keys(bucket, "out/"));
  }
}
