package dev.beamglue.io.ml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.files.SingleTextFile;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import dev.beamglue.transforms.ml.TrainValidation;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.collect.ImmutableMap;

/**
 * Writes a training and a validation set in the CSV layout of SageMaker's built-in XGBoost: in a
 * folder, {@value #TRAIN} and {@value #VALIDATION}, each exactly one file with no header, the label
 * in the first column and numbers only; and {@value #FEATURES}, which names the columns in order.
 *
 * <p>{@code split.apply(XgboostCsv.write().to("s3://bucket/ml").withLabel("label"));}
 *
 * <p>Values: a boolean is {@code 1} or {@code 0}; an integer its decimal digits; a float or double
 * Java's {@code Double.toString} ({@code 0.25}, {@code 1.0}, {@code 1.0E-5}); a decimal its plain
 * digits. Columns of other types fail when the transform is applied, naming them. A row with a null,
 * NaN or infinite value has no place in this format: it goes to the error output (step {@value
 * #STEP}) naming the column. Each file's lines come in an order that depends only on its rows
 * ({@link SingleTextFile}), so two runs on any runners write byte-identical files. {@value
 * #FEATURES} is {@code {"label":"label","features":["a","b"],"columns":["label","a","b"]}}.
 */
public final class XgboostCsv {

  public static final String TRAIN = "train.csv";
  public static final String VALIDATION = "validation.csv";
  public static final String FEATURES = "features.json";

  /** The step name in error records. */
  public static final String STEP = "XgboostCsv";

  private XgboostCsv() {}

  /** A write with no folder and no label yet; the features default to every other column. */
  public static Write write() {
    return new Write(null, null, null, SingleTextFile.DEFAULT_BUCKETS);
  }

  /** The text of {@value #FEATURES} for a label and its features. */
  public static String featuresJson(String label, List<String> features) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("label", label);
      json.writeArrayFieldStart("features");
      for (String feature : features) {
        json.writeString(feature);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("columns");
      json.writeString(label);
      for (String feature : features) {
        json.writeString(feature);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  /** See {@link XgboostCsv}. */
  public static final class Write extends PTransform<TrainValidation, Written> {
    private final String folder;
    private final String label;
    private final List<String> features;
    private final int buckets;

    private Write(String folder, String label, List<String> features, int buckets) {
      this.folder = folder;
      this.label = label;
      this.features = features;
      this.buckets = buckets;
    }

    /** The folder (any Beam file system path) that receives the three files. */
    public Write to(String folder) {
      return new Write(folder, label, features, buckets);
    }

    /** The label column, written first. */
    public Write withLabel(String label) {
      return new Write(folder, label, features, buckets);
    }

    /** The feature columns, in this order (default: every column but the label, in schema order). */
    public Write withFeatures(List<String> features) {
      return new Write(folder, label, List.copyOf(features), buckets);
    }

    /** The buckets each file is sorted in ({@link SingleTextFile#withBuckets}). */
    public Write withBuckets(int buckets) {
      return new Write(folder, label, features, buckets);
    }

    /** The features written for an input schema: the ones given, or every column but the label. */
    public List<String> features(Schema schema) {
      if (features != null) {
        return features;
      }
      List<String> all = new ArrayList<>(schema.getFieldNames());
      all.remove(label);
      return all;
    }

    @Override
    public Written expand(TrainValidation input) {
      if (folder == null || label == null) {
        throw new IllegalArgumentException(
            "XgboostCsv.write() needs a folder and a label column: .to(folder).withLabel(name).");
      }
      Schema schema = input.train().getSchema();
      List<String> columns = new ArrayList<>();
      columns.add(label);
      columns.addAll(features(schema));
      int[] positions = new int[columns.size()];
      for (int i = 0; i < positions.length; i++) {
        String column = columns.get(i);
        if (!schema.hasField(column)) {
          throw new IllegalArgumentException(
              "XgboostCsv writes the column '" + column + "', which is not a field of the rows: "
                  + schema.getFieldNames() + ".");
        }
        TypeName type = schema.getField(column).getType().getTypeName();
        if (!type.isNumericType() && type != TypeName.BOOLEAN) {
          throw new IllegalArgumentException(
              "XgboostCsv writes numbers only; the column '" + column + "' is " + type
                  + ": encode it first (OneHot, a 0/1 mapping) or leave it out.");
        }
        positions[i] = schema.indexOf(column);
      }
      PCollectionTuple train = lines(input.train(), "train", columns, positions);
      PCollectionTuple validation = lines(input.validation(), "validation", columns, positions);
      PCollection<String> trainFile =
          train.get(LINES).apply("Write " + TRAIN, file(TRAIN));
      PCollection<String> validationFile =
          validation.get(LINES).apply("Write " + VALIDATION, file(VALIDATION));
      String featuresPath = OutputFolders.child(folder, FEATURES);
      PCollection<String> featuresFile =
          input
              .getPipeline()
              .apply("Features", Create.of(featuresJson(label, columns.subList(1, columns.size()))))
              .apply("Write " + FEATURES, ParDo.of(new WriteTextFn(featuresPath)))
              .setCoder(StringUtf8Coder.of());
      PCollection<String> files =
          PCollectionList.of(trainFile)
              .and(validationFile)
              .and(featuresFile)
              .apply("Written files", Flatten.pCollections());
      PCollection<Row> errors =
          PCollectionList.of(train.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA))
              .and(validation.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA))
              .apply("Unwritable rows", Flatten.pCollections())
              .setRowSchema(ErrorRecords.SCHEMA);
      return new Written(input.getPipeline(), files, errors);
    }

    private SingleTextFile file(String name) {
      return SingleTextFile.to(OutputFolders.child(folder, name)).withBuckets(buckets);
    }

    private static PCollectionTuple lines(
        PCollection<Row> rows, String name, List<String> columns, int[] positions) {
      PCollectionTuple out =
          rows.apply(
              "Render " + name,
              ParDo.of(new LineFn(columns, positions))
                  .withOutputTags(LINES, TupleTagList.of(RowsWithErrors.ERRORS)));
      out.get(LINES).setCoder(StringUtf8Coder.of());
      return out;
    }
  }

