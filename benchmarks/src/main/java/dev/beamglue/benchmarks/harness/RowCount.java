package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A number every run's output is checked by, the same way for every contestant: its column in the
 * table, the word for it in the log, the count a right answer gives, and how to count it.
 *
 * <p>{@code RowCount.parquet("commit rows", "commits", 1_234, "events_payload.commits")}
 */
public final class RowCount {
  /** Counts in the output folder of one run. */
  public interface Counter {
    long count(Path outDir) throws IOException;
  }

  public final String header;
  public final String noun;
  public final long expected;
  private final Counter counter;

  private RowCount(String header, String noun, long expected, Counter counter) {
    this.header = header;
    this.noun = noun;
    this.expected = expected;
    this.counter = counter;
  }

  public static RowCount of(String header, String noun, long expected, Counter counter) {
    return new RowCount(header, noun, expected, counter);
  }

  /**
   * The rows of the Parquet a run wrote at {@link Contestant#output} (when {@code table} is empty)
   * or in its folder {@code table}, read back with DuckDB ({@link ParquetRows#countOutput}).
   */
  public static RowCount parquet(String header, String noun, long expected, String table) {
    return of(header, noun, expected, outDir -> ParquetRows.countOutput(
        table.isEmpty() ? Contestant.output(outDir) : Contestant.output(outDir).resolve(table)));
  }

  public long count(Path outDir) throws IOException {
    return counter.count(outDir);
  }
}
