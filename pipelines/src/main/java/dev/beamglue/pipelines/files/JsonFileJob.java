package dev.beamglue.pipelines.files;

import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonLinesSink;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * The steps every JSON-files job begins and ends with: checking its options, readying its
 * folders, reading the records (counted as read, the unreadable ones included), and writing every
 * error record to the errors folder (counted as errors).
 *
 * <p>{@code RowsWithErrors read = JsonFileJob.read(pipeline, options, summary, jsonRead);}
 */
public final class JsonFileJob {

  private JsonFileJob() {}

  /** Throws {@link IllegalArgumentException} with one sentence for options out of range. */
  public static void validate(JsonFileJobOptions options) {
    if (options.getSampleSize() < 0) {
      throw new IllegalArgumentException("--sampleSize must be 0 (read all) or more.");
    }
  }

  /** The errors folder: {@code --errors}, or {@code <output>-errors}. */
  public static String errorsFolder(JsonFileJobOptions options) {
    return options.getErrors() != null ? options.getErrors() : options.getOutput() + "-errors";
  }

  /** Empties the output and errors folders with {@code --overwrite}, or refuses full ones. */
  public static void prepareOutputs(JsonFileJobOptions options) {
    OutputFolders.prepare(options.getOutput(), "--output", options.getOverwrite());
    OutputFolders.prepare(errorsFolder(options), "--errors", options.getOverwrite());
  }

  /**
   * Reads {@code --input} with {@code read} (the job's settings, such as the fields it needs) and
   * the options' sample size; both outputs are counted as read.
   */
  public static RowsWithErrors read(
      Pipeline pipeline, JsonFileJobOptions options, JobSummary summary, JsonRead read) {
    RowsWithErrors records =
        pipeline.apply("Read JSON", read.withSampleSize(options.getSampleSize()));
    return RowsWithErrors.of(
        summary.countRead("Count parsed", records.rows()),
        summary.countRead("Count unreadable", records.errors()));
  }

  /** Writes the error records of every step to the errors folder as JSON lines. */
  public static void writeErrors(
      JsonFileJobOptions options, JobSummary summary, List<PCollection<Row>> errorsOfSteps) {
    writeErrors(errorsFolder(options), summary, errorsOfSteps);
  }

  /** Writes the error records of every step to {@code folder} as JSON lines, counted. */
  public static void writeErrors(
      String folder, JobSummary summary, List<PCollection<Row>> errorsOfSteps) {
    PCollection<Row> errors =
        PCollectionList.of(errorsOfSteps)
            .apply("All errors", Flatten.pCollections())
            .setRowSchema(ErrorRecords.SCHEMA);
    summary.countErrors(folder, errors).apply("Write errors", JsonLinesSink.to(folder));
  }
}
