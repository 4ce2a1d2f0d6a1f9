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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The mapping of the sources to Personalize's three datasets, read from a small JSON or YAML file
 * (YAML when its name ends in {@code .yaml} or {@code .yml}): for each of {@code interactions},
 * {@code items} and {@code users}, the list of fields in schema order, each {@code {"name":
 * "TIMESTAMP", "from": "ordered_at", "type": "long", "convert": "epoch-seconds"}} ({@link
 * FieldMapping} lists the keys). Both formats are checked alike. In YAML, a value that looks like a
 * date stays text, and a key given twice is refused. A dataset the file leaves out keeps the
 * default mapping, the one of the generated retail data ({@value #DEFAULT_RESOURCE}).
 *
 * <p>{@code Map<Dataset, DatasetMapping> mappings = MappingFile.load("mapping.yaml");}
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
    Map<Dataset, DatasetMapping> mappings = parse(defaults(), DEFAULT_RESOURCE, "a JSON object");
    if (path == null) {
      return mappings;
    }
    boolean yaml = isYaml(path);
    JsonNode file;
    try (InputStream in = InputFiles.open(path)) {
      file = yaml ? readYaml(in, path) : JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--mapping '" + path + "' cannot be read as " + (yaml ? "YAML" : "JSON") + ": "
              + e.getMessage(), e);
    }
    mappings.putAll(parse(file, path, yaml ? "a YAML mapping" : "a JSON object"));
    return mappings;
  }

  /** Whether the file is read as YAML: its name ends in {@code .yaml} or {@code .yml}. */
  static boolean isYaml(String path) {
    String name = path.toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** The YAML document as a JSON tree, so both formats are checked by the same code. */
  private static JsonNode readYaml(InputStream in, String path) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
        new DumperOptions(), options, new NoTimestamps());
    Object document;
    try {
      document = yaml.load(in);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      throw new IllegalArgumentException("--mapping '" + path + "' cannot be read as YAML: "
          + e.getProblem() + (mark == null ? "" : " at line " + (mark.getLine() + 1)
          + ", column " + (mark.getColumn() + 1)) + ".", e);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(
          "--mapping '" + path + "' cannot be read as YAML: " + e.getMessage() + ".", e);
    }
    return document == null ? null : JSON.valueToTree(document);
  }

  private static JsonNode defaults() {
    try (InputStream in = MappingFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return JSON.readTree(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("The default mapping " + DEFAULT_RESOURCE + " is missing.", e);
    }
  }

  /**
   * The datasets the document ({@code a JSON object} or {@code a YAML mapping}, as a JSON tree)
   * names; one sentence naming the file for anything else.
   */
  static Map<Dataset, DatasetMapping> parse(JsonNode file, String path, String document) {
    if (file == null || !file.isObject()) {
      throw new IllegalArgumentException("--mapping '" + path
          + "' must be " + document + " with interactions, items and users.");
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

  /** YAML 1.1's implicit types without timestamps: {@code 2024-01-01} stays the text it is. */
  private static final class NoTimestamps extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
