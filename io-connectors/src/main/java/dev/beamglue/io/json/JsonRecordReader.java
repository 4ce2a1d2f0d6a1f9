package dev.beamglue.io.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.json.JsonRowParser;
import java.io.IOException;
import java.io.InputStream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Reads the JSON records of a file, or of a byte range of an uncompressed newline-delimited file,
 * into rows of a schema: newline-delimited JSON or one array of objects, gzip of either. A record
 * that is not JSON, not an object, or does not fit goes to the error output with its file and
 * line. {@link JsonRead} reads its planned ranges with it; {@link JsonRead#reader} gives it to
 * sources that plan their own files.
 *
 * <p>{@code new JsonRecordReader(schema, schema, hint).read("in/a.json.gz", output);}
 */
final class JsonRecordReader implements FileRecordReader {

  static final String STEP = "JsonRead";
  static final int MAX_INPUT_CHARS = 10_000;

  private final Schema schema;
  private final Schema recordSchema;
  private final String hint;
  private transient JsonRowParser parser;
  private transient ObjectMapper mapper;

  /**
   * @param schema the schema of the rows (possibly a projection of {@code recordSchema})
   * @param recordSchema the schema of the records in the files
   * @param hint the sentence added to the reason of a record that does not fit the schema
   */
  JsonRecordReader(Schema schema, Schema recordSchema, String hint) {
    this.schema = schema;
    this.recordSchema = recordSchema;
    this.hint = hint;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public void read(String path, Output out) throws IOException {
    readRange(path, 0, Long.MAX_VALUE, true, out);
  }

  /**
   * Reads the records of the range: the whole file when {@code whole}, else the lines that start
   * in {@code [start, end)} of an uncompressed newline-delimited file.
   */
  void readRange(String path, long start, long end, boolean whole, Output out)
      throws IOException {
    if (parser == null) {
      parser = new JsonRowParser(schema, recordSchema);
      mapper = new ObjectMapper();
    }
    if (whole) {
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
  private void readLines(String path, LineReader lines, long end, long linesBefore, Output out)
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
            out.row(row);
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
      out.error(
          ErrorRecords.of(
              STEP, reason, lines.text(MAX_INPUT_CHARS), path + ":" + (linesBefore + index)));
    }
  }

  private void readArray(String path, InputStream in, Output out) throws IOException {
    long line = 1;
    try (JsonParser json = mapper.getFactory().createParser(in)) {
      json.nextToken();
      JsonToken token;
      while ((token = json.nextToken()) != JsonToken.END_ARRAY && token != null) {
        line = json.currentTokenLocation().getLineNr();
        String kind = JsonRowParser.jsonTypeName(json, token);
        JsonNode node = mapper.readTree(json);
        if (token != JsonToken.START_OBJECT) {
          out.error(
              ErrorRecords.of(
                  STEP, "The array element is JSON but not an object: it holds " + kind + ".",
                  truncate(node.toString()), path + ":" + line));
          continue;
        }
        try (JsonParser element = node.traverse(mapper)) {
          element.nextToken();
          out.row(parser.parse(element));
        } catch (JsonRowParser.RecordException e) {
          out.error(
              ErrorRecords.of(STEP, e.reason(hint), truncate(node.toString()), path + ":" + line));
        }
      }
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
      out.error(
          ErrorRecords.of(
              STEP, "The file is not JSON from this line on: " + e.getOriginalMessage(), "",
              path + ":" + at));
    }
  }

  private static String truncate(String text) {
    return text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
  }
}
