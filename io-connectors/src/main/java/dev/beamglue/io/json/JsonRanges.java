package dev.beamglue.io.json;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/**
 * The run-time half of {@link JsonRead}: byte ranges of the input files, and the reading of one
 * range into rows and error records. An uncompressed newline-delimited file is split into ranges
 * that own the lines starting in them; a gzip or JSON array file is one range.
 *
 * <p>{@code files.apply(ParDo.of(new JsonRanges.PlanFn(64L << 20)))}
 */
final class JsonRanges {

  /** One range: a file, its bytes [start, end), and whether it is read whole (gzip, array). */
  static final Schema RANGE =
      Schema.builder()
          .addStringField("path")
          .addInt64Field("start")
          .addInt64Field("end")
          .addBooleanField("whole")
          .build();

  private JsonRanges() {}

  /** Matches the comma-separated globs and splits each file into ranges. */
  static final class PlanFn extends DoFn<String, Row> {
    private final long rangeBytes;

    PlanFn(long rangeBytes) {
      this.rangeBytes = rangeBytes;
    }

    @ProcessElement
    public void process(@Element String globs, OutputReceiver<Row> out) throws IOException {
      for (MatchResult.Metadata file : JsonFiles.match(globs)) {
        String path = file.resourceId().toString();
        long size = file.sizeBytes();
        if (size == 0) {
          continue;
        }
        if (!file.isReadSeekEfficient() || JsonFiles.isGzip(path) || isArray(path)) {
          out.output(Row.withSchema(RANGE).addValues(path, 0L, size, true).build());
          continue;
        }
        for (long start = 0; start < size; start += rangeBytes) {
          long end = Math.min(size, start + rangeBytes);
          out.output(Row.withSchema(RANGE).addValues(path, start, end, false).build());
        }
      }
    }

    private static boolean isArray(String path) throws IOException {
      try (InputStream in = JsonFiles.open(path)) {
        return JsonFiles.isJsonArray(in);
      }
    }
  }

  /** Reads the records of one range into rows of the schema, or error records. */
  static final class ReadFn extends DoFn<Row, Row> {
    private final JsonRecordReader reader;
    private final Counter records = Metrics.counter("beamglue", "JsonRead.records");
    private final Counter errors = Metrics.counter("beamglue", "JsonRead.errors");
    private transient long pendingRecords; // added to the records counter once a bundle

    ReadFn(Schema schema, Schema recordSchema, String hint) {
      this.reader = new JsonRecordReader(schema, recordSchema, hint);
    }

    @FinishBundle
    public void finishBundle() {
      records.inc(pendingRecords);
      pendingRecords = 0;
    }

    @ProcessElement
    public void process(@Element Row range, MultiOutputReceiver out) throws IOException {
      reader.readRange(
          range.getString("path"),
          range.getInt64("start"),
          range.getInt64("end"),
          range.getBoolean("whole"),
          new FileRecordReader.Output() {
            @Override
            public void row(Row row) {
              pendingRecords++;
              out.get(RowsWithErrors.ROWS).output(row);
            }

            @Override
            public void error(Row error) {
              errors.inc();
              out.get(RowsWithErrors.ERRORS).output(error);
            }
          });
    }
  }
}
