package dev.beamglue.pipelines.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Conversions, row rules, schema.json and the report's minimums, without a pipeline. */
class ValidationRulesTest {

  private static final DatasetMapping ITEMS = MappingFile.load(null).get(Dataset.ITEMS);
  private static final long NOW = 1_800_000_000L;

  @Test
  void valuesConvertAsTheMappingSays() {
    FieldMapping categories = ITEMS.fields().get(1);
    assertEquals("Home|Sale", FieldValues.convert(List.of("Home", "Sale"), categories));
    FieldMapping created = ITEMS.fields().get(6);
    assertEquals(1_704_067_200L, FieldValues.convert("2024-01-01T00:00:00Z", created));
    assertEquals(1_704_067_200L, FieldValues.convert(LocalDate.of(2024, 1, 1), created));
    assertEquals(1_704_067_200L,
        FieldValues.convert(new org.joda.time.Instant(1_704_067_200_123L), created));
    assertEquals(1_704_067_200L, FieldValues.convert("2024-01-01 00:00:00", created));
    assertEquals(12.5f, FieldValues.convert(new java.math.BigDecimal("12.50"), ITEMS.fields().get(5)));
    assertEquals("'soon' is not a timestamp or a date",
        assertThrows(IllegalArgumentException.class, () -> FieldValues.convert("soon", created))
            .getMessage());
  }

  @Test
  void theFirstBrokenRuleIsTheViolation() {
    RowRules rules = new RowRules(ITEMS, NOW);
    assertNull(rules.check(values("SKU-1", "Home", 1_700_000_000L)));
    assertEquals(new RowRules.Violation("empty id", "ITEM_ID is empty."),
        rules.check(values(" ", "Home", 1_700_000_000L)));
    assertEquals("id too long", rules.check(values("x".repeat(257), "Home", 1L)).rule());
    assertEquals(new RowRules.Violation("impossible timestamp",
            "CREATION_TIMESTAMP -1 (1969-12-31T23:59:59Z) is before 1970."),
        rules.check(values("SKU-1", "Home", -1L)));
    assertEquals("impossible timestamp", rules.check(values("SKU-1", "Home", NOW + 1)).rule());
    assertEquals(new RowRules.Violation("categorical too long", "CATEGORIES has 1001 characters; "
            + "Personalize takes at most 1000 in a categorical field."),
        rules.check(values("SKU-1", "y".repeat(1001), 1L)));
  }

  private static List<Object> values(String id, String categories, long created) {
    return Arrays.asList(id, categories, "Acme", "red", "oak", 1.5f, created);
  }

  @Test
  void schemaJsonIsAnAvroRecordOfPersonalizesNamespace() {
    Schema schema = new Schema.Parser().parse(SchemaJson.of(ITEMS));
    assertEquals("com.amazonaws.personalize.schema.Items", schema.getFullName());
    assertEquals(Schema.Type.STRING, schema.getField("ITEM_ID").schema().getType());
    assertEquals(List.of(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.LONG)),
        schema.getField("CREATION_TIMESTAMP").schema().getTypes());
    assertEquals(true, schema.getField("CATEGORIES").getObjectProp("categorical"));
    assertNull(schema.getField("PRICE").getObjectProp("categorical"));
  }

  @Test
  void theReportSaysWhichMinimumIsNotMet() {
    ValidationReport report = ValidationReport.of(Map.of(
            "step:interactions parsed", 1_000L, "written:interactions", 990L,
            "step:" + PersonalizeExportPipeline.USERS_WITH_TWO, 30L),
        Map.of("interactions:unknown user", 10L));
    assertEquals(List.of("Personalize needs at least 1,000 interactions, and the export has 990."),
        report.unmetMinimums());
    assertEquals(true, report.datasets().get(Dataset.INTERACTIONS).reconciles());
    assertEquals(Map.of("unknown user", 10L),
        report.datasets().get(Dataset.INTERACTIONS).rejected());
  }
}
