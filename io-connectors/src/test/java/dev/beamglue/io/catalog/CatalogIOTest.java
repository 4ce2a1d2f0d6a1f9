package dev.beamglue.io.catalog;

import static dev.beamglue.io.catalog.CatalogTestFiles.allFiles;
import static dev.beamglue.io.catalog.CatalogTestFiles.dataFiles;
import static dev.beamglue.io.catalog.CatalogTestFiles.filesRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogIOTest {

  @TempDir Path dir;

  private static final Schema PARKS =
      Schema.builder()
          .addNullableField("id", FieldType.INT64)
          .addNullableField("name", FieldType.STRING)
          .addNullableField("year", FieldType.STRING)
          .addNullableField("month", FieldType.INT32)
          .build();

  /** The rows read back: the data columns, then the partition keys as strings. */
  private static final Schema READ =
      Schema.builder()
          .addNullableField("id", FieldType.INT64)
          .addNullableField("name", FieldType.STRING)
          .addNullableField("year", FieldType.STRING)
          .addNullableField("month", FieldType.STRING)
          .build();

  private static List<Row> parks() {
    return List.of(
        park(1L, "a", "2017", 4),
        park(2L, "b", "2017", 4),
        park(3L, "c", "2017", 5),
        park(4L, "d", "2018", 1),
        park(5L, null, "2018", 1));
  }

  private static Row park(Long id, String name, String year, Integer month) {
    return Row.withSchema(PARKS).addValues(id, name, year, month).build();
  }

  private static Row read(Long id, String name, String year, String month) {
    return Row.withSchema(READ).addValues(id, name, year, month).build();
  }

  /** Writes the parks partitioned by year and month, one file per partition, and commits. */
  private EmbeddedCatalog writeParks(PartitionedWrite write, String table) {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    Pipeline pipeline = TestPipelines.create();
    PartitionedWrite.Result result =
        pipeline
            .apply(Create.of(parks()).withRowSchema(PARKS))
            .apply(
                write
                    .to(dir.resolve(table).toString())
                    .withPartitionKeys("year", "month")
                    .withNumShards(1)
                    .withCatalogUpdate(catalog, "curated", table));
    assertEquals(List.of(result.commit()), JobCommits.of(pipeline).commits());
    JobCommits.runAndCommit(pipeline);
    return catalog;
  }

  private void assertWrittenTable(EmbeddedCatalog catalog, String table, String suffix)
      throws Exception {
    CatalogTable written = catalog.table("curated", table);
    assertEquals(
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addNullableField("name", FieldType.STRING)
            .build(),
        written.columns());
    assertEquals(List.of("year", "month"), written.partitionKeys());
    assertEquals(suffix.substring(1), written.classification());
    assertEquals(3, written.fileCount());
    assertEquals(
        List.of(List.of("2017", "4"), List.of("2017", "5"), List.of("2018", "1")),
        catalog.partitions("curated", table).stream()
            .map(CatalogPartition::values)
            .sorted((a, b) -> a.toString().compareTo(b.toString()))
            .collect(Collectors.toList()));
    List<String> files = dataFiles(dir.resolve(table));
    assertEquals(3, files.size(), files.toString());
    assertTrue(files.get(0).startsWith("year=2017/month=4/part-"), files.toString());
    assertTrue(files.get(1).startsWith("year=2017/month=5/part-"), files.toString());
    assertTrue(files.get(2).startsWith("year=2018/month=1/part-"), files.toString());
    assertTrue(files.stream().allMatch(f -> f.endsWith(suffix)), files.toString());
    assertEquals(files, allFiles(dir.resolve(table)), "the staging folder is gone");
    assertFalse(Files.exists(dir.resolve(table).resolve(PartitionedWrite.STAGING)));
  }

  @PipelineTest
  void writesPartitionedParquetUpdatesTheCatalogAndReadsItBackWithAndWithoutAPredicate()
      throws Exception {
    EmbeddedCatalog catalog = writeParks(PartitionedWrite.parquet(), "parks");
    assertWrittenTable(catalog, "parks", ".parquet");

    // everything
    Pipeline all = TestPipelines.create();
    CatalogIO.Read readAll = CatalogIO.read(catalog, "curated", "parks");
    RowsWithErrors rows = all.apply(readAll);
    assertEquals(READ, rows.rows().getSchema());
    assertEquals(3, readAll.plannedFiles().size());
    PAssert.that(rows.rows())
        .containsInAnyOrder(
            read(1L, "a", "2017", "4"),
            read(2L, "b", "2017", "4"),
            read(3L, "c", "2017", "5"),
            read(4L, "d", "2018", "1"),
            read(5L, null, "2018", "1"));
    PAssert.that(rows.errors()).empty();
    assertEquals(3, filesRead(TestPipelines.runToEnd(all)));

    // one partition
    Pipeline one = TestPipelines.create();
    CatalogIO.Read readOne =
        CatalogIO.read(catalog, "curated", "parks")
            .withPushDownPredicate("year = '2017' AND month = 4");
    RowsWithErrors april = one.apply(readOne);
    assertEquals(READ, april.rows().getSchema());
    assertEquals(1, readOne.plannedFiles().size());
    assertTrue(readOne.plannedFiles().get(0).contains("/year=2017/month=4/part-"));
    PAssert.that(april.rows())
        .containsInAnyOrder(read(1L, "a", "2017", "4"), read(2L, "b", "2017", "4"));
    assertEquals(1, filesRead(TestPipelines.runToEnd(one)));

    // two partitions, with OR and a number
    Pipeline two = TestPipelines.create();
    CatalogIO.Read readTwo =
        CatalogIO.read(catalog, "curated", "parks")
            .withPushDownPredicate("year = 2018 OR (month BETWEEN 5 AND 12)");
    PAssert.that(two.apply(readTwo).rows())
        .containsInAnyOrder(
            read(3L, "c", "2017", "5"), read(4L, "d", "2018", "1"), read(5L, null, "2018", "1"));
    assertEquals(2, readTwo.plannedFiles().size());
    assertEquals(2, filesRead(TestPipelines.runToEnd(two)));
  }

  @PipelineTest
  void overwritePartitionsReplacesOnlyThePartitionsARunWrites() throws Exception {
    EmbeddedCatalog catalog = writeParks(PartitionedWrite.parquet(), "parks");
    Files.writeString(dir.resolve("parks/year=2017/month=4/_SUCCESS"), "");
    Pipeline rerun = TestPipelines.create();
    rerun
        .apply(Create.of(park(6L, "f", "2017", 4), park(7L, "g", "2019", 2)).withRowSchema(PARKS))
        .apply(
            PartitionedWrite.parquet()
                .to(dir.resolve("parks").toString())
                .withPartitionKeys("year", "month")
                .withNumShards(1)
                .withCatalogUpdate(catalog, "curated", "parks")
                .withOverwritePartitions());
    JobCommits.runAndCommit(rerun);

    List<String> files = dataFiles(dir.resolve("parks"));
    assertEquals(4, files.size(), files.toString());
    assertTrue(Files.exists(dir.resolve("parks/year=2017/month=4/_SUCCESS")), "hidden files stay");
    assertEquals(4, catalog.table("curated", "parks").fileCount());
    Map<List<String>, Long> filesPerPartition =
        catalog.partitions("curated", "parks").stream()
            .collect(Collectors.toMap(CatalogPartition::values, CatalogPartition::fileCount));
    assertEquals(
        Map.of(List.of("2017", "4"), 1L, List.of("2017", "5"), 1L, List.of("2018", "1"), 1L,
            List.of("2019", "2"), 1L),
        filesPerPartition);

    Pipeline all = TestPipelines.create();
    PAssert.that(all.apply(CatalogIO.read(catalog, "curated", "parks")).rows())
        .containsInAnyOrder(
            read(6L, "f", "2017", "4"),
            read(3L, "c", "2017", "5"),
            read(4L, "d", "2018", "1"),
            read(5L, null, "2018", "1"),
            read(7L, "g", "2019", "2"));
    TestPipelines.runToEnd(all);
  }

  @PipelineTest
  void writesPartitionedJsonAndReadsOnePartitionBack() throws Exception {
    EmbeddedCatalog catalog = writeParks(PartitionedWrite.json(), "parks_json");
    assertWrittenTable(catalog, "parks_json", ".json");
    assertEquals(
        Map.of("jsonLayout", "lines", "compression", "none"),
        catalog.table("curated", "parks_json").formatOptions());

    Pipeline pipeline = TestPipelines.create();
    CatalogIO.Read read =
        CatalogIO.read(catalog, "curated", "parks_json").withPushDownPredicate("year = '2018'");
    RowsWithErrors rows = pipeline.apply(read);
    assertEquals(READ, rows.rows().getSchema());
    PAssert.that(rows.rows())
        .containsInAnyOrder(read(4L, "d", "2018", "1"), read(5L, null, "2018", "1"));
    PAssert.that(rows.errors()).empty();
    assertEquals(1, read.plannedFiles().size());
    assertEquals(1, filesRead(TestPipelines.runToEnd(pipeline)));
  }

  @PipelineTest
  void writesPartitionedCsvWithAHeaderAndReadsTwoPartitionsBack() throws Exception {
    CsvFormat format = CsvFormat.DEFAULT.withDelimiter('|').withHeader(true);
    EmbeddedCatalog catalog = writeParks(PartitionedWrite.csv(format), "parks_csv");
    assertWrittenTable(catalog, "parks_csv", ".csv");
    assertEquals(format, CsvFormat.fromOptions(catalog.table("curated", "parks_csv").formatOptions()));
    String file = dataFiles(dir.resolve("parks_csv")).get(2);
    List<String> lines = Files.readAllLines(dir.resolve("parks_csv").resolve(file));
    assertEquals("id|name", lines.get(0), "the header comes first");
    assertEquals(List.of("4|d", "5|"), lines.subList(1, lines.size()).stream().sorted().toList(),
        "rows in any order");

    Pipeline pipeline = TestPipelines.create();
    CatalogIO.Read read =
        CatalogIO.read(catalog, "curated", "parks_csv")
            .withPushDownPredicate("month IN (4, 1) AND year >= '2017'");
    RowsWithErrors rows = pipeline.apply(read);
    assertEquals(READ, rows.rows().getSchema());
    PAssert.that(rows.rows())
        .containsInAnyOrder(
            read(1L, "a", "2017", "4"),
            read(2L, "b", "2017", "4"),
            read(4L, "d", "2018", "1"),
            read(5L, null, "2018", "1"));
    PAssert.that(rows.errors()).empty();
    assertEquals(2, read.plannedFiles().size());
    assertEquals(2, filesRead(TestPipelines.runToEnd(pipeline)));
  }

  @PipelineTest
  void readsAnUnpartitionedTableAndSkipsHiddenFiles() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("flat"));
    Files.writeString(folder.resolve("a.json"), "{\"id\":1,\"name\":\"x\"}\n{\"id\":\"bad\"}\n");
    Files.writeString(folder.resolve("_SUCCESS"), "");
    Files.createDirectories(folder.resolve(".beamglue-staging/run"));
    Files.writeString(folder.resolve(".beamglue-staging/run/b.json"), "{\"id\":2}\n");
    Schema columns =
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addNullableField("name", FieldType.STRING)
            .build();
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    catalog.ensureDatabase("raw");
    catalog.putTable(
        CatalogTable.of("raw", "flat", folder.toString(), "json", Map.of(), columns, List.of()));

    Pipeline pipeline = TestPipelines.create();
    CatalogIO.Read read = CatalogIO.read(catalog, "raw", "flat");
    RowsWithErrors rows = pipeline.apply(read);
    assertEquals(columns, rows.rows().getSchema());
    assertEquals(List.of(folder.resolve("a.json").toString()), read.plannedFiles());
    PAssert.that(rows.rows()).containsInAnyOrder(Row.withSchema(columns).addValues(1L, "x").build());
    PAssert.that(
            rows.errors()
                .apply(
                    MapElements.into(TypeDescriptors.strings())
                        .via(e -> e.getString("location"))))
        .containsInAnyOrder(folder.resolve("a.json") + ":2");
    assertEquals(1, filesRead(TestPipelines.runToEnd(pipeline)));
  }

  @PipelineTest
  void aFailedRunLeavesNoDataFilesInTheFinalLocation() throws Exception {
    // Not the JUnit temporary folder: on Spark, tasks still running when the job is aborted may
    // stage a file after the test ends, and JUnit would then fail to delete the folder.
    Path location = Files.createTempDirectory("beamglue-failed-run").resolve("out");
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> failing =
        pipeline
            .apply(Create.of(parks()).withRowSchema(PARKS))
            .apply(
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        row -> {
                          if (row.getInt64("id") == 3L) {
                            throw new IllegalStateException("boom at row 3");
                          }
                          return row;
                        }))
            .setRowSchema(PARKS);
    failing.apply(
        PartitionedWrite.parquet().to(location.toString()).withPartitionKeys("year"));
    assertThrows(RuntimeException.class, () -> JobCommits.runAndCommit(pipeline));
    assertEquals(List.of(), dataFiles(location));
  }

  @PipelineTest
  void aKilledRunLeavesOnlyStagedFilesWhichTheNextCommitRemoves() throws Exception {
    Path location = dir.resolve("out");
    // A run that finished but was killed before its commit: its files stay staged.
    Pipeline killed = TestPipelines.create();
    killed
        .apply(Create.of(parks()).withRowSchema(PARKS))
        .apply(PartitionedWrite.json().to(location.toString()).withPartitionKeys("year"));
    TestPipelines.runToEnd(killed);
    assertEquals(List.of(), dataFiles(location));
    assertFalse(allFiles(location.resolve(PartitionedWrite.STAGING)).isEmpty());

    Pipeline next = TestPipelines.create();
    StagedOutput commit =
        next.apply(Create.of(parks().subList(3, 5)).withRowSchema(PARKS))
            .apply(
                PartitionedWrite.json()
                    .to(location.toString())
                    .withPartitionKeys("year")
                    .withNumShards(1))
            .commit();
    JobCommits.runAndCommit(next);
    List<String> files = dataFiles(location);
    assertEquals(1, files.size(), files.toString());
    assertTrue(files.get(0).startsWith("year=2018/part-" + commit.runId()), files.toString());
    assertEquals(
        List.of(location.resolve(files.get(0)).toString()), commit.committedFiles());
    assertFalse(Files.exists(location.resolve(PartitionedWrite.STAGING)));
    assertEquals(
        List.of("{\"id\":4,\"name\":\"d\",\"month\":1}", "{\"id\":5,\"name\":null,\"month\":1}"),
        Files.readAllLines(location.resolve(files.get(0))).stream().sorted()
            .collect(Collectors.toList()));
  }

  @Test
  void namesAnUnknownTableAndAPredicateOnAColumnThatIsNotAPartitionKey() throws Exception {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    catalog.ensureDatabase("raw");
    catalog.putTable(
        CatalogTable.of(
            "raw", "parks", dir.resolve("parks").toString(), "parquet", Map.of(),
            Schema.builder().addNullableField("name", FieldType.STRING).build(),
            List.of("year", "month", "day")));
    CatalogException unknown =
        assertThrows(
            CatalogException.class,
            () -> CatalogIO.read(catalog, "raw", "park").withPushDownPredicate("year = 1"));
    assertEquals("Database 'raw' has no table 'park'; its tables are parks.", unknown.getMessage());
    IllegalArgumentException predicate =
        assertThrows(
            IllegalArgumentException.class,
            () -> CatalogIO.read(catalog, "raw", "parks").withPushDownPredicate("name = 'x'"));
    assertEquals(
        "The push-down predicate names 'name', which is not a partition key of raw.parks; its"
            + " partition keys are year, month, day.",
        predicate.getMessage());
    Pipeline pipeline = TestPipelines.create();
    assertEquals(
        "Database 'raw' has no table 'park'; its tables are parks.",
        assertThrows(
                CatalogException.class,
                () -> pipeline.apply(CatalogIO.read(catalog, "raw", "park")))
            .getMessage());
  }

  @Test
  void refusesPartitionKeysThatAreNotColumns() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows = pipeline.apply(Create.of(parks()).withRowSchema(PARKS));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rows.apply(PartitionedWrite.parquet().to("out").withPartitionKeys("day")));
    assertEquals(
        "The partition key 'day' of the output out is not a column of the rows; the columns are"
            + " id, name, year, month.",
        e.getMessage());
  }

  @PipelineTest
  void theResultListsTheStagedFilesPerPartitionFolder() {
    Pipeline pipeline = TestPipelines.create();
    PartitionedWrite.Result result =
        pipeline
            .apply(Create.of(parks()).withRowSchema(PARKS))
            .apply(PartitionedWrite.json().to(dir.resolve("w").toString()).withPartitionKeys("year"));
    PAssert.that(
            result.stagedFiles().getPerDestinationOutputFilenames()
                .apply(MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey())))
        .satisfies(
            keys -> {
              java.util.Set<String> distinct = new java.util.TreeSet<>();
              keys.forEach(distinct::add);
              assertEquals(java.util.Set.of("year=2017", "year=2018"), distinct);
              return null;
            });
    PipelineResult run = TestPipelines.runToEnd(pipeline);
    assertEquals(PipelineResult.State.DONE, run.getState());
  }
}
