package dev.beamglue.pipelines.personalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Avro schema Personalize wants for a dataset, as JSON: a record named {@code Interactions},
 * {@code Items} or {@code Users} in namespace {@value #NAMESPACE}, its fields in the mapping's
 * order, a field that may be empty as the union {@code ["null", type]}, and categorical fields
 * marked {@code "categorical": true}.
 *
 * <p>{@code String json = SchemaJson.of(mapping);}
 */
public final class SchemaJson {

  public static final String NAMESPACE = "com.amazonaws.personalize.schema";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SchemaJson() {}

  public static String of(DatasetMapping mapping) {
    ObjectNode schema = JSON.createObjectNode();
    schema.put("type", "record");
    schema.put("name", mapping.dataset().recordName());
    schema.put("namespace", NAMESPACE);
    ArrayNode fields = schema.putArray("fields");
    for (FieldMapping field : mapping.fields()) {
      ObjectNode node = fields.addObject();
      node.put("name", field.name());
      if (mapping.isRequired(field)) {
        node.put("type", field.type());
      } else {
        node.putArray("type").add("null").add(field.type());
      }
      if (field.categorical()) {
        node.put("categorical", true);
      }
    }
    schema.put("version", "1.0");
    try {
      return JSON.writeValueAsString(schema) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
