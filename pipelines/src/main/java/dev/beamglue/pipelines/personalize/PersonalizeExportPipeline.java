package dev.beamglue.pipelines.personalize;

import dev.beamglue.io.catalog.PartitionedWrite;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvRead;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.jdbc.JdbcSource;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.files.JsonFileJob;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The export stage of the personalize workflow: one pipeline of three parallel branches, the
 * interactions from the database (orders and their lines, over JDBC), the items from JSON
 * documents and the users from CSV files, each mapped to its Personalize dataset ({@link
 * ToPersonalize}), checked by Personalize's rules, the items made unique ({@link DistinctItems})
 * and the interactions checked against the users and items kept ({@link KnownReferences}); then
 * written as CSV with a header to the hidden {@code <output>/.next/<dataset>/}, which {@link
 * ExportFolders} publishes once the workflow validated the run. Every rejected record goes to
 * {@code <output>/errors/} with its reason.
 *
 * <p>{@code Export e = PersonalizeExportPipeline.apply(pipeline, options, summary);}
 */
public final class PersonalizeExportPipeline implements GluePipeline<PersonalizeOptions> {

  /** The step counting the users with 2 or more interactions exported. */
  public static final String USERS_WITH_TWO = "users with 2+ interactions";

  /** The branches of a built export: each dataset's rows (written) and all the error records. */
  public record Export(Map<Dataset, PCollection<Row>> rows, List<PCollection<Row>> errors) {}

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String description() {
    return "interactions (JDBC), items (JSON), users (CSV) -> Personalize's CSV datasets";
  }

  @Override
  public Class<PersonalizeOptions> optionsClass() {
    return PersonalizeOptions.class;
  }

  @Override
  public void validate(PersonalizeOptions options) {
    ExportPaths.of(options);
    MappingFile.load(options.getMapping());
    if (options.getItems() == null || options.getUsers() == null) {
      throw new IllegalArgumentException("Give the items with --items and the users with --users.");
    }
  }

  @Override
  public void build(Pipeline pipeline, PersonalizeOptions options, JobSummary summary) {
    buildExport(pipeline, options, summary);
  }

  /**
   * Applies the whole export: {@link #apply}, then each dataset's rows written (and counted) as
   * CSV to its staging folder and the error records to the errors folder; returns the branches.
   */
  public static Export buildExport(Pipeline pipeline, PersonalizeOptions options,
      JobSummary summary) {
    ExportPaths paths = ExportPaths.of(options);
    Export export = apply(pipeline, options, summary);
    for (Map.Entry<Dataset, PCollection<Row>> dataset : export.rows().entrySet()) {
      String folder = paths.staged(dataset.getKey());
      summary.countWritten(dataset.getKey().folder(), folder, "CSV", dataset.getValue())
          .apply("Write " + dataset.getKey().folder(),
              PartitionedWrite.csv(CsvFormat.DEFAULT.withHeader(true)).to(folder));
    }
    JsonFileJob.writeErrors(paths.errors(), summary, export.errors());
    return export;
  }

  /**
   * Reads, maps and checks the three datasets; counts what each read, the users with 2 or more
   * interactions, and nothing else: the caller counts and writes the rows and errors.
   */
  public static Export apply(Pipeline pipeline, PersonalizeOptions options, JobSummary summary) {
    Map<Dataset, DatasetMapping> mappings = MappingFile.load(options.getMapping());
    long maxSeconds = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
    List<PCollection<Row>> errors = new ArrayList<>();

    RowsWithErrors users = read(summary, errors, Dataset.USERS,
        pipeline.apply("Read users", CsvRead.from(options.getUsers())))
        .apply("Map users", ToPersonalize.of(mappings.get(Dataset.USERS), maxSeconds));
    errors.add(users.errors());

    RowsWithErrors items = read(summary, errors, Dataset.ITEMS,
        pipeline.apply("Read items", JsonRead.from(options.getItems())))
        .apply("Map items", ToPersonalize.of(mappings.get(Dataset.ITEMS), maxSeconds));
    errors.add(items.errors());
    RowsWithErrors distinct = items.rows().apply("Distinct items", DistinctItems.create());
    errors.add(distinct.errors());

    PCollection<Row> orders = pipeline.apply("Read interactions", JdbcSource.fromOptions(options));
    RowsWithErrors interactions =
        read(summary, errors, Dataset.INTERACTIONS, RowsWithErrors.of(orders, null))
            .apply("Map interactions",
                ToPersonalize.of(mappings.get(Dataset.INTERACTIONS), maxSeconds));
    errors.add(interactions.errors());
    RowsWithErrors known = interactions.rows()
        .apply("Known users and items", KnownReferences.in(users.rows(), distinct.rows()));
    errors.add(known.errors());

    summary.countStep(USERS_WITH_TWO, known.rows()
        .apply("Users of interactions", MapElements.into(TypeDescriptors.strings())
            .via((Row r) -> r.getString("USER_ID")))
        .apply("Interactions per user", Count.perElement())
        .apply("With 2 or more", org.apache.beam.sdk.transforms.Filter.by(
            (KV<String, Long> user) -> user.getValue() >= 2)));

    Map<Dataset, PCollection<Row>> rows = new EnumMap<>(Dataset.class);
    rows.put(Dataset.INTERACTIONS, known.rows());
    rows.put(Dataset.ITEMS, distinct.rows());
    rows.put(Dataset.USERS, users.rows());
    return new Export(rows, errors);
  }

  /** Counts a source's records (as read, and as the dataset's steps) and keeps its unreadable ones. */
  private static PCollection<Row> read(JobSummary summary, List<PCollection<Row>> errors,
      Dataset dataset, RowsWithErrors read) {
    String name = dataset.folder();
    PCollection<Row> rows = summary.countRead("Count " + name + " read",
        summary.countStep(parsedStep(dataset), read.rows()));
    if (read.errors() != null) {
      errors.add(summary.countRead("Count unreadable " + name,
          summary.countStep(unreadableStep(dataset), read.errors())));
    }
    return rows;
  }

  /** The step counting the records of a dataset's source that were read (parsed). */
  public static String parsedStep(Dataset dataset) {
    return dataset.folder() + " parsed";
  }

  /** The step counting a source's records that could not be read at all. */
  public static String unreadableStep(Dataset dataset) {
    return dataset.folder() + " unreadable";
  }

  /** Empties the staging and errors folders of earlier runs. */
  @Override
  public void prepareOutputs(PersonalizeOptions options) {
    ExportPaths paths = ExportPaths.of(options);
    OutputFolders.prepare(paths.staging(), "The staging folder", true);
    OutputFolders.prepare(paths.errors(), "The errors folder", true);
  }
}
