package dev.beamglue.transforms;

import dev.beamglue.transforms.schema.FieldPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Glue's DropDuplicates: keeps one row of each group of rows with equal values in all columns, or
 * in the columns named.
 *
 * <p>{@code PCollection<Row> people = rows.apply(DropDuplicates.on("name", "address.zip"));}
 *
 * <p>Values are compared by a canonical encoding of their contents, not by {@code hashCode}, so
 * rows holding arrays, maps, bytes or structs group as expected; two nulls are equal, a null
 * struct differs from a struct of nulls. Of the rows sharing a key, the one kept is the same on
 * every runner and every run: the one whose whole canonical encoding is the smallest (structs as
 * arrays of their values, maps sorted by key; see {@code CanonicalJson}), which for flat rows of
 * strings and numbers means the smallest by the first column where they differ, compared as text.
 * Paths are Glue's dotted paths ({@code actor.login}, backticks around names with dots); they
 * cannot go into arrays. The output has the input schema; the order of rows is not kept.
 */
public final class DropDuplicates extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final List<FieldPath> paths; // empty: all columns

  private DropDuplicates(List<FieldPath> paths) {
    this.paths = Collections.unmodifiableList(paths);
  }

  /** Rows equal in every column are kept once. */
  public static DropDuplicates create() {
    return new DropDuplicates(new ArrayList<>());
  }

  /** Rows equal in the columns at {@code paths} are kept once. */
  public static DropDuplicates on(String... paths) {
    if (paths.length == 0) {
      throw new IllegalArgumentException(
          "DropDuplicates.on needs at least one field path; use create() for all columns.");
    }
    LinkedHashSet<FieldPath> parsed = new LinkedHashSet<>();
    for (String path : paths) {
      if (!parsed.add(FieldPath.parse(path))) {
        throw new IllegalArgumentException(
            "DropDuplicates.on names the field '" + path + "' twice.");
      }
    }
    return new DropDuplicates(new ArrayList<>(parsed));
  }

  public List<String> getPaths() {
    return paths.stream().map(FieldPath::toString).toList();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    Schema schema = input.getSchema();
    int[][] indices = new int[paths.size()][];
    List<FieldType> types = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      indices[i] = paths.get(i).indicesIn(schema); // throws naming the path and the fields there
      types.add(paths.get(i).resolveType(schema));
    }
    Coder<Row> rowCoder = RowCoder.of(schema);
    return input
        .apply("Key", ParDo.of(new KeyFn(indices, types)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), rowCoder))
        .apply("Keep one", Combine.perKey(new SmallestFn(!paths.isEmpty())))
        .apply("Rows", ParDo.of(new ValueFn()))
        .setRowSchema(schema);
  }

  /** Keys each row by the canonical text of its key values, or of the whole row. */
  private static final class KeyFn extends DoFn<Row, KV<String, Row>> {
    private final int[][] indices;
    private final List<FieldType> types;

    KeyFn(int[][] indices, List<FieldType> types) {
      this.indices = indices;
      this.types = types;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Row>> out) {
      if (indices.length == 0) {
        out.output(KV.of(CanonicalJson.of(row), row));
        return;
      }
      Object[] values = new Object[indices.length];
      for (int i = 0; i < indices.length; i++) {
        values[i] = FieldPath.valueAt(row, indices[i]);
      }
      out.output(KV.of(CanonicalJson.ofValues(types, values), row));
    }
  }

  private static final class ValueFn extends DoFn<KV<String, Row>, Row> {
    @ProcessElement
    public void process(@Element KV<String, Row> keyed, OutputReceiver<Row> out) {
      out.output(keyed.getValue());
    }
  }

  /** The row kept so far and its canonical text (null when all rows of a key are equal). */
  static final class Smallest {
    String text;
    Row row;
  }

  /**
   * Keeps the row with the smallest canonical text; when the key is the whole row, all rows of a
   * key are equal and the first is kept without comparing.
   */
  static final class SmallestFn extends Combine.CombineFn<Row, Smallest, Row> {
    private final boolean compare;

    SmallestFn(boolean compare) {
      this.compare = compare;
    }

    @Override
    public Smallest createAccumulator() {
      return new Smallest();
    }

    @Override
    public Smallest addInput(Smallest kept, Row row) {
      if (kept.row == null) {
        kept.row = row;
        kept.text = compare ? CanonicalJson.of(row) : null;
      } else if (compare) {
        String text = CanonicalJson.of(row);
        if (text.compareTo(kept.text) < 0) {
          kept.row = row;
          kept.text = text;
        }
      }
      return kept;
    }

    @Override
    public Smallest mergeAccumulators(Iterable<Smallest> accumulators) {
      Smallest merged = new Smallest();
      for (Smallest other : accumulators) {
        if (other.row == null) {
          continue;
        }
        if (merged.row == null || (compare && other.text.compareTo(merged.text) < 0)) {
          merged.row = other.row;
          merged.text = other.text;
        }
      }
      return merged;
    }

    @Override
    public Row extractOutput(Smallest kept) {
      return kept.row;
    }

    @Override
    public Coder<Smallest> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return new SmallestCoder(inputCoder);
    }

    @Override
    public Coder<Row> getDefaultOutputCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return inputCoder;
    }
  }

  static final class SmallestCoder extends CustomCoder<Smallest> {
    private final Coder<String> textCoder = NullableCoder.of(StringUtf8Coder.of());
    private final Coder<Row> rowCoder;

    SmallestCoder(Coder<Row> rowCoder) {
      this.rowCoder = NullableCoder.of(rowCoder);
    }

    @Override
    public void encode(Smallest value, OutputStream out) throws IOException {
      textCoder.encode(value.text, out);
      rowCoder.encode(value.row, out);
    }

    @Override
    public Smallest decode(InputStream in) throws IOException {
      Smallest value = new Smallest();
      value.text = textCoder.decode(in);
      value.row = rowCoder.decode(in);
      return value;
    }
  }
}
