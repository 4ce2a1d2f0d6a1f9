package dev.beamglue.pipelines.relationalize;

import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetRows;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.files.JsonFileJob;
import dev.beamglue.pipelines.files.JsonFileJobOptions;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.Relationalize;
import dev.beamglue.transforms.ResolveChoice;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's Relationalize job: nested JSON records to flat tables, one Parquet folder per table named
 * as the table ({@code <output>/<root>/}, {@code <output>/<root>_payload.commits/}, ...), with the
 * records that could not be read in an error output. Choice columns are resolved into structs
 * first ({@code make_struct}), so no value is lost.
 *
 * <p>{@code beamglue run relationalize --input=events.json --root=events --output=out/tables}
 */
public final class RelationalizePipeline implements GluePipeline<RelationalizePipeline.Options> {

  /** The options of {@code beamglue run relationalize}: the files, and these. */
  public interface Options extends JsonFileJobOptions {
    @Description("The name of the root table; child tables are named <root>_<path of the array>")
    @Default.String("root")
    String getRoot();

    void setRoot(String root);

    @Description("A field unique to each record (for example id) to derive the join keys from; "
        + "by default they are derived from the whole record")
    String getIdFrom();

    void setIdFrom(String idFrom);
  }

  @Override
  public String name() {
    return "relationalize";
  }

  @Override
  public String description() {
    return "nested JSON -> Relationalize -> one Parquet folder per flat table";
  }

  @Override
  public Class<Options> optionsClass() {
    return Options.class;
  }

  @Override
  public void validate(Options options) {
    JsonFileJob.validate(options);
    if (options.getRoot().isBlank()) {
      throw new IllegalArgumentException("--root must name the root table.");
    }
  }

  @Override
  public void prepareOutputs(Options options) {
    JsonFileJob.prepareOutputs(options);
  }

  @Override
  public void build(Pipeline pipeline, Options options, JobSummary summary) {
    RowsWithErrors read =
        JsonFileJob.read(pipeline, options, summary, JsonRead.from(options.getInput()));

    Relationalize relationalize = Relationalize.root(options.getRoot());
    if (options.getIdFrom() != null) {
      relationalize = relationalize.withIdFrom(options.getIdFrom());
    }
    Relationalize.Tables tables =
        read.rows()
            .apply("ResolveChoice", ResolveChoice.forAll("make_struct"))
            .apply("Relationalize", relationalize);

    for (Map.Entry<String, PCollection<Row>> table : tables.all().entrySet()) {
      String name = table.getKey();
      String folder = OutputFolders.child(options.getOutput(), name);
      PCollection<Row> counted =
          name.equals(options.getRoot())
              ? summary.countWritten(name, folder, "Parquet", table.getValue())
              : summary.countWrittenDerived(name, folder, "Parquet", table.getValue());
      counted.apply("Write " + name, ParquetRows.write().to(folder));
    }

    JsonFileJob.writeErrors(options, summary, List.of(read.errors(), tables.errors()));
  }
}
