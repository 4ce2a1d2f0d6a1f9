package dev.beamglue.io.parquet;

import dev.beamglue.io.files.FileRecordReader;
import dev.beamglue.transforms.errors.ErrorRecords;
import java.io.IOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * Reads a whole Parquet file, through Beam's file systems, into Rows of a schema known beforehand
 * (a catalog table's columns): columns are matched by name as {@link AvroToRow} says, a column the
 * file lacks is null, and a record whose values do not fit goes to the error output with the file
 * and the record's number. A file that is not Parquet is one error record.
 *
 * <p>{@code ParquetRows.reader(table.columns()).read("s3://b/t/year=2017/part-0.parquet", out);}
 */
final class ParquetRecordReader implements FileRecordReader {

  static final String STEP = "ParquetRead";
  private static final int MAX_INPUT_CHARS = 10_000;

  private final Schema schema;

  ParquetRecordReader(Schema schema) {
    this.schema = schema;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public void read(String path, Output out) throws IOException {
    AvroToRow converter = new AvroToRow(schema);
    long number = 0;
    ParquetReader<GenericRecord> reader;
    try {
      reader =
          AvroParquetReader.<GenericRecord>builder(new ChannelInputFile(path))
              .withDataModel(new GenericData())
              .withConf(new Configuration(false))
              .build();
    } catch (RuntimeException e) {
      out.error(ErrorRecords.of(STEP, "The file is not Parquet: " + e.getMessage(), "", path));
      return;
    }
    try (reader) {
      while (true) {
        GenericRecord record;
        try {
          record = reader.read();
        } catch (RuntimeException e) {
          out.error(
              ErrorRecords.of(
                  STEP, "The file cannot be read from this record on: " + e.getMessage(), "",
                  path + ":" + (number + 1)));
          return;
        }
        if (record == null) {
          return;
        }
        number++;
        try {
          out.row(converter.toRow(record));
        } catch (IllegalArgumentException e) {
          String input = record.toString();
          out.error(
              ErrorRecords.of(
                  STEP, e.getMessage(),
                  input.length() > MAX_INPUT_CHARS ? input.substring(0, MAX_INPUT_CHARS) : input,
                  path + ":" + number));
        }
      }
    }
  }
}
