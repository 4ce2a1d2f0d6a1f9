package dev.beamglue.io.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.sql.impl.parser.impl.BeamSqlParserImpl;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.config.Lex;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlBasicCall;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlIdentifier;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlKind;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlNode;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlOrderBy;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.SqlSelect;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.parser.SqlParseException;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.sql.parser.SqlParser;
import org.apache.beam.vendor.calcite.v1_28_0.org.apache.calcite.util.Litmus;

/**
 * The order a query's {@code ORDER BY} gives its result, as positions of the result's columns.
 * Beam SQL computes the first rows of an ordered query ({@code ORDER BY ... LIMIT n}) but, like
 * any PCollection, does not keep their order; whoever collects the rows sorts them again with
 * these keys.
 *
 * <p>{@code List<ResultOrder.Key> keys = ResultOrder.of(sql, rows.getSchema());}
 *
 * <p>A key is a column of the result: named (its alias or column name), by position ({@code
 * ORDER BY 2}), or by an expression of the select list ({@code ORDER BY COUNT(*) DESC}). Nulls
 * come last in ascending order and first in descending order, as in Beam SQL, unless {@code NULLS
 * FIRST} or {@code NULLS LAST} says otherwise.
 */
public final class ResultOrder {

  /** One sort key: a column position of the result, its direction, where its nulls go. */
  public record Key(int column, boolean descending, boolean nullsFirst) {}

  private ResultOrder() {}

  /**
   * The sort keys of the query's outermost {@code ORDER BY}; empty when it has none (or does not
   * parse: the query itself then reports the error). Throws {@link IllegalArgumentException} for
   * a key that is not a column of the result.
   */
  public static List<Key> of(String sql, Schema result) {
    SqlNode query;
    try {
      query = SqlParser.create(sql, SqlParser.config()
              .withLex(Lex.JAVA)
              .withParserFactory(BeamSqlParserImpl.FACTORY))
          .parseQuery();
    } catch (SqlParseException e) {
      return List.of();
    }
    if (!(query instanceof SqlOrderBy orderBy)) {
      return List.of();
    }
    List<Key> keys = new ArrayList<>();
    for (SqlNode item : orderBy.orderList) {
      boolean descending = false;
      Boolean nullsFirst = null;
      SqlNode expression = item;
      while (expression.getKind() == SqlKind.DESCENDING
          || expression.getKind() == SqlKind.NULLS_FIRST
          || expression.getKind() == SqlKind.NULLS_LAST) {
        if (expression.getKind() == SqlKind.DESCENDING) {
          descending = true;
        } else if (nullsFirst == null) {
          nullsFirst = expression.getKind() == SqlKind.NULLS_FIRST;
        }
        expression = ((SqlBasicCall) expression).operand(0);
      }
      int column = column(expression, orderBy.query, result);
      keys.add(new Key(column, descending, nullsFirst == null ? descending : nullsFirst));
    }
    return keys;
  }

  private static int column(SqlNode key, SqlNode query, Schema result) {
    if (key instanceof SqlNumericLiteral number && number.isInteger()) {
      int position = number.intValue(true);
      if (position >= 1 && position <= result.getFieldCount()) {
        return position - 1;
      }
    }
    if (key instanceof SqlIdentifier identifier && !identifier.isStar()) {
      String name = identifier.names.get(identifier.names.size() - 1);
      if (result.hasField(name)) {
        return result.indexOf(name);
      }
    }
    if (query instanceof SqlSelect select) {
      List<SqlNode> items = select.getSelectList().getList();
      for (int i = 0; i < items.size() && i < result.getFieldCount(); i++) {
        SqlNode item = items.get(i);
        if (item instanceof SqlIdentifier star && star.isStar()) {
          break;
        }
        SqlNode expression = item.getKind() == SqlKind.AS
            ? ((SqlBasicCall) item).operand(0) : item;
        if (expression.equalsDeep(key, Litmus.IGNORE)) {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("ORDER BY " + key + " is not a column of the result; "
        + "order by a column of the SELECT list (its name, alias or position).");
  }
}