  private static final TupleTag<String> LINES = new TupleTag<String>("lines") {};

  /** The text of a value in a line; null when the value cannot be written. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? "1" : "0";
    }
    if (value instanceof Double || value instanceof Float) {
      if (!Double.isFinite(((Number) value).doubleValue())) {
        return null;
      }
      return value.toString();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    return value.toString(); // Byte, Short, Integer, Long
  }

  private static final class LineFn extends DoFn<Row, String> {
    private final List<String> columns;
    private final int[] positions;

    LineFn(List<String> columns, int[] positions) {
      this.columns = columns;
      this.positions = positions;
    }

    @ProcessElement
    public void process(@Element Row row, MultiOutputReceiver out) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < positions.length; i++) {
        Object value = row.getValue(positions[i]);
        String text = text(value);
        if (text == null) {
          out.get(RowsWithErrors.ERRORS)
              .output(
                  ErrorRecords.forRow(
                      STEP,
                      "The column '" + columns.get(i) + "' holds " + value
                          + ", not a number: XGBoost's CSV needs a number in every column.",
                      row));
          return;
        }
        if (i > 0) {
          line.append(',');
        }
        line.append(text);
      }
      out.get(LINES).output(line.toString());
    }
  }

  private static final class WriteTextFn extends DoFn<String, String> {
    private final String path;

    WriteTextFn(String path) {
      this.path = path;
    }

    @ProcessElement
    public void process(@Element String text, OutputReceiver<String> out) throws IOException {
      ResourceId file = FileSystems.matchNewResource(path, false);
      try (Writer writer =
          Channels.newWriter(FileSystems.create(file, "application/json"), StandardCharsets.UTF_8)) {
        writer.write(text);
      }
      out.output(path);
    }
  }

  /** The paths of the files written (one element each, once written) and the rows not written. */
  public static final class Written implements POutput {
    private final Pipeline pipeline;
    private final PCollection<String> files;
    private final PCollection<Row> errors;

    private Written(Pipeline pipeline, PCollection<String> files, PCollection<Row> errors) {
      this.pipeline = pipeline;
      this.files = files;
      this.errors = errors;
    }

    public PCollection<String> files() {
      return files;
    }

    /** {@link ErrorRecords} of the rows holding a value that is not a number. */
    public PCollection<Row> errors() {
      return errors;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return ImmutableMap.of(FILES, files, RowsWithErrors.ERRORS, errors);
    }

    @Override
    public void finishSpecifyingOutput(
        String transformName, PInput input, PTransform<?, ?> transform) {}
  }

  private static final TupleTag<String> FILES = new TupleTag<String>("files") {};
}
