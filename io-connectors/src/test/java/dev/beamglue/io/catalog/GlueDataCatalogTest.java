package dev.beamglue.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamglue.transforms.schema.GlueTypes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** The AWS Glue catalog against a local endpoint that checks the requests the SDK sends. */
class GlueDataCatalogTest {

  static final Schema ACTOR = Schema.builder()
      .addNullableField("login", FieldType.STRING)
      .addNullableField("id", FieldType.INT64)
      .build();

  static final Schema EVENTS = Schema.builder()
      .addNullableField("id", FieldType.STRING)
      .addNullableField("actor", FieldType.row(ACTOR))
      .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
      .addNullableField("price", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
      .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
      .addNullableField("at", FieldType.DATETIME)
      .build();

  private FakeGlue server;
  private CatalogOptions options;
  private GlueDataCatalog catalog;

  @BeforeEach
  void start() throws IOException {
    server = FakeGlue.start();
    options = PipelineOptionsFactory.fromArgs("--catalog=glue").as(CatalogOptions.class);
    options.setAwsRegion(Region.US_EAST_1);
    options.setEndpoint(server.endpoint());
    options.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    catalog = (GlueDataCatalog) Catalogs.open(options);
  }

  @AfterEach
  void stop() {
    catalog.close();
    server.close();
  }

  private static CatalogTable events() {
    return new CatalogTable("raw", "events", "s3://bucket/events/", "csv",
        Map.of("delimiter", "|", "header", "true", "compression", "gzip", "encoding", "ISO-8859-1"),
        EVENTS, List.of("year", "month"), 1200, 34567, 3, Instant.parse("2024-05-01T10:00:00.123Z"),
        1, Map.of("crawler", "c1"));
  }

  @Test
  void createsADatabaseAndATableAsGlueCrawlersWriteThem() {
    catalog.ensureDatabase("raw");
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    assertEquals(
        List.of("GetDatabase", "CreateDatabase", "GetDatabase", "GetTable", "CreateTable"),
        server.operations());
    assertTrue(server.requests.get(0).authorization().contains("Credential=AKIDTEST/"),
        server.requests.get(0).authorization());
    assertTrue(server.requests.get(0).authorization().contains("/us-east-1/glue/aws4_request"));

    JsonNode create = server.requests("CreateTable").get(0).body();
    assertEquals("raw", create.get("DatabaseName").asText());
    JsonNode input = create.get("TableInput");
    assertEquals("events", input.get("Name").asText());
    assertEquals("EXTERNAL_TABLE", input.get("TableType").asText());
    JsonNode sd = input.get("StorageDescriptor");
    assertEquals("s3://bucket/events/", sd.get("Location").asText());
    List<String> columns = new ArrayList<>();
    sd.get("Columns").forEach(c -> columns.add(c.get("Name").asText() + " " + c.get("Type").asText()));
    assertEquals(List.of("id string", "actor struct<login:string,id:bigint>", "tags array<string>",
        "price decimal(10,2)", "day date", "at timestamp"), columns);
    assertEquals("org.apache.hadoop.mapred.TextInputFormat", sd.get("InputFormat").asText());
    assertEquals("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
        sd.at("/SerdeInfo/SerializationLibrary").asText());
    assertEquals("|", sd.at("/SerdeInfo/Parameters/field.delim").asText());
    JsonNode parameters = input.get("Parameters");
    assertEquals("csv", parameters.get("classification").asText());
    assertEquals("1200", parameters.get("recordCount").asText());
    assertEquals("34567", parameters.get("sizeKey").asText());
    assertEquals("3", parameters.get("objectCount").asText());
    assertEquals("gzip", parameters.get("compressionType").asText());
    assertEquals("file", parameters.get("typeOfData").asText());
    assertEquals("1", parameters.get("skip.header.line.count").asText());
    assertEquals("c1", parameters.get("crawler").asText());
    List<String> keys = new ArrayList<>();
    input.get("PartitionKeys").forEach(k -> keys.add(k.get("Name").asText() + " " + k.get("Type").asText()));
    assertEquals(List.of("year string", "month string"), keys);

    assertEquals(events(), catalog.table("raw", "events"));
    assertEquals(List.of("raw"), catalog.databases());
    assertTrue(catalog.hasTable("raw", "events"));
    assertFalse(catalog.hasTable("raw", "parks"));
  }

  @Test
  void writesParquetAndJsonStorageAndChoicesAsStrings() {
    catalog.ensureDatabase("raw");
    Schema withChoice = Schema.builder().addNullableField("id", FieldType.INT64)
        .addNullableField("mixed", GlueTypes.choiceOf(List.of(FieldType.INT32, FieldType.STRING)))
        .build();
    catalog.putTable(CatalogTable.of("raw", "pq", "/data/pq", "parquet", Map.of(), withChoice, List.of()));
    catalog.putTable(CatalogTable.of("raw", "js", "/data/js", "json", Map.of("jsonLayout", "array"),
        withChoice, List.of()));
    JsonNode parquet = server.requests("CreateTable").get(0).body().at("/TableInput/StorageDescriptor");
    assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
        parquet.get("InputFormat").asText());
    assertEquals("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
        parquet.get("OutputFormat").asText());
    assertEquals("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
        parquet.at("/SerdeInfo/SerializationLibrary").asText());
    assertEquals("string", parquet.at("/Columns/1/Type").asText());
    JsonNode json = server.requests("CreateTable").get(1).body().at("/TableInput/StorageDescriptor");
    assertEquals("org.openx.data.jsonserde.JsonSerDe", json.at("/SerdeInfo/SerializationLibrary").asText());
    assertEquals("id,mixed", json.at("/SerdeInfo/Parameters/paths").asText());

    CatalogTable back = catalog.table("raw", "js");
    assertEquals(Map.of("jsonLayout", "array", "compression", "none"), back.formatOptions());
    assertEquals(FieldType.STRING.withNullable(true), back.columns().getField("mixed").getType());
    assertEquals(List.of("js", "pq"), catalog.tables("raw").stream().map(CatalogTable::name).toList());
  }

