package dev.beamglue.io.parquet;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet {@link InputFile} over Beam's {@link FileSystems}, so that Parquet reads wherever Beam
 * does (local paths, {@code s3://}) without Hadoop's file systems.
 *
 * <p>{@code AvroParquetReader.genericRecordBuilder(new ChannelInputFile("s3://b/t/part-0.parquet"))}
 */
final class ChannelInputFile implements InputFile {

  private final String path;
  private long length = -1;

  ChannelInputFile(String path) {
    this.path = path;
  }

  private SeekableByteChannel open() throws IOException {
    return (SeekableByteChannel) FileSystems.open(FileSystems.matchNewResource(path, false));
  }

  @Override
  public long getLength() throws IOException {
    if (length < 0) {
      try (SeekableByteChannel channel = open()) {
        length = channel.size();
      }
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    SeekableByteChannel channel = open();
    return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long position) throws IOException {
        channel.position(position);
      }
    };
  }

  @Override
  public String toString() {
    return path;
  }
}
