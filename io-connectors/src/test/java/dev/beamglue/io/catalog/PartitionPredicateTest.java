package dev.beamglue.io.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionPredicateTest {

  private static final List<String> KEYS = List.of("year", "month", "day");

  private static boolean matches(String predicate, String year, String month, String day) {
    return PartitionPredicate.parse(predicate, "raw.parks", KEYS)
        .matches(List.of(year, month, day));
  }

  @Test
  void comparesEqualityAndOrderNumericallyWhenBothSidesAreNumbers() {
    assertTrue(matches("year = '2017' AND month = '04'", "2017", "04", "01"));
    assertFalse(matches("year = '2017' AND month = '04'", "2017", "05", "01"));
    assertTrue(matches("month = 4", "2017", "04", "01"));
    assertTrue(matches("month < 10", "2017", "9", "01"));
    assertFalse(matches("month < '10'", "2017", "9x", "01")); // strings: "9x" > "10"
    assertTrue(matches("month >= 4 and month <= 6", "2017", "05", "01"));
    assertTrue(matches("year <> 2016", "2017", "05", "01"));
    assertFalse(matches("year != 2017", "2017", "05", "01"));
    assertTrue(matches("year > 2016", "2017", "05", "01"));
    assertFalse(matches("year > 2017", "2017", "05", "01"));
    assertTrue(matches("2017 = `year`", "2017", "05", "01"));
    assertTrue(matches("YEAR == 2017.0", "2017", "05", "01"));
  }

  @Test
  void supportsInBetweenNotOrAndParentheses() {
    assertTrue(matches("month IN ('04', '05')", "2017", "05", "01"));
    assertFalse(matches("month IN (4, 6)", "2017", "05", "01"));
    assertTrue(matches("month NOT IN (4, 6)", "2017", "05", "01"));
    assertTrue(matches("day BETWEEN 1 AND 10", "2017", "05", "07"));
    assertFalse(matches("day BETWEEN 1 AND 10", "2017", "05", "17"));
    assertTrue(matches("day NOT BETWEEN 1 AND 10", "2017", "05", "17"));
    assertTrue(matches("NOT (year = 2016 OR month = 1)", "2017", "05", "01"));
    assertFalse(matches("NOT year = 2017", "2017", "05", "01"));
    // AND binds tighter than OR
    assertTrue(matches("year = 2016 AND month = 1 OR day = 1", "2017", "05", "01"));
    assertFalse(matches("year = 2016 AND (month = 1 OR day = 1)", "2017", "05", "01"));
  }

  @Test
  void readsQuotedStringsWithDoubledQuotes() {
    PartitionPredicate predicate =
        PartitionPredicate.parse("name = 'o''brien'", "raw.people", List.of("name"));
    assertTrue(predicate.matches(List.of("o'brien")));
    assertFalse(predicate.matches(List.of("obrien")));
  }

  @Test
  void namesAColumnThatIsNotAPartitionKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PartitionPredicate.parse("year = 2017 AND name = 'x'", "raw.parks", KEYS));
    assertEquals(
        "The push-down predicate names 'name', which is not a partition key of raw.parks; its"
            + " partition keys are year, month, day.",
        e.getMessage());
  }

  @Test
  void saysWhereTheSyntaxIsWrong() {
    assertEquals(
        "The push-down predicate \"year = \" has a syntax error at position 8: expected a"
            + " partition column or a value, not the end.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("year = ", "raw.parks", KEYS))
            .getMessage());
    assertEquals(
        "The push-down predicate \"year = '2017\" has a syntax error at position 8: the quoted"
            + " string that starts here is not closed.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("year = '2017", "raw.parks", KEYS))
            .getMessage());
    assertEquals(
        "The push-down predicate \"(year = 1\" has a syntax error at position 10: expected ')',"
            + " not the end.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("(year = 1", "raw.parks", KEYS))
            .getMessage());
    assertEquals(
        "The push-down predicate \"year 2017\" has a syntax error at position 6: expected a"
            + " comparison (=, <>, !=, <, <=, >, >=, IN or BETWEEN), not '2017'.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("year 2017", "raw.parks", KEYS))
            .getMessage());
    assertEquals(
        "The push-down predicate \"year = 1 month = 2\" has a syntax error at position 10:"
            + " expected AND, OR or the end, not 'month'.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("year = 1 month = 2", "raw.parks", KEYS))
            .getMessage());
    assertEquals(
        "The push-down predicate \"year ; 1\" has a syntax error at position 6: ';' is not"
            + " allowed here.",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("year ; 1", "raw.parks", KEYS))
            .getMessage());
  }

  @Test
  void refusesAPredicateOnAnUnpartitionedTable() {
    assertEquals(
        "raw.flat has no partition keys, so it cannot take the push-down predicate \"year = 1\".",
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionPredicate.parse("year = 1", "raw.flat", List.of()))
            .getMessage());
  }
}
