package dev.beamglue.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.beamglue.transforms.json.JsonRowParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Reads up to a number of JSON records from files in sorted order and infers their schema with
 * {@link JsonSchemaInference}, when the pipeline is built. Malformed lines and values that are not
 * objects are skipped; when no record at all is an object, the first problem is reported.
 *
 * <p>{@code Schema s = JsonSampler.infer("in/*.json", JsonFiles.match("in/*.json"), 20_000);}
 */
final class JsonSampler {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonSchemaInference inference = JsonSchemaInference.create();
  private final int sampleSize;
  private boolean anyContent;
  private String problem;

  private JsonSampler(int sampleSize) {
    this.sampleSize = sampleSize;
  }

  /**
   * The schema of the first {@code sampleSize} records of the files (all of them when 0); throws
   * {@link IllegalArgumentException} when the files hold no record or no JSON object.
   */
  static Schema infer(String globs, List<MatchResult.Metadata> files, int sampleSize) {
    JsonSampler sampler = new JsonSampler(sampleSize);
    for (MatchResult.Metadata file : files) {
      if (sampler.full()) {
        break;
      }
      String path = file.resourceId().toString();
      try (InputStream in = JsonFiles.open(path)) {
        if (JsonFiles.isJsonArray(in)) {
          sampler.readArray(path, in);
        } else {
          sampler.readLines(path, in);
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read '" + path + "': " + e.getMessage(), e);
      }
    }
    if (sampler.inference.records() == 0) {
      if (!sampler.anyContent) {
        throw new IllegalArgumentException(
            "'" + globs + "' holds no records: every file is empty.");
      }
      throw new IllegalArgumentException(sampler.problem);
    }
    return sampler.inference.schema();
  }

  private boolean full() {
    return sampleSize > 0 && inference.records() >= sampleSize;
  }

  private void note(String path, long line, String reason) {
    anyContent = true;
    if (problem == null) {
      problem = "'" + path + "' is not JSON: line " + line + ": " + reason;
    }
  }

  private static String notAnObject(JsonParser parser, JsonToken token) throws IOException {
    return "expected a JSON object, found " + JsonRowParser.jsonTypeName(parser, token) + ".";
  }

  private void readLines(String path, InputStream in) throws IOException {
    LineReader lines = new LineReader(in, 0);
    long line = 0;
    while (!full() && lines.next()) {
      line++;
      try (JsonParser parser =
          FACTORY.createParser(lines.buffer(), lines.offset(), lines.length())) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          continue;
        }
        if (token != JsonToken.START_OBJECT) {
          note(path, line, notAnObject(parser, token));
          continue;
        }
        InferredType.Struct record = JsonSchemaInference.inferObject(parser);
        if (parser.nextToken() != null) {
          note(path, line, "the line holds more than one JSON value.");
          continue;
        }
        anyContent = true;
        inference.addRecord(record);
      } catch (JsonProcessingException e) {
        note(path, line, e.getOriginalMessage());
      }
    }
  }

  private void readArray(String path, InputStream in) throws IOException {
    long line = 1;
    try (JsonParser parser = FACTORY.createParser(in)) {
      parser.nextToken();
      JsonToken token;
      while (!full() && (token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        line = parser.currentTokenLocation().getLineNr();
        if (token != JsonToken.START_OBJECT) {
          note(path, line, notAnObject(parser, token));
          parser.skipChildren();
          continue;
        }
        anyContent = true;
        inference.addRecord(JsonSchemaInference.inferObject(parser));
      }
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? line : e.getLocation().getLineNr();
      note(path, at, e.getOriginalMessage());
    }
  }
}
