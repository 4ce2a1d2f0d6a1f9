package dev.beamglue.pipelines.relationalize;

import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonLinesSink;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.io.parquet.ParquetRows;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.Relationalize;
import dev.beamglue.transforms.ResolveChoice;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.Map;
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
 * Glue's Relationalize job: nested JSON records to flat tables, one Parquet folder per table named
 * as the table ({@code <output>/<root>/}, {@code <output>/<root>_payload.commits/}, ...), with the
 * records that could not be read in an error output. Choice columns are resolved into structs
 * first ({@code make_struct}), so no value is lost.
 *
 * <p>{@code beamglue run relationalize --input=events.json --root=events --output=out/tables}
 */
public final class RelationalizePipeline implements GluePipeline<RelationalizePipeline.Options> {

  /** The options of {@code beamglue run relationalize}. */
  public interface Options extends PipelineOptions {
    @Description("Nested JSON records: files or a glob, comma-separated; newline-delimited or one "
        + "array per file; .gz allowed")
    @Validation.Required
    String getInput();

    void setInput(String input);

    @Description("The name of the root table; child tables are named <root>_<path of the array>")
    @Default.String("root")
    String getRoot();

    void setRoot(String root);

    @Description("Folder that gets one Parquet folder per table, named as the table")
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

    @Description("A field unique to each record (for example id) to derive the join keys from; "
        + "by default they are derived from the whole record")
    String getIdFrom();

    void setIdFrom(String idFrom);

    @Description("Replace what the output and error folders already hold")
    @Default.Boolean(false)
    boolean getOverwrite();

    void setOverwrite(boolean overwrite);
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
    if (options.getSampleSize() < 0) {
      throw new IllegalArgumentException("--sampleSize must be 0 (read all) or more.");
    }
    if (options.getRoot().isBlank()) {
      throw new IllegalArgumentException("--root must name the root table.");
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
    RowsWithErrors read =
        pipeline.apply(
            "Read JSON",
            JsonRead.from(options.getInput()).withSampleSize(options.getSampleSize()));
    PCollection<Row> records = summary.countRead("Count parsed", read.rows());
    PCollection<Row> unreadable = summary.countRead("Count unreadable", read.errors());

    Relationalize relationalize = Relationalize.root(options.getRoot());
    if (options.getIdFrom() != null) {
      relationalize = relationalize.withIdFrom(options.getIdFrom());
    }
    Relationalize.Tables tables =
        records
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

    PCollection<Row> errors =
        PCollectionList.of(unreadable)
            .and(tables.errors())
            .apply("All errors", Flatten.pCollections())
            .setRowSchema(ErrorRecords.SCHEMA);
    summary
        .countErrors(errorsFolder(options), errors)
        .apply("Write errors", JsonLinesSink.to(errorsFolder(options)));
  }
}