  @Test
  void writesPartitionsInBatchesOfAtMostOneHundredAndUpdatesExistingOnes() {
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    List<CatalogPartition> partitions = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      partitions.add(new CatalogPartition(List.of(String.valueOf(2000 + i / 12), String.format("%02d", i % 12)),
          "s3://bucket/events/p" + i + "/", 1, 10 + i, Instant.parse("2024-05-01T10:00:00Z"), null));
    }
    server.requests.clear();
    catalog.putPartitions("raw", "events", partitions);
    assertEquals(List.of("GetTable", "BatchCreatePartition", "BatchCreatePartition",
        "BatchCreatePartition"), server.operations());
    assertEquals(List.of(100, 100, 50), server.requests("BatchCreatePartition").stream()
        .map(r -> r.body().get("PartitionInputList").size()).toList());
    JsonNode first = server.requests("BatchCreatePartition").get(0).body().at("/PartitionInputList/0");
    assertEquals("[\"2000\",\"00\"]", first.get("Values").toString());
    assertEquals("s3://bucket/events/p0/", first.at("/StorageDescriptor/Location").asText());
    assertEquals("struct<login:string,id:bigint>", first.at("/StorageDescriptor/Columns/1/Type").asText());

    server.requests.clear();
    CatalogPartition gone = partitions.get(0).deleted(Instant.parse("2024-06-01T00:00:00Z"));
    CatalogPartition fresh = CatalogPartition.of(List.of("2030", "01"), "s3://bucket/events/new/");
    catalog.putPartitions("raw", "events", List.of(gone, fresh));
    assertEquals(List.of("GetTable", "BatchCreatePartition", "BatchUpdatePartition"), server.operations());
    JsonNode update = server.requests("BatchUpdatePartition").get(0).body();
    assertEquals(1, update.get("Entries").size());
    assertEquals("[\"2000\",\"00\"]", update.at("/Entries/0/PartitionValueList").toString());

    List<CatalogPartition> back = catalog.partitions("raw", "events");
    assertEquals(251, back.size());
    assertEquals(gone, back.get(0));
    assertTrue(back.get(0).isDeleted());
    assertEquals(partitions.get(1), back.get(1));
    assertEquals(fresh.values(), back.get(250).values());
    assertTrue(server.requests("GetPartitions").size() > 100, "follows NextToken");
  }

  @Test
  void archivesASchemaVersionOnlyWhenTheColumnsChange() {
    catalog.ensureDatabase("raw");
    catalog.putTable(events());
    catalog.putTable(events().withStatistics(1, 2, 3, Instant.parse("2024-05-02T00:00:00Z")));
    Schema wider = Schema.builder().addFields(EVENTS.getFields())
        .addNullableField("extra", FieldType.BOOLEAN).build();
    catalog.putTable(events().withColumns(wider));
    List<Boolean> skips = server.requests("UpdateTable").stream()
        .map(r -> r.body().get("SkipArchive").asBoolean()).toList();
    assertEquals(List.of(true, false), skips);
    List<SchemaVersion> versions = catalog.schemaVersions("raw", "events");
    assertEquals(List.of(1, 2), versions.stream().map(SchemaVersion::version).toList());
    assertEquals(EVENTS, versions.get(0).columns());
    assertEquals(wider, versions.get(1).columns());
    assertEquals(2, catalog.table("raw", "events").schemaVersion());
    catalog.deleteTable("raw", "events");
    assertEquals(List.of(), catalog.tables("raw"));
  }

  @Test
  void unknownDatabasesAndTablesAndAwsErrorsAreOneSentence() {
    assertEquals("The catalog has no database 'raw'; it has no databases yet (run beamglue crawl "
            + "to create one).",
        assertThrows(CatalogException.class, () -> catalog.tables("raw")).getMessage());
    catalog.ensureDatabase("raw");
    catalog.ensureDatabase("clean");
    catalog.putTable(events());
    assertEquals("Database 'raw' has no table 'parks'; its tables are events.",
        assertThrows(CatalogException.class, () -> catalog.table("raw", "parks")).getMessage());
    assertEquals("The catalog has no database 'nope'; its databases are clean, raw.",
        assertThrows(CatalogException.class, () -> catalog.partitions("nope", "events")).getMessage());
    assertEquals("The catalog has no database 'nope'; its databases are clean, raw.",
        assertThrows(CatalogException.class, () -> catalog.putTable(
            CatalogTable.of("nope", "t", "/x", "json", Map.of(), EVENTS, List.of()))).getMessage());

    server.denyWith = "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: "
        + "glue:GetTable";
    assertEquals("AWS Glue denied the permission to read the table raw.events: User: "
            + "arn:aws:iam::123456789012:user/ci is not authorized to perform: glue:GetTable.",
        assertThrows(CatalogException.class, () -> catalog.table("raw", "events")).getMessage());
  }

  @Test
  void missingCredentialsAreOneSentence() {
    options.setAwsCredentialsProvider(() -> {
      throw SdkClientException.create("Unable to load credentials from any of the providers in "
          + "the chain AwsCredentialsProviderChain");
    });
    try (GlueDataCatalog noCredentials = GlueDataCatalog.create(options)) {
      assertEquals("Cannot list the databases: no AWS credentials were found (set "
              + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or "
              + "--awsCredentialsProvider).",
          assertThrows(CatalogException.class, noCredentials::databases).getMessage());
    }
  }
}
