package dev.beamglue.io.files;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Reads whole files with a {@link FileRecordReader}: the matched files of a collection, or files
 * planned on the driver, each with constant string values appended to its rows (the partition
 * values of its folder). Every opened file adds one to the counter {@code files_read} of the
 * namespace {@value #NAMESPACE}, so tests and users can see how many files a read opened.
 *
 * <p>{@code files.apply(FileIO.readMatches()).apply(ReadFiles.of(JsonRead.reader(schema)))}
 */
public final class ReadFiles extends PTransform<PCollection<FileIO.ReadableFile>, RowsWithErrors> {

  /** The namespace of the {@link #FILES_READ} counter. */
  public static final String NAMESPACE = "beamglue.io";

  /** The counter of files opened. */
  public static final String FILES_READ = "files_read";

  /** The coder of planned files: the path, and the values appended to each of its rows. */
  public static final KvCoder<String, List<String>> PLANNED_CODER =
      KvCoder.of(StringUtf8Coder.of(), ListCoder.of(NullableCoder.of(StringUtf8Coder.of())));

  private final FileRecordReader reader;

  private ReadFiles(FileRecordReader reader) {
    this.reader = reader;
  }

  /** Reads each matched file whole with the reader. */
  public static ReadFiles of(FileRecordReader reader) {
    return new ReadFiles(reader);
  }

  @Override
  public RowsWithErrors expand(PCollection<FileIO.ReadableFile> files) {
    PCollection<KV<String, List<String>>> planned =
        files
            .apply(
                "Paths",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(),
                            TypeDescriptors.lists(TypeDescriptors.strings())))
                    .via(file -> KV.of(file.getMetadata().resourceId().toString(), List.of())))
            .setCoder(PLANNED_CODER);
    return readPlanned(planned, reader, reader.schema());
  }

  /**
   * Reads planned files: each element is a path and the values appended to its rows as the last
   * fields of {@code outputSchema} (the reader's fields, then one per value).
   */
  public static RowsWithErrors readPlanned(
      PCollection<KV<String, List<String>>> planned,
      FileRecordReader reader,
      Schema outputSchema) {
    PCollectionTuple read =
        planned.apply(
            "Read files",
            ParDo.of(new ReadFn(reader, outputSchema))
                .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        read.get(RowsWithErrors.ROWS).setRowSchema(outputSchema),
        read.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  /**
   * An output that appends {@code values} (a planned file's partition values) to each row as the
   * last fields of {@code outputSchema} before passing it on; {@code out} itself when there are
   * none. Errors pass unchanged.
   *
   * <p>{@code reader.read(path, ReadFiles.withValues(out, List.of("2017"), schemaWithYear));}
   */
  public static FileRecordReader.Output withValues(
      FileRecordReader.Output out, List<String> values, Schema outputSchema) {
    if (values.isEmpty()) {
      return out;
    }
    int dataFields = outputSchema.getFieldCount() - values.size();
    return new FileRecordReader.Output() {
      @Override
      public void row(Row row) {
        List<Object> all = new ArrayList<>(outputSchema.getFieldCount());
        for (int i = 0; i < dataFields; i++) {
          all.add(row.getValue(i));
        }
        all.addAll(values);
        out.row(Row.withSchema(outputSchema).attachValues(all));
      }

      @Override
      public void error(Row error) {
        out.error(error);
      }
    };
  }

  /** Reads one planned file and appends its values to each row. */
  static final class ReadFn extends DoFn<KV<String, List<String>>, Row> {
    private final FileRecordReader reader;
    private final Schema outputSchema;
    private final Counter filesRead = Metrics.counter(NAMESPACE, FILES_READ);
    private transient long pendingFiles;

    ReadFn(FileRecordReader reader, Schema outputSchema) {
      this.reader = reader;
      this.outputSchema = outputSchema;
    }

    @StartBundle
    public void startBundle() {
      pendingFiles = 0;
    }

    @FinishBundle
    public void finishBundle() {
      filesRead.inc(pendingFiles);
      pendingFiles = 0;
    }

    @ProcessElement
    public void process(@Element KV<String, List<String>> file, MultiOutputReceiver out)
        throws IOException {
      pendingFiles++;
      reader.read(
          file.getKey(),
          withValues(
              new FileRecordReader.Output() {
                @Override
                public void row(Row row) {
                  out.get(RowsWithErrors.ROWS).output(row);
                }

                @Override
                public void error(Row error) {
                  out.get(RowsWithErrors.ERRORS).output(error);
                }
              },
              file.getValue(),
              outputSchema));
    }
  }
}
