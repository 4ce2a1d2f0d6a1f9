package dev.beamglue.pipelines.personalize;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps the interactions whose user is in the users dataset and whose item is in the items
 * dataset; the others go to the error output (rules {@value RowRules#UNKNOWN_USER} and {@value
 * RowRules#UNKNOWN_ITEM}), so the report says which interactions reference what is missing. The
 * ids of the users and items are side inputs, held as a set by each worker: far fewer than the
 * interactions, and no grouping by a popular item.
 *
 * <p>{@code RowsWithErrors known = interactions.apply(KnownReferences.in(users, items));}
 */
public final class KnownReferences extends PTransform<PCollection<Row>, RowsWithErrors> {

  private final PCollection<Row> users;
  private final PCollection<Row> items;

  private KnownReferences(PCollection<Row> users, PCollection<Row> items) {
    this.users = users;
    this.items = items;
  }

  /** Checks interactions against these (valid) users and items. */
  public static KnownReferences in(PCollection<Row> users, PCollection<Row> items) {
    return new KnownReferences(users, items);
  }

  @Override
  public RowsWithErrors expand(PCollection<Row> interactions) {
    PCollectionView<Iterable<String>> userIds = ids(users, "USER_ID");
    PCollectionView<Iterable<String>> itemIds = ids(items, "ITEM_ID");
    PCollectionTuple out = interactions.apply("Check users and items",
        ParDo.of(new CheckFn(userIds, itemIds)).withSideInputs(userIds, itemIds)
            .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
    return RowsWithErrors.of(
        out.get(RowsWithErrors.ROWS).setRowSchema(interactions.getSchema()),
        out.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
  }

  private static PCollectionView<Iterable<String>> ids(PCollection<Row> rows, String field) {
    return rows
        .apply("Ids " + field, MapElements.into(TypeDescriptors.strings())
            .via((Row r) -> r.getString(field)))
        .apply("View " + field, View.asIterable());
  }

  private static final class CheckFn extends DoFn<Row, Row> {
    private final PCollectionView<Iterable<String>> userIds;
    private final PCollectionView<Iterable<String>> itemIds;
    private final RuleCounters counters = new RuleCounters(Dataset.INTERACTIONS);
    private transient Set<String> users;
    private transient Set<String> items;

    CheckFn(PCollectionView<Iterable<String>> userIds, PCollectionView<Iterable<String>> itemIds) {
      this.userIds = userIds;
      this.itemIds = itemIds;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (users == null) {
        users = set(c.sideInput(userIds));
        items = set(c.sideInput(itemIds));
      }
      Row row = c.element();
      String user = row.getString("USER_ID");
      String item = row.getString("ITEM_ID");
      if (!users.contains(user)) {
        reject(row, RowRules.UNKNOWN_USER, "USER_ID '" + user + "' is not in the users dataset.",
            c);
      } else if (!items.contains(item)) {
        reject(row, RowRules.UNKNOWN_ITEM, "ITEM_ID '" + item + "' is not in the items dataset.",
            c);
      } else {
        c.output(row);
      }
    }

    private void reject(Row row, String rule, String reason, ProcessContext c) {
      counters.add(rule);
      c.output(RowsWithErrors.ERRORS, ErrorRecords.forRow("Check users and items", reason,
          row));
    }

    private static Set<String> set(Iterable<String> ids) {
      Set<String> set = new HashSet<>();
      ids.forEach(set::add);
      return set;
    }

    @FinishBundle
    public void finishBundle() {
      counters.flush();
    }
  }
}
