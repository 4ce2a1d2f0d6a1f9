package dev.beamglue.io.parquet;

import java.io.IOException;
import org.apache.avro.Schema.Parser;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * What a Parquet file's footer says, read through Beam's file systems (local or {@code s3://})
 * by seeking to the end of the file: the rows and the schema, as a Beam schema (from the Avro
 * schema the writer stored, or converted from the Parquet schema).
 *
 * <p>{@code ParquetFooters.Footer f = ParquetFooters.read("s3://b/t/part-0.parquet"); f.rows();}
 */
public final class ParquetFooters {

  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  /** A footer's row count and schema. */
  public record Footer(long rows, Schema schema) {}

  private ParquetFooters() {}

  /** The footer of the file at {@code path}; throws {@link IOException} when it is not Parquet. */
  public static Footer read(String path) throws IOException {
    ParquetMetadata footer;
    try (ParquetFileReader reader = ParquetFileReader.open(new ChannelInputFile(path))) {
      footer = reader.getFooter();
    }
    long rows = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
    }
    String json = footer.getFileMetaData().getKeyValueMetaData().get(AVRO_SCHEMA_KEY);
    org.apache.avro.Schema avro =
        json != null
            ? new Parser().parse(json)
            : new AvroSchemaConverter(new Configuration(false))
                .convert(footer.getFileMetaData().getSchema());
    return new Footer(rows, AvroUtils.toBeamSchema(avro));
  }
}
