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
}
