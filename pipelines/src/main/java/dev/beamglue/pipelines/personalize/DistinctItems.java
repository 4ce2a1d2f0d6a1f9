package dev.beamglue.pipelines.personalize;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowJson;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one item per {@code ITEM_ID}, as Personalize needs: of the items listed under the same id
 * (a product listed twice under slightly different names, say) it keeps the one created first
 * ({@code CREATION_TIMESTAMP}, when the dataset has it; the smallest as JSON among equals, so every
 * runner keeps the same), and sends the others to the error output (rule {@value
 * RowRules#DUPLICATE_ITEM}) naming the item kept.
 *
 * <p>{@code RowsWithErrors items = mapped.apply(DistinctItems.create());}
 */
public final class DistinctItems extends PTransform<PCollection<Row>, RowsWithErrors> {

  private DistinctItems() {}

  public static DistinctItems create() {
    return new DistinctItems();
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> items) {
    Schema schema = items.getSchema();
    PCollection<KV<String, Row>> keyed = items
        .apply("Key by ITEM_ID", WithKeys.of((Row r) -> r.getString("ITEM_ID"))
            .withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), items.getCoder()));
    PCollectionTuple out = keyed.apply("Group by ITEM_ID", GroupByKey.create())
        .apply("Keep the first", ParDo.of(new KeepFirstFn(schema.hasField("CREATION_TIMESTAMP")))
            .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        out.get(RowsWithErrors.ROWS).setRowSchema(schema),
        out.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private static final class KeepFirstFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    private final boolean created;
    private final RuleCounters counters = new RuleCounters(Dataset.ITEMS);

    KeepFirstFn(boolean created) {
      this.created = created;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> item, MultiOutputReceiver out) {
      List<Row> listed = new ArrayList<>();
      item.getValue().forEach(listed::add);
      if (listed.size() == 1) {
        out.get(RowsWithErrors.ROWS).output(listed.get(0));
        return;
      }
      Comparator<Row> first = Comparator.comparing(RowJson::toJson);
      if (created) {
        first = Comparator.comparing((Row r) -> r.getInt64("CREATION_TIMESTAMP"),
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(first);
      }
      listed.sort(first);
      Row kept = listed.get(0);
      out.get(RowsWithErrors.ROWS).output(kept);
      for (Row duplicate : listed.subList(1, listed.size())) {
        counters.add(RowRules.DUPLICATE_ITEM);
        out.get(RowsWithErrors.ERRORS).output(ErrorRecords.forRow("Drop duplicate items",
            "ITEM_ID '" + item.getKey() + "' is listed " + listed.size() + " times; kept the "
                + "one created first: " + RowJson.toJson(kept) + ".", duplicate));
      }
    }

    @FinishBundle
    public void finishBundle() {
      counters.flush();
    }
  }
}
