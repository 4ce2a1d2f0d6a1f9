package dev.beamglue.io.crawler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;

/** Writes the small files of crawler tests. */
final class CrawlFiles {

  private CrawlFiles() {}

  static Path write(Path root, String relative, String... lines) {
    return write(root, relative, StandardCharsets.UTF_8, lines);
  }

  static Path write(Path root, String relative, Charset charset, String... lines) {
    return bytes(root, relative, (String.join("\n", lines) + "\n").getBytes(charset));
  }

  static Path bytes(Path root, String relative, byte[] content) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static Path gzip(Path root, String relative, String... lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes(root, relative, bytes.toByteArray());
  }

  /** A Parquet file of people (id long, name string, score optional double), {@code rows} rows. */
  static Path parquet(Path root, String relative, int rows) {
    Schema schema = SchemaBuilder.record("person").fields()
        .requiredLong("id")
        .requiredString("name")
        .optionalDouble("score")
        .endRecord();
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      try (ParquetWriter<GenericRecord> writer =
          AvroParquetWriter.<GenericRecord>builder(
                  new org.apache.hadoop.fs.Path(file.toUri()))
              .withSchema(schema)
              .withConf(new Configuration(false))
              .build()) {
        for (int i = 0; i < rows; i++) {
          GenericRecord record = new GenericData.Record(schema);
          record.put("id", (long) i);
          record.put("name", "p" + i);
          record.put("score", i % 2 == 0 ? null : i * 1.5);
          writer.write(record);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static void delete(Path path) {
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> names(CrawlPlan plan) {
    return plan.tables().stream().map(PlannedTable::name).toList();
  }
}
