package dev.beamglue.io.parquet;

import dev.beamglue.transforms.DropNullFields;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Requirements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * Writes schema'd {@link Row}s as Snappy-compressed Parquet files named {@code
 * <directory>/part-SSSSS-of-NNNNN.parquet}, converting them with {@link RowToAvro} (whose Javadoc
 * lists the types and how field names are sanitized into column names).
 *
 * <p>{@code rows.apply(ParquetRows.write().to("/out/events").withoutFields(nullFieldsView));}
 *
 * <p>The schema is checked when the transform is applied: a Glue choice column fails the pipeline
 * before it runs, with a message naming the column. With {@link Write#withoutFields} the columns
 * are decided at run time, when the side input is known, and every file has the pruned schema.
 * Beam's {@code FileIO} writes only the shards that get rows: an empty input writes no file, and
 * with {@code withNumShards(n)} there may be fewer than {@code n} files (their names still say
 * {@code -of-n}). Should a runner ever ask for a file without rows, it gets the full schema.
 */
public final class ParquetRows {

  private ParquetRows() {}

  /**
   * A reader of whole Parquet files into rows of {@code schema}, for sources that plan their own
   * files (the catalog reader); see {@link ParquetRecordReader}.
   */
  public static dev.beamglue.io.files.FileRecordReader reader(Schema schema) {
    return new ParquetRecordReader(schema);
  }

  /** A write with no directory yet, {@code 0} shards (the runner decides) and every field. */
  public static Write write() {
    return new Write(null, 0, null);
  }

  /** See {@link ParquetRows}. */
  public static final class Write extends PTransform<PCollection<Row>, WriteFilesResult<Void>> {

    private final String directory;
    private final int numShards;
    private final PCollectionView<List<String>> withoutFields;

    private Write(String directory, int numShards, PCollectionView<List<String>> withoutFields) {
      this.directory = directory;
      this.numShards = numShards;
      this.withoutFields = withoutFields;
    }

    /** The directory (any Beam file system path) the files are written to. */
    public Write to(String directory) {
      return new Write(directory, numShards, withoutFields);
    }

    /** A fixed number of files; {@code 0}, the default, lets the runner decide. */
    public Write withNumShards(int numShards) {
      if (numShards < 0) {
        throw new IllegalArgumentException(
            "The number of shards must be 0 (the runner decides) or more, not " + numShards + ".");
      }
      return new Write(directory, numShards, withoutFields);
    }

    /**
     * Leaves out the fields at the paths of the singleton side input (Glue dotted paths, as {@link
     * DropNullFields.Result#nullFieldsView()} gives them), from the schema and from every row.
     */
    public Write withoutFields(PCollectionView<List<String>> paths) {
      return new Write(directory, numShards, paths);
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<Row> input) {
      if (directory == null) {
        throw new IllegalArgumentException(
            "ParquetRows.write() needs a directory: call .to(directory).");
      }
      if (!input.hasSchema()) {
        throw new IllegalArgumentException(
            "ParquetRows.write() needs rows with a schema; set one with setRowSchema(schema).");
      }
      Schema schema = input.getSchema();
      RowToAvro full = RowToAvro.of(schema); // refuses choices now, before the pipeline runs
      ParquetSink sink = new ParquetSink(full.avroSchema().toString());
      FileIO.Write<Void, Row> write =
          FileIO.<Row>write()
              .to(directory)
              .withNaming(FileIO.Write.defaultNaming("part", ".parquet"));
      if (numShards > 0) {
        write = write.withNumShards(numShards);
      }
      if (withoutFields == null) {
        write = write.via(Contextful.fn(new ToRecord(full)), sink);
      } else {
        write =
            write.via(
                Contextful.fn(
                    new PrunedToRecord(schema, withoutFields, directory),
                    Requirements.requiresSideInputs(withoutFields)),
                sink);
      }
      return input.apply("Write Parquet", write);
    }
  }

  private static final class ToRecord implements SerializableFunction<Row, GenericRecord> {
    private final RowToAvro converter;

    ToRecord(RowToAvro converter) {
      this.converter = converter;
    }

    @Override
    public GenericRecord apply(Row row) {
      return converter.toRecord(row);
    }
  }

  /** Prunes each row with the paths of the side input; the pruned schema is built once. */
  private static final class PrunedToRecord implements Contextful.Fn<Row, GenericRecord> {
    private final Schema schema;
    private final PCollectionView<List<String>> paths;
    private final String directory;
    private transient List<String> prunedPaths;
    private transient RowToAvro converter;
    private transient DropNullFields.Pruner pruner;

    PrunedToRecord(Schema schema, PCollectionView<List<String>> paths, String directory) {
      this.schema = schema;
      this.paths = paths;
      this.directory = directory;
    }

    @Override
    public GenericRecord apply(Row row, Context context) {
      List<String> current = context.sideInput(paths);
      if (converter == null || !current.equals(prunedPaths)) {
        Schema pruned = DropNullFields.prune(schema, current);
        if (pruned.getFieldCount() == 0) {
          throw new IllegalArgumentException(
              "Every column is left out of the Parquet files in " + directory + " (" + current
                  + "); a Parquet file needs at least one column.");
        }
        converter = RowToAvro.of(pruned);
        pruner = new DropNullFields.Pruner(schema, pruned);
        prunedPaths = current;
      }
      return converter.toRecord(pruner.apply(row));
    }
  }
}
