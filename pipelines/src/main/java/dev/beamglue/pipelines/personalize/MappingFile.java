package dev.beamglue.pipelines.personalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.files.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping of the sources to Personalize's three datasets, read from a small JSON file: for
 * each of {@code interactions}, {@code items} and {@code users}, the list of fields in schema
 * order, each {@code {"name": "TIMESTAMP", "from": "ordered_at", "type": "long", "convert":
 * "epoch-seconds"}} ({@link FieldMapping} lists the keys). A dataset the file leaves out keeps the
 * default mapping, the one of the generated retail data ({@value #DEFAULT_RESOURCE}).
 *
 * <p>{@code Map<Dataset, DatasetMapping> mappings = MappingFile.load("mapping.json");}
 */
public final class MappingFile {

  /** The default mapping, a resource of this package. */
  public static final String DEFAULT_RESOURCE = "default-mapping.json";
  private static final Set<String> KEYS =
      Set.of("name", "from", "value", "type", "categorical", "convert", "required");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MappingFile() {}

  /** The mappings of the file (local or {@code s3://}), or the defaults when {@code path} is null. */
  public static Map<Dataset, DatasetMapping> load(String path) {
    Map<Dataset, DatasetMapping> mappings = parse(defaults(), DEFAULT_RESOURCE);
    if (path == null) {
      return mappings;
    }
    JsonNode file;
    try (InputStream in = InputFiles.open(path)) {
      file = JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--mapping '" + path + "' cannot be read as JSON: " + e.getMessage(), e);
    }
    mappings.putAll(parse(file, path));
    return mappings;
  }

  private static JsonNode defaults() {
    try (InputStream in = MappingFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return JSON.readTree(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The default mapping " + DEFAULT_RESOURCE + " is missing.", e);
    }
  }

  /** The datasets the JSON object names; one sentence naming the file for anything else. */
  static Map<Dataset, DatasetMapping> parse(JsonNode file, String path) {
    if (file == null || !file.isObject()) {
      throw new IllegalArgumentException("--mapping '" + path
          + "' must be a JSON object with interactions, items and users.");
    }
    Map<Dataset, DatasetMapping> mappings = new EnumMap<>(Dataset.class);
    Iterator<Map.Entry<String, JsonNode>> entries = file.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      Dataset dataset = datasetNamed(entry.getKey(), path);
      if (!entry.getValue().isArray()) {
        throw new IllegalArgumentException("--mapping '" + path + "': " + entry.getKey()
            + " must be a list of fields.");
      }
      List<FieldMapping> fields = new ArrayList<>();
      for (JsonNode field : entry.getValue()) {
        fields.add(field(field, path + " (" + entry.getKey() + ")"));
      }
      try {
        mappings.put(dataset, DatasetMapping.of(dataset, fields));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--mapping '" + path + "': " + e.getMessage(), e);
      }
    }
    return mappings;
  }

  private static Dataset datasetNamed(String key, String path) {
    for (Dataset dataset : Dataset.values()) {
      if (dataset.folder().equals(key)) {
        return dataset;
      }
    }
    throw new IllegalArgumentException("--mapping '" + path + "' names dataset '" + key
        + "'; the datasets are interactions, items and users.");
  }

  private static FieldMapping field(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("--mapping " + where + ": " + node
          + " is not a field object such as {\"name\": \"USER_ID\", \"from\": \"customer_id\"}.");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("--mapping " + where + ": field " + node.path("name")
            + " has key '" + key + "'; the keys are " + String.join(", ", KEYS.stream().sorted()
            .toList()) + ".");
      }
    }
    try {
      return new FieldMapping(text(node, "name"), text(node, "from"), text(node, "value"),
          text(node, "type"), node.path("categorical").asBoolean(false), text(node, "convert"),
          node.path("required").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--mapping " + where + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }
}
