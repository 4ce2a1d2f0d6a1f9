package dev.beamglue.io.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the Parquet files of a local directory without a pipeline: for tests, and for summaries
 * printed after a pipeline ran.
 *
 * <p>{@code List<GenericRecord> records = ParquetFiles.readRecords("/out/events");}
 *
 * <p>The files are the directory's {@code *.parquet} files (not its subdirectories, nor hidden
 * files), in name order. Logical types come back as Java values: decimals as {@link
 * java.math.BigDecimal}, dates as {@link java.time.LocalDate}, {@code timestamp-millis} as {@link
 * java.time.Instant}; strings as Avro {@code Utf8}.
 */
public final class ParquetFiles {

  private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  private ParquetFiles() {}

  /**
   * The {@code *.parquet} files of the directory, in name order; none when the directory does not
   * exist (a write of an empty input creates no file).
   */
  public static List<Path> list(String directory) {
    Path dir = Paths.get(directory);
    if (!Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("'" + directory + "' is not a directory.");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list '" + directory + "': " + e.getMessage(), e);
    }
  }

  /** Every record of every {@code *.parquet} file of the directory. */
  public static List<GenericRecord> readRecords(String directory) {
    List<GenericRecord> records = new ArrayList<>();
    for (Path file : list(directory)) {
      records.addAll(readFile(file));
    }
    return records;
  }

  /** Every record of one Parquet file. */
  public static List<GenericRecord> readFile(Path file) {
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    List<GenericRecord> records = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
            .withDataModel(model)
            .withConf(new Configuration(false))
            .build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        records.add(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read '" + file + "': " + e.getMessage(), e);
    }
    return records;
  }

  /** The Avro schema one Parquet file was written with. */
  public static Schema avroSchemaOf(Path file) {
    return avroSchemaOf(footer(file));
  }

  private static Schema avroSchemaOf(ParquetMetadata footer) {
    String json = footer.getFileMetaData().getKeyValueMetaData().get(AVRO_SCHEMA_KEY);
    if (json != null) {
      return new Schema.Parser().parse(json);
    }
    return new AvroSchemaConverter(new Configuration(false))
        .convert(footer.getFileMetaData().getSchema());
  }

  /**
   * The Avro schema the files of the directory were written with: that of the first file that
   * holds rows (an empty file may carry a fuller fallback schema), else of the first file.
   */
  public static Schema avroSchema(String directory) {
    return avroSchemaOf(chosenFooter(directory));
  }

  private static ParquetMetadata chosenFooter(String directory) {
    List<Path> files = list(directory);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("'" + directory + "' holds no .parquet file.");
    }
    ParquetMetadata chosen = null;
    for (Path file : files) {
      ParquetMetadata footer = footer(file);
      if (chosen == null) {
        chosen = footer;
      }
      if (footer.getBlocks().stream().anyMatch(b -> b.getRowCount() > 0)) {
        chosen = footer;
        break;
      }
    }
    return chosen;
  }

  /**
   * The Parquet schema of the files of the directory, chosen as in {@link #avroSchema}: the column
   * names and types that Spark, Athena or DuckDB see.
   */
  public static MessageType parquetSchema(String directory) {
    return chosenFooter(directory).getFileMetaData().getSchema();
  }

  private static ParquetMetadata footer(Path file) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      return reader.getFooter();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read '" + file + "': " + e.getMessage(), e);
    }
  }

  /** A local file as a Parquet {@link InputFile}, without Hadoop's file systems. */
  private static final class LocalInputFile implements InputFile {
    private final Path path;

    LocalInputFile(Path path) {
      this.path = path;
    }

    @Override
    public long getLength() throws IOException {
      return Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      return new SeekableInputStream() {
        @Override
        public long getPos() throws IOException {
          return channel.position();
        }

        @Override
        public void seek(long position) throws IOException {
          channel.position(position);
        }

        @Override
        public int read() throws IOException {
          ByteBuffer one = ByteBuffer.allocate(1);
          return channel.read(one) < 0 ? -1 : one.get(0) & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
          return channel.read(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
          readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int offset, int length) throws IOException {
          readFully(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public int read(ByteBuffer buffer) throws IOException {
          return channel.read(buffer);
        }

        @Override
        public void readFully(ByteBuffer buffer) throws IOException {
          while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
              throw new EOFException("Unexpected end of " + path);
            }
          }
        }

        @Override
        public void close() throws IOException {
          channel.close();
        }
      };
    }
  }
}
