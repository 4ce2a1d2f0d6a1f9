package dev.beamglue.io.csv;

import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Writes schema'd {@link Row}s as CSV files named {@code <directory>/part-SSSSS-of-NNNNN.csv}
 * with {@link CsvSink} (its Javadoc says how values are written and quoted; lines end with LF).
 * Each file starts with its own header line when the format has a header, so that every file
 * reads back alone.
 *
 * <p>{@code rows.apply(CsvRows.write().to("/out/people").withFormat(CsvFormat.DEFAULT.withHeader(true)));}
 *
 * <p>Beam's {@code FileIO} writes only the shards that get rows: an empty input writes no file.
 */
public final class CsvRows {

  private CsvRows() {}

  /** A write with no directory yet, the default format with a header, and 0 shards (runner's). */
  public static Write write() {
    return new Write(null, CsvFormat.DEFAULT.withHeader(true), 0, Compression.UNCOMPRESSED);
  }

  /** See {@link CsvRows}. */
  public static final class Write extends PTransform<PCollection<Row>, WriteFilesResult<Void>> {

    private final String directory;
    private final CsvFormat format;
    private final int numShards;
    private final Compression compression;

    private Write(String directory, CsvFormat format, int numShards, Compression compression) {
      this.directory = directory;
      this.format = format;
      this.numShards = numShards;
      this.compression = compression;
    }

    /** The directory (any Beam file system path) the files are written to. */
    public Write to(String directory) {
      return new Write(directory, format, numShards, compression);
    }

    /** The delimiter, quote, header and encoding of the files. */
    public Write withFormat(CsvFormat format) {
      return new Write(directory, format, numShards, compression);
    }

    /** A fixed number of files; {@code 0}, the default, lets the runner decide. */
    public Write withNumShards(int numShards) {
      if (numShards < 0) {
        throw new IllegalArgumentException(
            "The number of shards must be 0 (the runner decides) or more, not " + numShards + ".");
      }
      return new Write(directory, format, numShards, compression);
    }

    /** Compresses the files, for example {@link Compression#GZIP} (names end {@code .csv.gz}). */
    public Write withCompression(Compression compression) {
      return new Write(directory, format, numShards, compression);
    }

    @Override
    public WriteFilesResult<Void> expand(PCollection<Row> input) {
      if (directory == null) {
        throw new IllegalArgumentException("CsvRows.write() needs a directory: call .to(directory).");
      }
      if (!input.hasSchema()) {
        throw new IllegalArgumentException(
            "CsvRows.write() needs rows with a schema; set one with setRowSchema(schema).");
      }
      FileIO.Write<Void, Row> write =
          FileIO.<Row>write()
              .to(directory)
              .via(new CsvSink(input.getSchema(), format))
              .withNaming(FileIO.Write.defaultNaming("part", ".csv"))
              .withCompression(compression);
      if (numShards > 0) {
        write = write.withNumShards(numShards);
      }
      return input.apply("Write CSV", write);
    }
  }
}
