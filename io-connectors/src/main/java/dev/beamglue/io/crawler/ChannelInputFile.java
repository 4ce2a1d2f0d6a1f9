package dev.beamglue.io.crawler;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A file of any Beam file system as a Parquet {@link InputFile}, so that Parquet's footer reader
 * seeks to the end of a local or S3 file and reads only the footer.
 *
 * <p>{@code ParquetFileReader.open(new ChannelInputFile("s3://b/a.parquet", size)).getFooter()}
 */
final class ChannelInputFile implements InputFile {

  private final String path;
  private final long length;

  ChannelInputFile(String path, long length) {
    this.path = path;
    this.length = length;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    java.nio.channels.ReadableByteChannel opened =
        FileSystems.open(FileSystems.matchNewResource(path, false));
    if (!(opened instanceof SeekableByteChannel)) {
      opened.close();
      throw new IOException("the file system of '" + path + "' cannot seek");
    }
    SeekableByteChannel channel = (SeekableByteChannel) opened;
    return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }
    };
  }
}
