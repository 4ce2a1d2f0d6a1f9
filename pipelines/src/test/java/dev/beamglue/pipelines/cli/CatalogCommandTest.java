package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beamglue catalog}: databases, tables and a table's description, as text and JSON. */
class CatalogCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private String catalogFlag;

  @BeforeEach
  void catalog() {
    Path folder = dir.resolve("cat");
    catalogFlag = "--catalog=" + folder;
    EmbeddedCatalog catalog = EmbeddedCatalog.open(folder);
    catalog.ensureDatabase("raw");
    catalog.ensureDatabase("clean");
    Schema actor = Schema.builder().addStringField("login")
        .addNullableField("id", FieldType.INT64).build();
    Schema events = Schema.builder()
        .addNullableField("id", FieldType.STRING)
        .addNullableField("actor", FieldType.row(actor))
        .addNullableField("tags", FieldType.array(FieldType.row(actor).withNullable(true)))
        .addNullableField("counts", FieldType.map(FieldType.STRING, FieldType.INT32))
        .addNullableField("price", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
        .build();
    catalog.putTable(new CatalogTable("raw", "events", "/data/events", "json",
        Map.of("compression", "gzip", "jsonLayout", "lines"), events, List.of("year", "month"),
        1200, 34567, 3, Instant.parse("2024-05-01T10:00:00Z"), 1, Map.of()));
    catalog.putTable(CatalogTable.of("raw", "parks", "/data/parks.csv", "csv",
        Map.of("delimiter", ",", "header", "true"),
        Schema.builder().addNullableField("name", FieldType.STRING).build(), List.of()));
    catalog.putPartitions("raw", "events", List.of(
        new CatalogPartition(List.of("2017", "04"), "/data/events/year=2017/month=04", 2, 100,
            Instant.parse("2024-05-01T10:00:00Z"), null),
        new CatalogPartition(List.of("2017", "03"), "/data/events/year=2017/month=03", 1, 50,
            Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-06-01T00:00:00Z"))));
  }

  private int beamglue(String... args) {
    return new Beamglue(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    String text = err.toString(StandardCharsets.UTF_8).trim();
    assertFalse(text.contains("\n"), "one line, not a stack trace: " + text);
    return text;
  }

  @Test
  void listsDatabasesAndTables() throws Exception {
    assertEquals(Beamglue.OK, beamglue("catalog", "databases", catalogFlag));
    assertEquals("clean\nraw\n", out().replace("\r", ""));
    out.reset();
    assertEquals(Beamglue.OK, beamglue("catalog", "tables", "raw", catalogFlag));
    assertEquals(List.of("events                   json     /data/events",
        "parks                    csv      /data/parks.csv"), out().lines().toList());
    out.reset();
    assertEquals(Beamglue.OK, beamglue("catalog", "tables", "raw", catalogFlag, "--json"));
    JsonNode json = new ObjectMapper().readTree(out());
    assertEquals("raw", json.get("database").asText());
    assertEquals("events", json.at("/tables/0/name").asText());
    assertEquals(5, json.at("/tables/0/columns").asInt());
    assertEquals("[\"year\",\"month\"]", json.at("/tables/0/partitionKeys").toString());
    assertEquals(1200, json.at("/tables/0/rowEstimate").asLong());
    out.reset();
    assertEquals(Beamglue.OK, beamglue("catalog", "databases", "--json", catalogFlag));
    assertEquals("[\"clean\",\"raw\"]", new ObjectMapper().readTree(out()).get("databases").toString());
  }

  @Test
  void describesATableWithItsSchemaTreeAndPartitions() {
    assertEquals(Beamglue.OK, beamglue("catalog", "describe", "raw", "events", catalogFlag));
    assertEquals(List.of(
        "table:          raw.events",
        "location:       /data/events",
        "classification: json",
        "format options: compression=gzip, jsonLayout=lines",
        "rows:           1200 (estimate)",
        "bytes:          34567",
        "files:          3",
        "updated at:     2024-05-01T10:00:00Z",
        "schema version: 1",
        "schema:",
        "  root",
        "   |-- id: string (nullable = true)",
        "   |-- actor: struct (nullable = true)",
        "   |    |-- login: string (nullable = false)",
        "   |    |-- id: bigint (nullable = true)",
        "   |-- tags: array (nullable = true)",
        "   |    |-- element: struct (containsNull = true)",
        "   |    |    |-- login: string (nullable = false)",
        "   |    |    |-- id: bigint (nullable = true)",
        "   |-- counts: map (nullable = true)",
        "   |    |-- key: string",
        "   |    |-- value: int (valueContainsNull = false)",
        "   |-- price: decimal(10,2) (nullable = true)",
        "partition keys: year, month",
        "partitions:     2",
        "  year=2017/month=03  /data/events/year=2017/month=03  1 files, 50 bytes  deleted at "
            + "2024-06-01T00:00:00Z",
        "  year=2017/month=04  /data/events/year=2017/month=04  2 files, 100 bytes"),
        out().lines().toList());
  }

  @Test
  void describesATableAsJson() throws Exception {
    assertEquals(Beamglue.OK,
        beamglue("catalog", "describe", "raw", "events", "--json", catalogFlag));
    JsonNode json = new ObjectMapper().readTree(out());
    assertEquals("events", json.get("name").asText());
    assertEquals("/data/events", json.get("location").asText());
    assertEquals("json", json.get("classification").asText());
    assertEquals("gzip", json.at("/formatOptions/compression").asText());
    assertEquals(34567, json.get("bytesEstimate").asLong());
    assertEquals(3, json.get("fileCount").asLong());
    assertEquals("2024-05-01T10:00:00Z", json.get("updatedAt").asText());
    assertEquals(1, json.get("schemaVersion").asInt());
    assertEquals("actor", json.at("/columns/1/name").asText());
    assertEquals("struct<login:string not null,id:bigint>", json.at("/columns/1/type").asText());
    assertTrue(json.at("/columns/1/nullable").asBoolean());
    assertEquals("map<string,int not null>", json.at("/columns/3/type").asText());
    assertEquals("[\"2017\",\"03\"]", json.at("/partitions/0/values").toString());
    assertTrue(json.at("/partitions/0/deleted").asBoolean());
    assertEquals("2024-06-01T00:00:00Z", json.at("/partitions/0/deletedAt").asText());
    assertFalse(json.at("/partitions/1/deleted").asBoolean());
    assertTrue(json.at("/partitions/1/deletedAt").isNull());
    assertEquals(100, json.at("/partitions/1/bytes").asLong());
  }

  @Test
  void unknownNamesAndBadArgumentsAreOneSentenceAndExitTwo() {
    assertEquals(Beamglue.USAGE, beamglue("catalog", "describe", "raw", "nope", catalogFlag));
    assertEquals("beamglue catalog: Database 'raw' has no table 'nope'; its tables are events, "
        + "parks.", err());
    err.reset();
    assertEquals(Beamglue.USAGE, beamglue("catalog", "tables", "gone", catalogFlag));
    assertEquals("beamglue catalog: The catalog has no database 'gone'; its databases are clean, "
        + "raw.", err());
    err.reset();
    assertEquals(Beamglue.USAGE, beamglue("catalog", "tables", catalogFlag));
    assertEquals("beamglue catalog: tables takes one database name (beamglue catalog tables DB).", err());
    err.reset();
    assertEquals(Beamglue.USAGE, beamglue("catalog", "list", catalogFlag));
    assertEquals("beamglue catalog: unknown subcommand 'list'; the subcommands are databases, "
        + "tables DB and describe DB TABLE.", err());
    err.reset();
    assertEquals(Beamglue.USAGE, beamglue("catalog", "databases", "--jsn", catalogFlag));
    assertEquals("beamglue catalog: unknown option --jsn; the options are --json, --catalog and "
        + "Beam's AWS options ('beamglue catalog --help' lists them).", err());
    err.reset();
    assertEquals(Beamglue.OK, beamglue("catalog", "--help"));
    assertTrue(out().contains("--catalog"), out());
    assertTrue(out().contains("BEAMGLUE_CATALOG"), out());
  }
}
