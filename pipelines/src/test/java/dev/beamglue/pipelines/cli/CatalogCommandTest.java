package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
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

  private final CommandLine cli = new CommandLine();
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

  @Test
  void listsDatabasesAndTables() throws Exception {
    assertEquals(Beamglue.OK, cli.run("catalog", "databases", catalogFlag));
    assertEquals("clean\nraw\n", cli.out().replace("\r", ""));
    assertEquals(Beamglue.OK, cli.run("catalog", "tables", "raw", catalogFlag));
    assertEquals(List.of("events                   json     /data/events",
        "parks                    csv      /data/parks.csv"), cli.out().lines().toList());
    assertEquals(Beamglue.OK, cli.run("catalog", "tables", "raw", catalogFlag, "--json"));
    JsonNode json = new ObjectMapper().readTree(cli.out());
    assertEquals("raw", json.get("database").asText());
    assertEquals("events", json.at("/tables/0/name").asText());
    assertEquals(5, json.at("/tables/0/columns").asInt());
    assertEquals("[\"year\",\"month\"]", json.at("/tables/0/partitionKeys").toString());
    assertEquals(1200, json.at("/tables/0/rowEstimate").asLong());
    assertEquals(Beamglue.OK, cli.run("catalog", "databases", "--json", catalogFlag));
    assertEquals("[\"clean\",\"raw\"]", new ObjectMapper().readTree(cli.out()).get("databases").toString());
  }

  @Test
  void describesATableWithItsSchemaTreeAndPartitions() {
    assertEquals(Beamglue.OK, cli.run("catalog", "describe", "raw", "events", catalogFlag));
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
        cli.out().lines().toList());
  }

  @Test
  void describesATableAsJson() throws Exception {
    assertEquals(Beamglue.OK,
        cli.run("catalog", "describe", "raw", "events", "--json", catalogFlag));
    JsonNode json = new ObjectMapper().readTree(cli.out());
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
    assertEquals(Beamglue.USAGE, cli.run("catalog", "describe", "raw", "nope", catalogFlag));
    assertEquals("beamglue catalog: Database 'raw' has no table 'nope'; its tables are events, "
        + "parks.", cli.oneSentence());
    assertEquals(Beamglue.USAGE, cli.run("catalog", "tables", "gone", catalogFlag));
    assertEquals("beamglue catalog: The catalog has no database 'gone'; its databases are clean, "
        + "raw.", cli.oneSentence());
    assertEquals(Beamglue.USAGE, cli.run("catalog", "tables", catalogFlag));
    assertEquals("beamglue catalog: tables takes one database name (beamglue catalog tables DB).",
        cli.oneSentence());
    assertEquals(Beamglue.USAGE, cli.run("catalog", "list", catalogFlag));
    assertEquals("beamglue catalog: unknown subcommand 'list'; the subcommands are databases, "
        + "tables DB and describe DB TABLE.", cli.oneSentence());
    assertEquals(Beamglue.USAGE, cli.run("catalog", "databases", "--jsn", catalogFlag));
    assertEquals("beamglue catalog: unknown option --jsn; the options are --json, --catalog and "
        + "Beam's AWS options ('beamglue catalog --help' lists them).", cli.oneSentence());
    assertEquals(Beamglue.OK, cli.run("catalog", "--help"));
    assertTrue(cli.out().contains("--catalog"), cli.out());
    assertTrue(cli.out().contains("BEAMGLUE_CATALOG"), cli.out());
  }
}
