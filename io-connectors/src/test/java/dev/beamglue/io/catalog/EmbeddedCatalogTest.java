package dev.beamglue.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.transforms.schema.GlueTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded catalog: round trips, schema versions, several instances, crash safety. */
class EmbeddedCatalogTest {

  @TempDir Path dir;

  static final Schema ACTOR =
      Schema.builder()
          .addStringField("login")
          .addNullableField("id", FieldType.INT64)
          .addNullableField("@type", FieldType.STRING)
          .build();

  static final Schema EVENTS =
      Schema.builder()
          .addStringField("id")
          .addNullableField("actor", FieldType.row(ACTOR))
          .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
          .addNullableField(
              "nested",
              FieldType.array(FieldType.row(Schema.builder()
                  .addNullableField("counts", FieldType.map(FieldType.STRING, FieldType.INT32))
                  .build())))
          .addNullableField("price", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .addNullableField("at", FieldType.DATETIME)
          .addNullableField("raw", FieldType.BYTES)
          .addNullableField("mixed", GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING)))
          .build();

  private static CatalogTable events() {
    return new CatalogTable("raw", "events", "/data/events", "json",
        Map.of("compression", "gzip", "jsonLayout", "lines"), EVENTS, List.of("year", "month"),
        1200, 34567, 3, Instant.parse("2024-05-01T10:00:00Z"), 1, Map.of("crawler", "c1"));
  }

  @Test
  void roundTripsATableWithNestedColumnsAndPartitions() {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    CatalogPartition april = new CatalogPartition(List.of("2017", "04"), "/data/events/year=2017/month=04",
        2, 100, Instant.parse("2024-05-01T10:00:00Z"), null);
    CatalogPartition march = new CatalogPartition(List.of("2017", "03"), "/data/events/year=2017/month=03",
        1, 50, Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"));
    catalog.putPartitions("raw", "events", List.of(april, march));

    CatalogTable back = catalog.table("raw", "events");
    assertEquals(events(), back);
    assertEquals(EVENTS, back.columns());
    assertEquals(List.of(march, april), catalog.partitions("raw", "events"));
    assertTrue(catalog.partitions("raw", "events").get(0).isDeleted());
    assertEquals(List.of("raw"), catalog.databases());
    assertEquals(List.of(back), catalog.tables("raw"));
    assertTrue(catalog.hasTable("raw", "events"));
    assertFalse(catalog.hasTable("raw", "parks"));
  }

  @Test
  void storesColumnsAsGlueTypeStrings() throws IOException {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    String json = Files.readString(dir.resolve("raw/events/table.json"));
    assertTrue(json.contains("\"type\" : \"struct<login:string not null,id:bigint,`@type`:string>\""), json);
    assertTrue(json.contains("\"type\" : \"choice<int,string>\""), json);
    assertTrue(json.contains("\"type\" : \"decimal(10,2)\""), json);
    assertTrue(Files.exists(dir.resolve("raw/database.json")));
  }

  @Test
  void replacesPartitionsWithTheSameValuesAndKeepsTheOthers() {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    catalog.putPartitions("raw", "events", List.of(CatalogPartition.of(List.of("2017", "04"), "a"),
        CatalogPartition.of(List.of("2016", "12"), "b")));
    catalog.putPartitions("raw", "events", List.of(CatalogPartition.of(List.of("2017", "04"), "c")));
    List<CatalogPartition> partitions = catalog.partitions("raw", "events");
    assertEquals(List.of("b", "c"), partitions.stream().map(CatalogPartition::location).toList());
    CatalogException wrong = assertThrows(CatalogException.class, () -> catalog.putPartitions(
        "raw", "events", List.of(CatalogPartition.of(List.of("2017"), "x"))));
    assertEquals("The partition [2017] of table raw.events has 1 value(s) but the table has the "
        + "partition keys year, month.", wrong.getMessage());
  }

  @Test
  void recordsASchemaVersionWhenTheColumnsChange() {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    catalog.putTable(events().withStatistics(5, 6, 7, Instant.now()));
    assertEquals(1, catalog.schemaVersions("raw", "events").size());
    Schema wider = Schema.builder().addFields(EVENTS.getFields())
        .addNullableField("extra", FieldType.STRING).build();
    catalog.putTable(events().withColumns(wider).withSchemaVersion(9));
    List<SchemaVersion> versions = catalog.schemaVersions("raw", "events");
    assertEquals(List.of(1, 2), versions.stream().map(SchemaVersion::version).toList());
    assertEquals(EVENTS, versions.get(0).columns());
    assertEquals(wider, versions.get(1).columns());
    assertEquals(2, catalog.table("raw", "events").schemaVersion());
    Schema nullabilityOnly = Schema.builder().addFields(wider.getFields().subList(1, wider.getFieldCount()))
        .addNullableField("id", FieldType.STRING).build();
    catalog.putTable(events().withColumns(nullabilityOnly));
    assertEquals(3, catalog.table("raw", "events").schemaVersion());
  }

  @Test
  void twoInstancesOnOneFolderSeeEachOthersWrites() {
    EmbeddedCatalog first = EmbeddedCatalog.open(dir);
    first.ensureDatabase("raw");
    first.putTable(events());
    EmbeddedCatalog second = EmbeddedCatalog.open(dir);
    assertEquals(events(), second.table("raw", "events"));
    second.ensureDatabase("clean");
    second.putTable(CatalogTable.of("clean", "parks", "/p", "csv", Map.of("delimiter", ","),
        Schema.builder().addNullableField("name", FieldType.STRING).build(), List.of()));
    second.putPartitions("raw", "events", List.of(CatalogPartition.of(List.of("1", "2"), "l")));
    assertEquals(List.of("clean", "raw"), first.databases());
    assertEquals("parks", first.table("clean", "parks").name());
    assertEquals(1, first.partitions("raw", "events").size());
    first.deleteTable("clean", "parks");
    assertFalse(second.hasTable("clean", "parks"));
    assertEquals(List.of(), second.tables("clean"));
  }

  @Test
  void aCrashBeforeTheMoveLeavesTheOldStateReadable() throws IOException {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    catalog.files().beforeReplace = target -> {
      throw new IOException("simulated crash");
    };
    Schema other = Schema.builder().addNullableField("x", FieldType.INT32).build();
    CatalogException failed =
        assertThrows(CatalogException.class, () -> catalog.putTable(events().withColumns(other)));
    assertTrue(failed.getMessage().contains("simulated crash"), failed.getMessage());

    EmbeddedCatalog after = EmbeddedCatalog.open(dir);
    assertEquals(events(), after.table("raw", "events"));
    assertEquals(1, after.schemaVersions("raw", "events").size());
    try (Stream<Path> files = Files.list(dir.resolve("raw/events"))) {
      assertEquals(List.of("table.json", "versions.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void ignoresAHalfWrittenTemporaryFile() throws IOException {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    Path events = dir.resolve("raw/events");
    Files.writeString(events.resolve(".table.json.1234.tmp"), "{\"database\":\"raw\",\"na",
        StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("raw/.deleted-old-1"));
    Files.writeString(dir.resolve("raw/.deleted-old-1/table.json"), "{", StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("raw/half"));
    Files.writeString(dir.resolve("raw/half/.table.json.99.tmp"), "{", StandardCharsets.UTF_8);

    EmbeddedCatalog other = EmbeddedCatalog.open(dir);
    assertEquals(List.of(events()), other.tables("raw"));
    assertFalse(other.hasTable("raw", "half"));
    other.putTable(events().withStatistics(1, 2, 3, Instant.parse("2024-01-01T00:00:00Z")));
    assertEquals(1, other.table("raw", "events").rowEstimate());
  }

  @Test
  void unknownDatabasesAndTablesAreOneSentence() {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir);
    assertEquals("The catalog has no database 'raw'; it has no databases yet (run beamglue crawl "
            + "to create one).",
        assertThrows(CatalogException.class, () -> catalog.tables("raw")).getMessage());
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    assertEquals("The catalog has no database 'clean'; its databases are raw.",
        assertThrows(CatalogException.class, () -> catalog.table("clean", "events")).getMessage());
    assertEquals("Database 'raw' has no table 'parks'; its tables are events.",
        assertThrows(CatalogException.class, () -> catalog.partitions("raw", "parks")).getMessage());
    assertEquals("Database 'raw' has no table 'parks'; its tables are events.",
        assertThrows(CatalogException.class, () -> catalog.deleteTable("raw", "parks")).getMessage());
    assertEquals("The table name 'Parks-1' is not valid: catalog names are 1 to 255 lower-case "
            + "letters, digits and underscores.",
        assertThrows(CatalogException.class, () -> catalog.table("raw", "Parks-1")).getMessage());
    assertEquals("The database name '../x' is not valid: catalog names are 1 to 255 lower-case "
            + "letters, digits and underscores.",
        assertThrows(CatalogException.class, () -> catalog.ensureDatabase("../x")).getMessage());
  }

  @Test
  void catalogsOpensAFolderOrRejectsAFile() throws IOException {
    Catalog catalog = Catalogs.open(dir.resolve("cat").toString());
    catalog.ensureDatabase("raw");
    assertTrue(Files.exists(dir.resolve("cat/raw/database.json")));
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertEquals("The catalog folder " + file + " is a file; --catalog names a folder or 'glue'.",
        assertThrows(CatalogException.class, () -> Catalogs.open(file.toString())).getMessage());
  }

  @Test
  void theDefaultCatalogIsAFolderInTheWorkingDirectory() {
    CatalogOptions options =
        org.apache.beam.sdk.options.PipelineOptionsFactory.create().as(CatalogOptions.class);
    String env = System.getenv(CatalogOptions.ENVIRONMENT_VARIABLE);
    assertEquals(env == null || env.isBlank() ? "beamglue-catalog" : env, options.getCatalog());
    options = org.apache.beam.sdk.options.PipelineOptionsFactory
        .fromArgs("--catalog=glue").as(CatalogOptions.class);
    assertTrue(Catalogs.isGlue(options.getCatalog()));
  }
}
