package dev.beamglue.io.csv;

import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What {@link CsvSniffer} found in a sample of a CSV file.
 *
 * <p>{@code CsvDescription d = CsvSniffer.describe(bytes, false, 1000).orElseThrow();}
 *
 * @param format the delimiter, quote, header and encoding
 * @param schema the columns: named by the header or {@code col0}, {@code col1}, ...; all nullable
 * @param recordsSampled the number of data records (the header not counted) the types come from
 */
public record CsvDescription(CsvFormat format, Schema schema, long recordsSampled)
    implements Serializable {}
