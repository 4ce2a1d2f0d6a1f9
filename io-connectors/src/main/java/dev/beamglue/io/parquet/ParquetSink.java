package dev.beamglue.io.parquet;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A {@link FileIO.Sink} that writes Avro records to one Snappy-compressed Parquet file, with the
 * schema of the first record it gets (so the schema may be decided at run time, as when fields are
 * pruned with a side input); a file that gets no record (which Beam's windowed FileIO does not ask
 * for today) is written with the fallback schema.
 *
 * <p>{@code FileIO.<Row>write().via(Contextful.fn(toRecord), new ParquetSink(avroSchemaJson))}
 *
 * <p>Lists are written in Parquet's three-level form (the one Spark, Hive and Athena read, and the
 * only one that can hold null elements). The Hadoop {@link Configuration} is created without
 * loading the default XML resources, so that nothing on the runner's classpath changes the files.
 */
public final class ParquetSink implements FileIO.Sink<GenericRecord> {

  private final String fallbackSchemaJson;
  private transient WritableByteChannel channel;
  private transient ParquetWriter<GenericRecord> writer;

  /** A sink whose files get the schema of their first record, or this one (Avro JSON). */
  public ParquetSink(String fallbackSchemaJson) {
    this.fallbackSchemaJson = fallbackSchemaJson;
  }

  @Override
  public void open(WritableByteChannel channel) {
    this.channel = channel;
    this.writer = null;
  }

  @Override
  public void write(GenericRecord record) throws IOException {
    if (writer == null) {
      writer = openWriter(record.getSchema());
    }
    writer.write(record);
  }

  @Override
  public void flush() throws IOException {
    if (writer == null) {
      writer = openWriter(new Schema.Parser().parse(fallbackSchemaJson));
    }
    writer.close();
    writer = null;
  }

  private ParquetWriter<GenericRecord> openWriter(Schema schema) throws IOException {
    Configuration conf = new Configuration(false);
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    return AvroParquetWriter.<GenericRecord>builder(new ChannelOutputFile(channel))
        .withSchema(schema)
        .withDataModel(GenericData.get())
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build();
  }
}
