package dev.beamglue.pipelines.realtime;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvSink;
import dev.beamglue.io.parquet.ParquetRows;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;

/**
 * The file outputs of {@code realtime-events}: windowed writes, one set of files per window and
 * pane (so late panes add files, they never rewrite one), named by FileIO after the window.
 *
 * <p>{@code counts.apply(EventFiles.parquet(out + "/item-counts", windows, Duration.standardMinutes(10)))}
 */
public final class EventFiles {

  private EventFiles() {}

  /** Rows to Parquet files under {@code folder}, regrouped in windows of {@code span}. */
  public static PTransform<PCollection<Row>, PDone> parquet(String folder, EventWindows windows,
      Duration span) {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<Row> rows) {
        rows.apply("Files of " + span, windows.<Row>window(FixedWindows.of(span)))
            .setRowSchema(rows.getSchema())
            .apply("Write Parquet", ParquetRows.write().to(folder).withNumShards(1));
        return PDone.in(rows.getPipeline());
      }
    };
  }

  /**
   * Interactions ({@link HourlyInteractions}, already in hourly windows) to CSV files with the
   * export's header under {@code folder}, the files Personalize imports.
   */
  public static PTransform<PCollection<Row>, PDone> interactionsCsv(String folder) {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<Row> rows) {
        rows.apply("Write CSV", FileIO.<Row>write()
            .to(folder)
            .via(new CsvSink(rows.getSchema(), new CsvFormat(',', '"', true, "UTF-8")))
            .withNaming(FileIO.Write.defaultNaming("interactions", ".csv"))
            .withNumShards(1));
        return PDone.in(rows.getPipeline());
      }
    };
  }
}
