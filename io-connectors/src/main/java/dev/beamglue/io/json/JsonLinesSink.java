package dev.beamglue.io.json;

import dev.beamglue.transforms.errors.RowJson;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes Rows as newline-delimited JSON files {@code part-SSSSS-of-NNNNN.json} in a folder, one
 * object per line, rendered by {@link RowJson}.
 *
 * <p>{@code errors.apply(JsonLinesSink.to("out/errors"));}
 */
public final class JsonLinesSink extends PTransform<PCollection<Row>, PDone> {

  private final String folder;

  private JsonLinesSink(String folder) {
    this.folder = folder;
  }

  public static JsonLinesSink to(String folder) {
    return new JsonLinesSink(folder);
  }

  @Override
  public PDone expand(PCollection<Row> rows) {
    return rows.apply("To JSON", MapElements.into(TypeDescriptors.strings()).via(RowJson::toJson))
        .apply(
            "Write JSON lines",
            TextIO.write()
                .to(dev.beamglue.io.files.OutputFolders.child(folder, "part"))
                .withSuffix(".json"));
  }
}
