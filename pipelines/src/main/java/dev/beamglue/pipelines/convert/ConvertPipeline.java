package dev.beamglue.pipelines.convert;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.catalog.PartitionedWrite;
import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.jdbc.JdbcConnection;
import dev.beamglue.io.jdbc.JdbcSink;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.files.JsonFileJob;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.ApplyMapping;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's everyday job: read a catalog table (only the partitions a push-down predicate selects),
 * files, or a JDBC table; optionally apply a mapping; write partitioned Parquet, CSV or JSON
 * (atomically, optionally creating or updating a catalog table), or insert into a JDBC table. File
 * sources honour job bookmarks, so a rerun reads only new files.
 *
 * <p>{@code beamglue run convert --sourceTable=raw.parks --pushDownPredicate="year = '2017'"
 * --output=curated/parks --partitionKeys=year --targetTable=curated.parks}
 */
public final class ConvertPipeline implements GluePipeline<ConvertOptions> {

  private static final List<String> OUTPUT_FORMATS = List.of("parquet", "csv", "json");

  @Override
  public String name() {
    return "convert";
  }

  @Override
  public String description() {
    return "catalog table, files or JDBC -> (mapping) -> partitioned Parquet/CSV/JSON or JDBC";
  }

  @Override
  public Class<ConvertOptions> optionsClass() {
    return ConvertOptions.class;
  }

  @Override
  public void validate(ConvertOptions options) {
    ConvertSource.of(options);
    if ((options.getOutput() == null) == (options.getTargetJdbcTable() == null)) {
      throw new IllegalArgumentException(
          "Name one target: --output=FOLDER (files) or --targetJdbcTable=TABLE (with --jdbcUrl).");
    }
    if (!OUTPUT_FORMATS.contains(outputFormat(options))) {
      throw new IllegalArgumentException(
          "--outputFormat must be parquet, csv or json, not '" + options.getOutputFormat() + "'.");
    }
    if (options.getOutput() == null
        && (options.getPartitionKeys() != null || options.getTargetTable() != null)) {
      throw new IllegalArgumentException(
          "--partitionKeys and --targetTable describe files: use them with --output.");
    }
    if (options.getOutput() == null && options.getErrors() == null) {
      throw new IllegalArgumentException(
          "With --targetJdbcTable, name the folder for error records with --errors.");
    }
    if (options.getSampleSize() < 0) {
      throw new IllegalArgumentException("--sampleSize must be 0 (read all) or more.");
    }
  }

  @Override
  public void prepareOutputs(ConvertOptions options) {
    OutputFolders.prepare(errorsFolder(options), "--errors", options.getOverwrite());
  }

  @Override
  public void build(Pipeline pipeline, ConvertOptions options, JobSummary summary) {
    Catalog catalog = Catalogs.open(options);
    RowsWithErrors read = ConvertSource.of(options).read(pipeline, catalog);
    PCollection<Row> rows = summary.countRead("Count read", read.rows());
    List<PCollection<Row>> errors = new ArrayList<>();
    errors.add(summary.countRead("Count unreadable", read.errors()));
    if (options.getMapping() != null) {
      RowsWithErrors mapped =
          rows.apply("ApplyMapping", ApplyMapping.parse(options.getMapping()).withErrors());
      rows = mapped.rows();
      errors.add(mapped.errors());
    }
    if (options.getOutput() != null) {
      String format = outputFormat(options);
      summary.countWritten("output", options.getOutput(), format, rows)
          .apply("Write " + format, fileTarget(options, catalog));
    } else {
      JdbcSink.Write insert =
          JdbcSink.write(JdbcConnection.fromOptions(options)).toTable(options.getTargetJdbcTable());
      summary.countWritten("output", options.getTargetJdbcTable(), "JDBC", rows)
          .apply("Insert " + options.getTargetJdbcTable(),
              options.getCreateTable() ? insert.withCreateTable() : insert);
    }
    JsonFileJob.writeErrors(errorsFolder(options), summary, errors);
  }

  private static PartitionedWrite fileTarget(ConvertOptions options, Catalog catalog) {
    PartitionedWrite write;
    switch (outputFormat(options)) {
      case "csv":
        write = PartitionedWrite.csv(CsvFormat.DEFAULT.withHeader(true));
        break;
      case "json":
        write = PartitionedWrite.json();
        break;
      default:
        write = PartitionedWrite.parquet();
    }
    write = write.to(options.getOutput());
    if (options.getPartitionKeys() != null) {
      write = write.withPartitionKeys(Arrays.stream(options.getPartitionKeys().split(","))
          .map(String::trim).filter(k -> !k.isEmpty()).toArray(String[]::new));
    }
    if (options.getTargetTable() != null) {
      QualifiedName target = QualifiedName.parse(options.getTargetTable(), "--targetTable");
      write = write.withCatalogUpdate(catalog, target.database(), target.table());
    }
    return write;
  }

  private static String outputFormat(ConvertOptions options) {
    return options.getOutputFormat().trim().toLowerCase(Locale.ROOT);
  }

  private static String errorsFolder(ConvertOptions options) {
    return options.getErrors() != null ? options.getErrors() : options.getOutput() + "-errors";
  }
}
