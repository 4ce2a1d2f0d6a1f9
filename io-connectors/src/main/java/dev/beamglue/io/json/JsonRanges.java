package dev.beamglue.io.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.json.JsonRowParser;
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

  static final String STEP = "JsonRead";
  static final int MAX_INPUT_CHARS = 10_000;

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
    private final Schema schema;
    private final Schema recordSchema;
    private final String hint;
    private final Counter records = Metrics.counter("beamglue", "JsonRead.records");
    private final Counter errors = Metrics.counter("beamglue", "JsonRead.errors");
    private transient long pendingRecords; // added to the records counter once a bundle
    private transient JsonRowParser parser;
    private transient ObjectMapper mapper;

    ReadFn(Schema schema, Schema recordSchema, String hint) {
      this.schema = schema;
      this.recordSchema = recordSchema;
      this.hint = hint;
    }

    @Setup
    public void setup() {
      parser = new JsonRowParser(schema, recordSchema);
      mapper = new ObjectMapper();
    }

    @FinishBundle
    public void finishBundle() {
      records.inc(pendingRecords);
      pendingRecords = 0;
    }

    @ProcessElement
    public void process(@Element Row range, MultiOutputReceiver out) throws IOException {
      String path = range.getString("path");
      long start = range.getInt64("start");
      long end = range.getInt64("end");
      if (range.getBoolean("whole")) {
        try (InputStream in = JsonFiles.open(path)) {
          if (JsonFiles.isJsonArray(in)) {
            readArray(path, in, out);
          } else {
            readLines(path, new LineReader(in, 0), Long.MAX_VALUE, 0, out);
          }
        }
        return;
      }
      long from = start == 0 ? 0 : start - 1;
      try (InputStream in = JsonFiles.openAt(path, from)) {
        LineReader lines = new LineReader(in, from);
        if (start > 0) {
          lines.skipLine();
        }
        readLines(path, lines, end, start == 0 ? 0 : -1, out);
      }
    }

    /**
     * Reads the lines that start before {@code end}. {@code linesBefore} is the number of lines
     * before the first one, or -1 when not known yet: it is counted at the first error only.
     */
    private void readLines(
        String path, LineReader lines, long end, long linesBefore, MultiOutputReceiver out)
        throws IOException {
      long firstLineStart = lines.position();
      long index = 0;
      while (lines.position() < end && lines.next()) {
        index++;
        String reason;
        try (JsonParser json =
            mapper.getFactory().createParser(lines.buffer(), lines.offset(), lines.length())) {
          JsonToken token = json.nextToken();
          if (token == null) {
            continue;
          }
          if (token != JsonToken.START_OBJECT) {
            reason = "The line is JSON but not an object: it holds "
                + JsonRowParser.jsonTypeName(json, token) + ".";
          } else {
            Row row = parser.parse(json);
            if (json.nextToken() != null) {
              reason = "The line holds more than one JSON value.";
            } else {
              pendingRecords++;
              out.get(RowsWithErrors.ROWS).output(row);
              continue;
            }
          }
        } catch (JsonProcessingException e) {
          reason = "The line is not JSON: " + e.getOriginalMessage();
        } catch (JsonRowParser.RecordException e) {
          reason = e.reason(hint);
        }
        if (linesBefore < 0) {
          linesBefore = JsonFiles.countNewlines(path, firstLineStart);
        }
        error(out, reason, lines.text(MAX_INPUT_CHARS), path + ":" + (linesBefore + index));
      }
    }

    private void readArray(String path, InputStream in, MultiOutputReceiver out)
        throws IOException {
      long line = 1;
      try (JsonParser json = mapper.getFactory().createParser(in)) {
        json.nextToken();
        JsonToken token;
        while ((token = json.nextToken()) != JsonToken.END_ARRAY && token != null) {
          line = json.currentTokenLocation().getLineNr();
          String kind = JsonRowParser.jsonTypeName(json, token);
          JsonNode node = mapper.readTree(json);
          if (token != JsonToken.START_OBJECT) {
            error(out, "The array element is JSON but not an object: it holds " + kind + ".",
                truncate(node.toString()), path + ":" + line);
            continue;
          }
          try (JsonParser element = node.traverse(mapper)) {
            element.nextToken();
            Row row = parser.parse(element);
            pendingRecords++;
            out.get(RowsWithErrors.ROWS).output(row);
          } catch (JsonRowParser.RecordException e) {
            error(out, e.reason(hint), truncate(node.toString()), path + ":" + line);
          }
        }
      } catch (JsonProcessingException e) {
        long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
        error(out, "The file is not JSON from this line on: " + e.getOriginalMessage(), "",
            path + ":" + at);
      }
    }

    private void error(MultiOutputReceiver out, String reason, String input, String location) {
      errors.inc();
      out.get(RowsWithErrors.ERRORS).output(ErrorRecords.of(STEP, reason, input, location));
    }

    private static String truncate(String text) {
      return text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
    }
  }
}
