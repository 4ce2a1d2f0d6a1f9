package dev.beamglue.transforms.ml;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Passes rows through unchanged and counts them in the Beam counter {@code beamglue:<name>},
 * adding to it once a bundle.
 *
 * <p>{@code PCollection<Row> counted = rows.apply(CountRows.as("MlPreparation.in"));}
 */
public final class CountRows extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final String name;

  private CountRows(String name) {
    this.name = name;
  }

  /** Counts into {@code beamglue:<name>}. */
  public static CountRows as(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("CountRows.as needs a counter name.");
    }
    return new CountRows(name);
  }

  public String getName() {
    return name;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    return input.apply("Count " + name, ParDo.of(new CountFn(name))).setRowSchema(input.getSchema());
  }

  private static final class CountFn extends DoFn<Row, Row> {
    private final Counter counter;
    private transient long inBundle;

    CountFn(String name) {
      this.counter = Metrics.counter(DropRows.NAMESPACE, name);
    }

    @StartBundle
    public void startBundle() {
      inBundle = 0;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      inBundle++;
      out.output(row);
    }

    @FinishBundle
    public void finishBundle() {
      if (inBundle > 0) {
        counter.inc(inBundle);
      }
    }
  }
}
