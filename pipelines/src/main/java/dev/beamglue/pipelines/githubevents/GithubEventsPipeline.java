package dev.beamglue.pipelines.githubevents;

import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonLinesSink;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetRows;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.ApplyMapping;
import dev.beamglue.transforms.DropNullFields;
import dev.beamglue.transforms.ResolveChoice;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's {@code github_2_csv} job from re:Invent: GitHub events as JSON, mapped to a few typed
 * columns, choices resolved as structs, null columns dropped, written as Parquet, with every record
 * that could not be read or mapped in an error output.
 *
 * <p>{@code beamglue run github-events --input=events.json.gz --output=out/events}
 */
public final class GithubEventsPipeline implements GluePipeline<GithubEventsPipeline.Options> {

  /** The columns the job keeps, in ApplyMapping's {@code source:type->target:type} form. */
  public static final String DEFAULT_MAPPINGS =
      "id:string->id:long, type:string->type:string, actor.id:long->actor_id:long, "
          + "actor.login:string->actor:string, repo.name:string->repo:string, "
          + "org.login:string->org:string, payload.size:choice->commit_count:choice, "
          + "payload.description:string->description:string, public:boolean->public:boolean, "
          + "created_at:string->created_at:timestamp";

  /** The options of {@code beamglue run github-events}. */
  public interface Options extends PipelineOptions {
    @Description("GitHub events as JSON: files or a glob, comma-separated; newline-delimited or one "
        + "array per file; .gz allowed")
    @Validation.Required
    String getInput();

    void setInput(String input);

    @Description("Folder the Parquet files are written to")
    @Validation.Required
    String getOutput();

    void setOutput(String output);

    @Description("Folder the error records are written to, as JSON lines (default: <output>-errors)")
    String getErrors();

    void setErrors(String errors);

    @Description("How many JSON records are read to infer the schema; 0 reads them all")
    @Default.Integer(20_000)
    int getSampleSize();

    void setSampleSize(int sampleSize);

    @Description("The mapping, as source:type->target:type entries separated by commas")
    @Default.String(DEFAULT_MAPPINGS)
    String getMappings();

    void setMappings(String mappings);

    @Description("Parquet files to write; 0 lets the runner decide")
    @Default.Integer(0)
    int getNumShards();

    void setNumShards(int numShards);

    @Description("Replace what the output and error folders already hold")
    @Default.Boolean(false)
    boolean getOverwrite();

    void setOverwrite(boolean overwrite);
  }

  @Override
  public String name() {
    return "github-events";
  }

  @Override
  public String description() {
    return "GitHub events JSON -> ApplyMapping, ResolveChoice, DropNullFields -> Parquet";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public void validate(Options options) {
    if (options.getSampleSize() < 0) {
      throw new IllegalArgumentException("--sampleSize must be 0 (read all) or more.");
    }
    if (options.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be 0 (runner decides) or more.");
    }
  }

  @Override
  public void prepareOutputs(Options options) {
    OutputFolders.prepare(options.getOutput(), "--output", options.getOverwrite());
    OutputFolders.prepare(errorsFolder(options), "--errors", options.getOverwrite());
  }

  static String errorsFolder(Options options) {
    return options.getErrors() != null ? options.getErrors() : options.getOutput() + "-errors";
  }

  @Override
  public void build(Pipeline pipeline, Options options, JobSummary summary) {
    ApplyMapping mapping = ApplyMapping.parse(options.getMappings());
    RowsWithErrors read =
        pipeline.apply(
            "Read JSON",
            JsonRead.from(options.getInput())
                .withSampleSize(options.getSampleSize())
                .withFields(mapping.sourcePaths()));
    PCollection<Row> events = summary.countRead("Count parsed", read.rows());
    PCollection<Row> unreadable = summary.countRead("Count unreadable", read.errors());

    RowsWithErrors mapped = events.apply("ApplyMapping", mapping.withErrors());
    DropNullFields.Result withoutNulls =
        mapped
            .rows()
            .apply("ResolveChoice", ResolveChoice.forAll("make_struct"))
            .apply("DropNullFields", DropNullFields.create());

    summary
        .countWritten("events", options.getOutput(), "Parquet", withoutNulls.rows())
        .apply(
            "Write Parquet",
            ParquetRows.write()
                .to(options.getOutput())
                .withNumShards(options.getNumShards())
                .withoutFields(withoutNulls.nullFieldsView()));

    PCollection<Row> errors =
        PCollectionList.of(unreadable)
            .and(mapped.errors())
            .apply("All errors", Flatten.pCollections())
            .setRowSchema(ErrorRecords.SCHEMA);
    summary
        .countErrors(errorsFolder(options), errors)
        .apply("Write errors", JsonLinesSink.to(errorsFolder(options)));
  }
}
