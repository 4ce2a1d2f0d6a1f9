package dev.beamglue.io.files;

import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Reads the records of one file of a format (JSON, Parquet, CSV) into Rows of a schema known
 * before the run, sending a record that does not fit to the error output with its file and
 * position. Sources that plan their files on the driver (the catalog reader, bookmarked file
 * sources) read each planned file with one.
 *
 * <p>{@code JsonRead.reader(schema).read("in/year=2017/part-0.json", output);}
 */
public interface FileRecordReader extends Serializable {

  /** The schema of the rows {@link #read} emits. */
  Schema schema();

  /** Reads the whole file (any Beam file system path); gzip is detected where the format allows. */
  void read(String path, Output out) throws IOException;

  /** Where a reader sends rows and {@code ErrorRecords}. */
  interface Output {
    void row(Row row);

    void error(Row error);
  }
}
