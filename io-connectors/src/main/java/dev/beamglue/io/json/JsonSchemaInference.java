package dev.beamglue.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Infers a Beam {@link Schema} from JSON objects with AWS Glue's rules. Every field is nullable.
 * An integer within int32 is {@code int}, a bigger one {@code long}, a number with a fraction or
 * an exponent {@code double}, and numbers widen int, long, double before they disagree. Strings
 * stay strings (no date guessing). Objects become structs with their fields in first-seen order and
 * merge field by field; arrays take the merged type of their elements (an array seen only empty or
 * holding only nulls is {@code array<string>}). A field that is null in every record is a {@code
 * string}. Types that still disagree become a Glue choice ({@link
 * dev.beamglue.transforms.schema.GlueTypes#choiceOf}) with cases sorted by Glue type name, for
 * example {@code choice<long,string>} or {@code choice<string,struct>}. The same records in the
 * same order give the same schema.
 *
 * <p>{@code Schema s = JsonSchemaInference.infer(List.of("{\"id\":1}", "{\"id\":\"x\"}"));}
 */
public final class JsonSchemaInference {

  private static final JsonFactory FACTORY = new JsonFactory();

  private InferredType.Struct root = new InferredType.Struct();
  private long records;

  /** An empty inference, to {@link #add} records to. */
  public static JsonSchemaInference create() {
    return new JsonSchemaInference();
  }

  /** The schema of the given JSON objects, one per string. */
  public static Schema infer(Iterable<String> jsonObjects) {
    JsonSchemaInference inference = create();
    for (String json : jsonObjects) {
      inference.add(json);
    }
    return inference.schema();
  }

  /**
   * Adds one record given as text; throws {@link IllegalArgumentException} when it is not one
   * JSON object.
   */
  public JsonSchemaInference add(String jsonObject) {
    try (JsonParser parser = FACTORY.createParser(jsonObject)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("Not a JSON object: " + jsonObject);
      }
      InferredType.Struct record = inferObject(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("More than one JSON value: " + jsonObject);
      }
      addRecord(record);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not JSON: " + e.getMessage(), e);
    }
    return this;
  }

  /** Adds one record the caller parsed with {@link #inferObject}. */
  void addRecord(InferredType.Struct record) {
    root.mergeFrom(record);
    records++;
  }

  /** The number of records added. */
  public long records() {
    return records;
  }

  /** The schema inferred from the records added so far. */
  public Schema schema() {
    return root.toSchema();
  }

  /**
   * The type of the object the parser is on (its current token is {@code START_OBJECT}); leaves the
   * parser on the object's {@code END_OBJECT}. Throws Jackson's exception on malformed JSON.
   */
  static InferredType.Struct inferObject(JsonParser parser) throws IOException {
    InferredType.Struct struct = new InferredType.Struct();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      struct.put(name, inferValue(parser));
    }
    return struct;
  }

  /** The type of the value at the parser's current token. */
  static InferredType inferValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case VALUE_NULL:
        return InferredType.NULL;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return InferredType.BOOLEAN;
      case VALUE_STRING:
        return InferredType.STRING;
      case VALUE_NUMBER_FLOAT:
        return InferredType.DOUBLE;
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return InferredType.INT;
          case LONG:
            return InferredType.LONG;
          default:
            // Beyond 64 bits: a double keeps the magnitude, as Spark does without prefersDecimal.
            return InferredType.DOUBLE;
        }
      case START_OBJECT:
        return inferObject(parser);
      case START_ARRAY:
        InferredType.Array array = new InferredType.Array();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(inferValue(parser));
        }
        return array;
      default:
        throw new UncheckedIOException(
            new IOException("Unexpected JSON token " + token + " while inferring a schema"));
    }
  }
}
