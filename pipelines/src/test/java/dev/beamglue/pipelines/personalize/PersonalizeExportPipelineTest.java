package dev.beamglue.pipelines.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.files.JobCommits;
import dev.beamglue.pipelines.personalize.retail.RetailCounts;
import dev.beamglue.pipelines.personalize.retail.RetailFiles;
import dev.beamglue.pipelines.personalize.retail.RetailGenerator;
import dev.beamglue.pipelines.personalize.retail.RetailSpec;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.testing.jdbc.LocalPostgres;
import dev.beamglue.transforms.errors.ErrorRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export pipeline on generated data (3,000 order lines in a real PostgreSQL, the users CSV and
 * items JSON in files): the rows of each dataset have the mapping's schema, every dirty record of
 * the generator is in the error output with its reason, the counts reconcile, and every exported
 * CSV row reads back against the dataset's {@code schema.json}.
 */
class PersonalizeExportPipelineTest {

  private static final RetailSpec SPEC = RetailSpec.of(7, 3_000);
  private static LocalPostgres postgres;
  private static RetailCounts counts;

  @TempDir static Path dir;

  @BeforeAll
  static void loadOrders() throws Exception {
    postgres = LocalPostgres.start();
    RetailGenerator generator = new RetailGenerator(SPEC);
    try (Connection orders = postgres.connect(); Connection lines = postgres.connect()) {
      counts = RetailCounts.of(SPEC, RetailFiles.loadOrders(generator, orders, lines));
    }
    RetailFiles.writeUsers(generator, dir.resolve("users.csv").toString());
    RetailFiles.writeItems(generator, dir.resolve("items.json").toString());
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static PersonalizeOptions options(Path output) {
    PersonalizeOptions options = PipelineOptionsFactory.fromArgs(
            postgres.flags().toArray(String[]::new))
        .as(PersonalizeOptions.class);
    options.setOutput(output.toString());
    options.setUsers(dir.resolve("users.csv").toString());
    options.setItems(dir.resolve("items.json").toString());
    ExportSources.useDefaultQuery(options);
    return options;
  }

  @PipelineTest
  void exportsValidRowsAndSendsEveryDirtyRecordToErrorsWithItsReason() throws Exception {
    Path output = dir.resolve("export-" + TestPipelines.runnerName());
    PersonalizeOptions options = options(output);
    Pipeline pipeline = TestPipelines.create();
    JobSummary summary = new JobSummary();
    PersonalizeExportPipeline.Export export =
        PersonalizeExportPipeline.buildExport(pipeline, options, summary);

    Map<Dataset, DatasetMapping> mappings = MappingFile.load(null);
    for (Dataset dataset : Dataset.values()) {
      assertEquals(mappings.get(dataset).schema(), export.rows().get(dataset).getSchema());
    }
    long cleanInteractions = SPEC.interactions() - counts.dirtyIn("interactions");
    PAssert.thatSingleton(export.rows().get(Dataset.INTERACTIONS)
            .apply("Assert interactions", Count.globally()))
        .isEqualTo(cleanInteractions);
    PAssert.thatSingleton(export.rows().get(Dataset.ITEMS).apply("Assert items", Count.globally()))
        .isEqualTo((long) SPEC.items());
    PAssert.thatSingleton(export.rows().get(Dataset.USERS).apply("Assert users", Count.globally()))
        .isEqualTo((long) SPEC.users());

    PCollection<Row> errors = PCollectionList.of(export.errors())
        .apply("Assert errors", Flatten.pCollections());
    HashMap<String, Long> expected = new HashMap<>(counts.expectedErrors());
    PAssert.that(errors).satisfies(rows -> {
      Map<String, Long> found = new HashMap<>();
      for (Row error : rows) {
        found.merge(ruleOf(error), 1L, Long::sum);
      }
      assertEquals(expected, found);
      return null;
    });

    PipelineResult result = TestPipelines.runToEnd(pipeline);
    JobCommits.of(pipeline).commit();

    Map<String, Long> rules = new HashMap<>(ValidationReport.rules(result));
    rules.values().removeIf(n -> n == 0);
    assertEquals(counts.expectedErrors(), rules);
    ValidationReport report = ValidationReport.of(summary.counts(result), rules);
    for (ValidationReport.DatasetCounts c : report.datasets().values()) {
      assertTrue(c.reconciles(), c.toString());
    }
    assertEquals(counts.interactions(), report.datasets().get(Dataset.INTERACTIONS).read());
    assertEquals(counts.items(), report.datasets().get(Dataset.ITEMS).read());
    assertEquals(counts.users(), report.datasets().get(Dataset.USERS).read());
    assertTrue(report.usersWithTwoInteractions() >= ValidationReport.MIN_ACTIVE_USERS);
    assertEquals(List.of(), report.unmetMinimums());

    ExportPaths paths = new ExportPaths(output.toString());
    assertEquals(cleanInteractions, ExportedCsv.check(
        Path.of(paths.staged(Dataset.INTERACTIONS)), parse(mappings.get(Dataset.INTERACTIONS))));
    assertEquals(SPEC.items(), ExportedCsv.check(
        Path.of(paths.staged(Dataset.ITEMS)), parse(mappings.get(Dataset.ITEMS))));
    assertEquals(SPEC.users(), ExportedCsv.check(
        Path.of(paths.staged(Dataset.USERS)), parse(mappings.get(Dataset.USERS))));
    try (Stream<Path> files = Files.list(Path.of(paths.errors()))) {
      assertTrue(files.findAny().isPresent());
    }
  }

  private static Schema parse(DatasetMapping mapping) {
    return new Schema.Parser().parse(SchemaJson.of(mapping));
  }

  /** {@code dataset:rule} of an error record, told from its step and reason. */
  static String ruleOf(Row error) {
    String step = ErrorRecords.step(error);
    String reason = ErrorRecords.reason(error);
    String dataset = step.contains("users and items") ? "interactions"
        : step.contains("duplicate items") ? "items" : step.substring(step.indexOf(' ') + 1);
    String rule = reason.contains("is empty") ? "empty id"
        : reason.contains("is not in the users") ? "unknown user"
        : reason.contains("is not in the items") ? "unknown item"
        : reason.contains("before 1970") || reason.contains("in the future") ? "impossible timestamp"
        : reason.contains("is listed") ? "duplicate item" : reason;
    return dataset + ":" + rule;
  }
}
