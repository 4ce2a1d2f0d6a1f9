package dev.beamglue.io.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a Beam channel, so that Parquet writes wherever Beam's file
 * systems do. Closing the stream flushes it but leaves the channel open: Beam closes it.
 *
 * <p>{@code AvroParquetWriter.builder(new ChannelOutputFile(channel))}
 */
final class ChannelOutputFile implements OutputFile {

  private final WritableByteChannel channel;

  ChannelOutputFile(WritableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new ChannelStream(Channels.newOutputStream(channel));
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  private static final class ChannelStream extends PositionOutputStream {
    private final OutputStream out;
    private long position;

    ChannelStream(OutputStream channelStream) {
      this.out = new BufferedOutputStream(channelStream, 1 << 16);
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      position += length;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
