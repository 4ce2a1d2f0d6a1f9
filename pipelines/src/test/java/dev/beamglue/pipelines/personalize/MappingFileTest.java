package dev.beamglue.pipelines.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping file: its defaults, a file that replaces one dataset, and Personalize's limits. */
class MappingFileTest {

  @TempDir Path dir;

  @Test
  void theDefaultsMapTheGeneratedData() {
    Map<Dataset, DatasetMapping> mappings = MappingFile.load(null);
    assertEquals(List.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "CHANNEL"),
        mappings.get(Dataset.INTERACTIONS).names());
    assertEquals(Schema.builder().addStringField("USER_ID")
            .addNullableField("AGE_BAND", FieldType.STRING)
            .addNullableField("LOYALTY_TIER", FieldType.STRING)
            .addNullableField("REGION", FieldType.STRING)
            .addNullableField("MEMBER_SINCE", FieldType.INT64).build(),
        mappings.get(Dataset.USERS).schema());
  }

  @Test
  void aFileReplacesTheDatasetsItNames() throws Exception {
    Path file = Files.writeString(dir.resolve("m.json"), "{\"users\": ["
        + "{\"name\": \"USER_ID\", \"from\": \"id\"},"
        + "{\"name\": \"TIER\", \"from\": \"tier\", \"categorical\": true, \"required\": true}]}");
    Map<Dataset, DatasetMapping> mappings = MappingFile.load(file.toString());
    assertEquals(Schema.builder().addStringField("USER_ID").addStringField("TIER").build(),
        mappings.get(Dataset.USERS).schema());
    assertEquals(7, mappings.get(Dataset.ITEMS).fields().size());
  }

  @Test
  void personalizesLimitsAreCheckedWithOneSentence() throws Exception {
    assertEquals("--mapping '" + dir.resolve("a.json") + "': The users mapping has 6 metadata "
            + "fields; Personalize takes 1 to 5 for users.",
        refused("a.json", "{\"users\": [{\"name\": \"USER_ID\", \"from\": \"id\"},"
            + field("A") + "," + field("B") + "," + field("C") + "," + field("D") + ","
            + field("E") + "," + field("F") + "]}"));
    assertEquals("--mapping '" + dir.resolve("b.json") + "': The interactions mapping has no "
            + "TIMESTAMP, which Personalize requires (long).",
        refused("b.json", "{\"interactions\": [{\"name\": \"USER_ID\", \"from\": \"u\"},"
            + "{\"name\": \"ITEM_ID\", \"from\": \"i\"},"
            + "{\"name\": \"EVENT_TYPE\", \"value\": \"buy\"}]}"));
    assertEquals("--mapping " + dir.resolve("c.json") + " (items): The field 'PRICE' of the "
            + "mapping is categorical, so its type must be string, not float.",
        refused("c.json", "{\"items\": [{\"name\": \"ITEM_ID\", \"from\": \"sku\"},"
            + "{\"name\": \"PRICE\", \"from\": \"p\", \"type\": \"float\", \"categorical\": true}]}"));
    assertEquals("--mapping '" + dir.resolve("d.json") + "' names dataset 'orders'; the datasets "
            + "are interactions, items and users.", refused("d.json", "{\"orders\": []}"));
  }

  private static String field(String name) {
    return "{\"name\": \"" + name + "\", \"from\": \"x\"}";
  }

  private String refused(String name, String json) throws Exception {
    Path file = Files.writeString(dir.resolve(name), json);
    return assertThrows(IllegalArgumentException.class, () -> MappingFile.load(file.toString()))
        .getMessage();
  }

  @Test
  void aYamlFileIsReadLikeTheSameJson() throws Exception {
    Path yaml = Files.writeString(dir.resolve("m.yaml"), String.join("\n",
        "# users from the CRM export",
        "users:",
        "  - name: USER_ID",
        "    from: id",
        "  - {name: TIER, from: tier, categorical: true, required: true}",
        "  - name: COHORT",
        "    value: 2024-01-01",
        "interactions:",
        "  - {name: USER_ID, from: customer}",
        "  - {name: ITEM_ID, from: sku}",
        "  - {name: TIMESTAMP, from: at, type: long, convert: epoch-seconds}",
        "  - {name: EVENT_TYPE, value: purchase}",
        "  - {name: EVENT_VALUE, from: qty, type: float}",
        ""));
    Path json = Files.writeString(dir.resolve("m.json"), "{\"users\": ["
        + "{\"name\": \"USER_ID\", \"from\": \"id\"},"
        + "{\"name\": \"TIER\", \"from\": \"tier\", \"categorical\": true, \"required\": true},"
        + "{\"name\": \"COHORT\", \"value\": \"2024-01-01\"}],"
        + "\"interactions\": [{\"name\": \"USER_ID\", \"from\": \"customer\"},"
        + "{\"name\": \"ITEM_ID\", \"from\": \"sku\"},"
        + "{\"name\": \"TIMESTAMP\", \"from\": \"at\", \"type\": \"long\", "
        + "\"convert\": \"epoch-seconds\"},"
        + "{\"name\": \"EVENT_TYPE\", \"value\": \"purchase\"},"
        + "{\"name\": \"EVENT_VALUE\", \"from\": \"qty\", \"type\": \"float\"}]}");
    Map<Dataset, DatasetMapping> mappings = MappingFile.load(yaml.toString());
    assertEquals(List.of(
            new FieldMapping("USER_ID", "id", null, "string", false, null, false),
            new FieldMapping("TIER", "tier", null, "string", true, null, true),
            new FieldMapping("COHORT", null, "2024-01-01", "string", false, null, false)),
        mappings.get(Dataset.USERS).fields());
    assertEquals(Schema.builder().addStringField("USER_ID").addStringField("TIER")
            .addNullableField("COHORT", FieldType.STRING).build(),
        mappings.get(Dataset.USERS).schema());
    assertEquals(List.of("USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE"),
        mappings.get(Dataset.INTERACTIONS).names());
    assertEquals(MappingFile.load(json.toString()), mappings);
    // the items the file leaves out keep the default mapping
    assertEquals(MappingFile.load(null).get(Dataset.ITEMS), mappings.get(Dataset.ITEMS));
    Path yml = Files.copy(yaml, dir.resolve("M.YML"));
    assertEquals(mappings, MappingFile.load(yml.toString()));
  }

  @Test
  void aYamlFileIsCheckedWithTheSameSentences() throws Exception {
    assertEquals("--mapping '" + dir.resolve("a.yaml") + "': The users mapping has 6 metadata "
            + "fields; Personalize takes 1 to 5 for users.",
        refused("a.yaml", "users:\n  - {name: USER_ID, from: id}\n"
            + "  - {name: A, from: x}\n  - {name: B, from: x}\n  - {name: C, from: x}\n"
            + "  - {name: D, from: x}\n  - {name: E, from: x}\n  - {name: F, from: x}\n"));
    assertEquals("--mapping " + dir.resolve("b.yml") + " (items): field \"PRICE\" has key "
            + "'kind'; the keys are categorical, convert, from, name, required, type, value.",
        refused("b.yml", "items:\n  - {name: ITEM_ID, from: sku}\n"
            + "  - {name: PRICE, from: p, kind: float}\n"));
    assertEquals("--mapping " + dir.resolve("c.yaml") + " (items): The field 'PRICE' of the "
            + "mapping is categorical, so its type must be string, not float.",
        refused("c.yaml", "items:\n  - {name: ITEM_ID, from: sku}\n"
            + "  - {name: PRICE, from: p, type: float, categorical: true}\n"));
    assertEquals("--mapping '" + dir.resolve("d.yaml") + "' must be a YAML mapping with "
            + "interactions, items and users.", refused("d.yaml", "- users\n- items\n"));
    assertEquals("--mapping '" + dir.resolve("e.yaml") + "': users must be a list of fields.",
        refused("e.yaml", "users: {name: USER_ID, from: id}\n"));
  }

  @Test
  void yamlThatDoesNotParseIsRefusedWithItsLine() throws Exception {
    assertEquals("--mapping '" + dir.resolve("f.yaml") + "' cannot be read as YAML: found "
            + "duplicate key users at line 3, column 1.",
        refused("f.yaml", "users:\n  - {name: USER_ID, from: id}\nusers: []\n"));
    assertEquals("--mapping '" + dir.resolve("g.yaml") + "' cannot be read as YAML: expected "
            + "',' or '}', but got : at line 2, column 34.",
        refused("g.yaml", "users:\n  - {name: USER_ID, from: id from: x}\n"));
  }
}
