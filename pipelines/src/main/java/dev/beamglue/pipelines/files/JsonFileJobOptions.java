package dev.beamglue.pipelines.files;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * The options every job that reads JSON files and writes folders shares: where the records come
 * from, where the output and the error records go, the inference sample and overwriting.
 *
 * <p>{@code interface Options extends JsonFileJobOptions { ... the job's own options ... }}
 */
public interface JsonFileJobOptions extends PipelineOptions {
  @Description("JSON records: files or a glob, comma-separated; newline-delimited or one array per "
      + "file; .gz allowed")
  @Validation.Required
  String getInput();

  void setInput(String input);

  @Description("Folder the output is written to")
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

  @Description("Replace what the output and error folders already hold")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean overwrite);
}
