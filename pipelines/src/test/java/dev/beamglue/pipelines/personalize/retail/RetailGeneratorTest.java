package dev.beamglue.pipelines.personalize.retail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.pipelines.personalize.retail.RetailRecords.Line;
import dev.beamglue.pipelines.personalize.retail.RetailRecords.Order;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator: deterministic, sized by its spec, skewed, and with every dirty record counted. */
class RetailGeneratorTest {

  private static final RetailSpec SPEC = RetailSpec.of(11, 5_000);

  @TempDir Path dir;

  @Test
  void theSameSpecGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
    RetailFiles.writeItems(new RetailGenerator(SPEC), dir.resolve("a.json").toString());
    RetailFiles.writeItems(new RetailGenerator(SPEC), dir.resolve("b.json").toString());
    RetailFiles.writeItems(new RetailGenerator(RetailSpec.of(12, 5_000)),
        dir.resolve("c.json").toString());
    assertEquals(Files.readString(dir.resolve("a.json")), Files.readString(dir.resolve("b.json")));
    assertNotEquals(Files.readString(dir.resolve("a.json")),
        Files.readString(dir.resolve("c.json")));
    RetailFiles.writeUsers(new RetailGenerator(SPEC), dir.resolve("users.csv").toString());
    List<String> users = Files.readAllLines(dir.resolve("users.csv"));
    assertEquals("customer_id,age_band,loyalty_tier,region,signup_date", users.get(0));
    assertEquals(RetailCounts.of(SPEC, 0).users(), users.size() - 1);
    assertEquals(SPEC.dirty(DirtyKind.USER_WITHOUT_ID),
        users.stream().filter(u -> u.startsWith(",")).count());
    String item = Files.readAllLines(dir.resolve("a.json")).get(0);
    assertTrue(item.startsWith("{\"sku\":\"SKU-000001\",\"name\":"), item);
    assertTrue(item.contains("\"attributes\":{\"brand\":"), item);
  }

  @Test
  void ordersHaveTheSpecsLinesEveryDirtyKindCountedAndAPopularitySkew() {
    Set<String> users = new HashSet<>();
    Set<String> items = new HashSet<>();
    RetailGenerator generator = new RetailGenerator(SPEC);
    generator.customers(c -> users.add(c.id()));
    Map<String, Integer> listings = new HashMap<>();
    generator.products(p -> listings.merge(p.sku(), 1, Integer::sum));
    items.addAll(listings.keySet());
    assertEquals(SPEC.dirty(DirtyKind.DUPLICATE_ITEM),
        listings.values().stream().filter(n -> n == 2).count());
    assertEquals(SPEC.dirty(DirtyKind.ITEM_WITHOUT_ID), (long) listings.get(""));

    List<Order> orders = new ArrayList<>();
    long count = generator.orders(orders::add);
    assertEquals(orders.size(), count);
    assertEquals(SPEC.interactions(), orders.stream().mapToLong(o -> o.lines().size()).sum());

    Map<DirtyKind, Long> found = new EnumMap<>(DirtyKind.class);
    Map<String, Integer> sold = new HashMap<>();
    LocalDateTime last = LocalDateTime.MIN;
    for (Order order : orders) {
      for (Line line : order.lines()) {
        DirtyKind kind = order.customerId().isEmpty() ? DirtyKind.ORDER_WITHOUT_USER_ID
            : line.sku().isEmpty() ? DirtyKind.ORDER_WITHOUT_ITEM_ID
            : !users.contains(order.customerId()) ? DirtyKind.UNKNOWN_USER
            : !items.contains(line.sku()) ? DirtyKind.UNKNOWN_ITEM
            : order.orderedAt().getYear() < 2024 || order.orderedAt().getYear() > 2025
                ? DirtyKind.IMPOSSIBLE_TIMESTAMP : null;
        if (kind != null) {
          found.merge(kind, 1L, Long::sum);
          assertEquals(1, order.lines().size());
        } else {
          sold.merge(line.sku(), 1, Integer::sum);
          assertTrue(!order.orderedAt().isBefore(last), "clean orders come in time order");
          last = order.orderedAt();
        }
      }
    }
    for (DirtyKind kind : DirtyKind.values()) {
      if (kind.dataset().equals("interactions")) {
        assertEquals(SPEC.dirty(kind), found.getOrDefault(kind, 0L), kind.name());
      }
    }
    int top = sold.getOrDefault("SKU-000001", 0);
    int tail = sold.getOrDefault(String.format("SKU-%06d", SPEC.items()), 0);
    assertTrue(top > 20 * Math.max(1, tail), "Zipf: the top product sells " + top
        + ", the last " + tail);
  }

  @Test
  void aSpecTooSmallForItsDirtyRecordsIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetailSpec.of(1, 99));
    assertEquals("The generated data needs 100 or more interactions, not 99.", e.getMessage());
  }
}
