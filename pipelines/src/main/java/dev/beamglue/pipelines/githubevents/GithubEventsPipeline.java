package dev.beamglue.pipelines.githubevents;

import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetRows;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.files.JsonFileJob;
import dev.beamglue.pipelines.files.JsonFileJobOptions;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.ApplyMapping;
import dev.beamglue.transforms.DropNullFields;
import dev.beamglue.transforms.ResolveChoice;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

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

  /** The options of {@code beamglue run github-events}: the files, and these. */
  public interface Options extends JsonFileJobOptions {
    @Description("The mapping, as source:type->target:type entries separated by commas")
    @Default.String(DEFAULT_MAPPINGS)
    String getMappings();

    void setMappings(String mappings);

    @Description("Parquet files to write; 0 lets the runner decide")
    @Default.Integer(0)
    int getNumShards();

    void setNumShards(int numShards);
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
    JsonFileJob.validate(options);
    if (options.getNumShards() < 0) {
      throw new IllegalArgumentException("--numShards must be 0 (runner decides) or more.");
    }
  }

  @Override
  public void prepareOutputs(Options options) {
    JsonFileJob.prepareOutputs(options);
  }

  @Override
  public void build(Pipeline pipeline, Options options, JobSummary summary) {
    ApplyMapping mapping = ApplyMapping.parse(options.getMappings());
    RowsWithErrors read =
        JsonFileJob.read(
            pipeline,
            options,
            summary,
            JsonRead.from(options.getInput()).withFields(mapping.sourcePaths()));

    RowsWithErrors mapped = read.rows().apply("ApplyMapping", mapping.withErrors());
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

    JsonFileJob.writeErrors(options, summary, List.of(read.errors(), mapped.errors()));
  }
}
