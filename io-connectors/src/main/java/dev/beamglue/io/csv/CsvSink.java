package dev.beamglue.io.csv;

import dev.beamglue.transforms.schema.ValueCasts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * A {@link FileIO.Sink} that writes Rows as one CSV file: a header line of the column names when
 * the format has a header, then one record per row, every line ended by LF ({@code \n}), in the
 * format's delimiter, quote and encoding. A field is quoted (RFC 4180, quotes inside doubled) only
 * where it must be: when it holds the delimiter, the quote, CR or LF, starts or ends with a space
 * or tab, or is the empty string (so that it reads back as {@code ""}, not null). A null is an
 * empty field. Values are written as {@link ValueCasts} renders them as strings: timestamps in
 * ISO-8601 UTC ({@code 2024-05-01T10:00:00Z}), decimals without exponent, a struct, array or map
 * as JSON text, a choice as the value it holds. Characters the encoding cannot hold (in {@code
 * ISO-8859-1}, say) are written as {@code ?}.
 *
 * <p>{@code FileIO.<Row>write().to(dir).via(new CsvSink(schema, CsvFormat.DEFAULT))}
 */
public final class CsvSink implements FileIO.Sink<Row> {

  private final Schema schema;
  private final CsvFormat format;
  private transient Writer writer;
  private transient FieldType[] types;

  public CsvSink(Schema schema, CsvFormat format) {
    this.schema = schema;
    this.format = format;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    writer =
        new BufferedWriter(
            new OutputStreamWriter(Channels.newOutputStream(channel), format.charset()), 1 << 16);
    types = new FieldType[schema.getFieldCount()];
    for (int i = 0; i < types.length; i++) {
      types[i] = schema.getField(i).getType();
    }
    if (format.header()) {
      for (int i = 0; i < types.length; i++) {
        if (i > 0) {
          writer.write(format.delimiter());
        }
        writeField(schema.getField(i).getName());
      }
      writer.write('\n');
    }
  }

  @Override
  public void write(Row row) throws IOException {
    for (int i = 0; i < types.length; i++) {
      if (i > 0) {
        writer.write(format.delimiter());
      }
      Object value = row.getValue(i);
      if (value != null) {
        writeField(text(value, types[i]));
      }
    }
    writer.write('\n');
  }

  @Override
  public void flush() throws IOException {
    writer.flush(); // FileIO closes the channel
  }

  /** The text of a value, as written to a field. */
  static String text(Object value, FieldType type) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
      return value.toString();
    }
    return (String) ValueCasts.cast(value, type, FieldType.STRING);
  }

  private void writeField(String text) throws IOException {
    if (!needsQuotes(text)) {
      writer.write(text);
      return;
    }
    char quote = format.quote();
    writer.write(quote);
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == quote) {
        writer.write(text, from, i + 1 - from);
        writer.write(quote);
        from = i + 1;
      }
    }
    writer.write(text, from, text.length() - from);
    writer.write(quote);
  }

  private boolean needsQuotes(String text) {
    int n = text.length();
    if (n == 0) {
      return true;
    }
    char first = text.charAt(0);
    char last = text.charAt(n - 1);
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') {
      return true;
    }
    char delimiter = format.delimiter();
    char quote = format.quote();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
