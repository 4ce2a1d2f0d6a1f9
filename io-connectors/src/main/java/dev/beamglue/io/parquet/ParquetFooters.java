package dev.beamglue.io.parquet;

import java.io.IOException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Parser;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * What a Parquet file's footer says, read through Beam's file systems (local or {@code s3://})
 * by seeking to the end of the file: the rows and the schema, as a Beam schema (from the Avro
 * schema the writer stored, or converted from the Parquet schema; Avro {@code date} columns as
 * {@link SqlTypes#DATE}).
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
    return new Footer(rows, withDates(AvroUtils.toBeamSchema(avro), avro));
  }

  /**
   * The Beam schema with every Avro {@code date} column (an int of days) as {@link SqlTypes#DATE},
   * where {@code AvroUtils} gives {@code DATETIME}: the values are days, not instants, and a
   * catalog column crawled from them is a {@code date}.
   */
  static Schema withDates(Schema beam, org.apache.avro.Schema avro) {
    Schema.Builder out = Schema.builder();
    for (Schema.Field field : beam.getFields()) {
      org.apache.avro.Schema.Field avroField = avro.getField(field.getName());
      org.apache.avro.Schema type = avroField == null ? null : nonNull(avroField.schema());
      Schema.FieldType beamType = field.getType();
      if (type != null && type.getLogicalType() instanceof LogicalTypes.Date) {
        beamType = Schema.FieldType.logicalType(SqlTypes.DATE).withNullable(beamType.getNullable());
      } else if (type != null
          && type.getType() == org.apache.avro.Schema.Type.RECORD
          && beamType.getTypeName() == Schema.TypeName.ROW) {
        beamType =
            Schema.FieldType.row(withDates(beamType.getRowSchema(), type))
                .withNullable(beamType.getNullable());
      }
      out.addField(field.getName(), beamType);
    }
    return out.build();
  }

  private static org.apache.avro.Schema nonNull(org.apache.avro.Schema schema) {
    if (schema.getType() != org.apache.avro.Schema.Type.UNION) {
      return schema;
    }
    for (org.apache.avro.Schema branch : schema.getTypes()) {
      if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
        return branch;
      }
    }
    return schema;
  }
}
