package dev.beamglue.io.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;

/** The sort keys of a query's ORDER BY, as columns of its result. */
class ResultOrderTest {

  private final Schema result = Schema.builder()
      .addNullableField("city", FieldType.STRING)
      .addField("orders", FieldType.INT64)
      .addNullableField("total", FieldType.DOUBLE)
      .build();

  private static final String SELECT =
      "SELECT c.city, COUNT(*) AS orders, SUM(o.amount) AS total FROM shop.orders o "
          + "JOIN shop.customers c ON o.customer = c.customer GROUP BY c.city ";

  @Test
  void keysByAliasQualifiedNamePositionAndExpression() {
    assertEquals(List.of(new ResultOrder.Key(2, true, true), new ResultOrder.Key(0, false, false)),
        ResultOrder.of(SELECT + "ORDER BY total DESC, c.city LIMIT 5", result));
    assertEquals(List.of(new ResultOrder.Key(1, false, false)),
        ResultOrder.of(SELECT + "ORDER BY 2 LIMIT 5", result));
    assertEquals(List.of(new ResultOrder.Key(1, true, true)),
        ResultOrder.of(SELECT + "ORDER BY COUNT(*) DESC LIMIT 5", result));
  }

  @Test
  void nullsFirstOrLastAsWritten() {
    assertEquals(List.of(new ResultOrder.Key(0, false, true)),
        ResultOrder.of(SELECT + "ORDER BY city NULLS FIRST LIMIT 5", result));
    assertEquals(List.of(new ResultOrder.Key(0, true, false)),
        ResultOrder.of(SELECT + "ORDER BY city DESC NULLS LAST LIMIT 5", result));
  }

  @Test
  void noKeysWithoutOrderByOrWhenTheQueryDoesNotParse() {
    assertEquals(List.of(), ResultOrder.of(SELECT, result));
    assertEquals(List.of(), ResultOrder.of("SELECT FROM WHERE", result));
  }

  @Test
  void aKeyOutsideTheResultIsRefused() {
    assertEquals("ORDER BY o.amount is not a column of the result; order by a column of the "
            + "SELECT list (its name, alias or position).",
        assertThrows(IllegalArgumentException.class,
            () -> ResultOrder.of(SELECT + "ORDER BY o.amount LIMIT 5", result)).getMessage());
  }
}
