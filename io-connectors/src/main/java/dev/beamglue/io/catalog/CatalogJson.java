package dev.beamglue.io.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * The JSON form of the embedded catalog's files: tables, partitions and schema versions, with
 * columns as {@code {"name", "type", "nullable"}} where {@code type} is a {@link
 * GlueColumnTypes#toGlue} string.
 *
 * <p>{@code byte[] json = CatalogJson.table(table); CatalogTable back = CatalogJson.table(json,
 * file);}
 */
final class CatalogJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogJson() {}

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode parse(byte[] bytes, Path file) {
    try {
      return MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CatalogException(
          "The catalog file " + file + " is not valid JSON: " + e.getOriginalMessage() + ".", e);
    } catch (IOException e) {
      throw new CatalogException("The catalog file " + file + " cannot be read.", e);
    }
  }

  static ObjectNode database(String name, Instant createdAt) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", name);
    node.put("createdAt", createdAt.toString());
    return node;
  }

  static ObjectNode table(CatalogTable table) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("database", table.database());
    node.put("name", table.name());
    node.put("location", table.location());
    node.put("classification", table.classification());
    node.set("formatOptions", stringMap(table.formatOptions()));
    node.set("columns", columns(table.columns()));
    ArrayNode keys = node.putArray("partitionKeys");
    table.partitionKeys().forEach(keys::add);
    node.put("rowEstimate", table.rowEstimate());
    node.put("bytesEstimate", table.bytesEstimate());
    node.put("fileCount", table.fileCount());
    node.put("updatedAt", table.updatedAt().toString());
    node.put("schemaVersion", table.schemaVersion());
    node.set("parameters", stringMap(table.parameters()));
    return node;
  }

  static CatalogTable table(JsonNode node, Path file) {
    try {
      List<String> keys = new ArrayList<>();
      node.path("partitionKeys").forEach(k -> keys.add(k.asText()));
      return new CatalogTable(
          node.get("database").asText(),
          node.get("name").asText(),
          node.path("location").asText(""),
          node.path("classification").asText(""),
          stringMap(node.path("formatOptions")),
          columns(node.get("columns")),
          keys,
          node.path("rowEstimate").asLong(),
          node.path("bytesEstimate").asLong(),
          node.path("fileCount").asLong(),
          instant(node.get("updatedAt")),
          node.path("schemaVersion").asInt(1),
          stringMap(node.path("parameters")));
    } catch (RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  static ArrayNode partitions(List<CatalogPartition> partitions) {
    ArrayNode array = MAPPER.createArrayNode();
    for (CatalogPartition p : partitions) {
      ObjectNode node = array.addObject();
      ArrayNode values = node.putArray("values");
      p.values().forEach(values::add);
      node.put("location", p.location());
      node.put("fileCount", p.fileCount());
      node.put("bytes", p.bytes());
      node.put("updatedAt", p.updatedAt().toString());
      if (p.deletedAt() != null) {
        node.put("deletedAt", p.deletedAt().toString());
      }
    }
    return array;
  }

  static List<CatalogPartition> partitions(JsonNode array, Path file) {
    try {
      List<CatalogPartition> partitions = new ArrayList<>();
      for (JsonNode node : array) {
        List<String> values = new ArrayList<>();
        node.get("values").forEach(v -> values.add(v.asText()));
        partitions.add(
            new CatalogPartition(
                values,
                node.path("location").asText(""),
                node.path("fileCount").asLong(),
                node.path("bytes").asLong(),
                instant(node.get("updatedAt")),
                node.hasNonNull("deletedAt") ? instant(node.get("deletedAt")) : null));
      }
      return partitions;
    } catch (RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  static ArrayNode versions(List<SchemaVersion> versions) {
    ArrayNode array = MAPPER.createArrayNode();
    for (SchemaVersion v : versions) {
      ObjectNode node = array.addObject();
      node.put("version", v.version());
      node.set("columns", columns(v.columns()));
      node.put("createdAt", v.createdAt().toString());
    }
    return array;
  }

  static List<SchemaVersion> versions(JsonNode array, Path file) {
    try {
      List<SchemaVersion> versions = new ArrayList<>();
      for (JsonNode node : array) {
        versions.add(
            new SchemaVersion(
                node.get("version").asInt(),
                columns(node.get("columns")),
                instant(node.get("createdAt"))));
      }
      return versions;
    } catch (RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  /** Columns as an array of {@code {name, type, nullable[, comment]}}. */
  static ArrayNode columns(Schema schema) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Schema.Field field : schema.getFields()) {
      ObjectNode column = array.addObject();
      column.put("name", field.getName());
      column.put("type", GlueColumnTypes.toGlue(field.getType()));
      column.put("nullable", field.getType().getNullable());
      if (field.getDescription() != null && !field.getDescription().isEmpty()) {
        column.put("comment", field.getDescription());
      }
    }
    return array;
  }

  static Schema columns(JsonNode array) {
    Schema.Builder builder = Schema.builder();
    for (JsonNode column : array) {
      FieldType type = GlueColumnTypes.parse(column.get("type").asText())
          .withNullable(column.path("nullable").asBoolean(true));
      Schema.Field field = Schema.Field.of(column.get("name").asText(), type);
      if (column.hasNonNull("comment")) {
        field = field.withDescription(column.get("comment").asText());
      }
      builder.addField(field);
    }
    return builder.build();
  }

  private static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode node = MAPPER.createObjectNode();
    new TreeMap<>(map).forEach(node::put);
    return node;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      map.put(entry.getKey(), entry.getValue().asText());
    }
    return map;
  }

  private static Instant instant(JsonNode node) {
    return node == null || node.isNull() ? Instant.EPOCH : Instant.parse(node.asText());
  }

  private static CatalogException unreadable(Path file, RuntimeException e) {
    return new CatalogException(
        "The catalog file " + file + " cannot be read (" + e.getMessage() + ").", e);
  }
}
