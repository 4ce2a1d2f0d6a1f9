package dev.beamglue.pipelines.personalize.retail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The records of the generated retail data set: customers (the users CSV), products (the items
 * JSON dump), orders and their lines (the PostgreSQL tables the interactions come from).
 *
 * <p>{@code generator.customers(c -> csv.write(c.id()));}
 */
public final class RetailRecords {

  private RetailRecords() {}

  /** A customer profile: one line of {@code users.csv}. */
  public record Customer(
      String id, String ageBand, String loyaltyTier, String region, LocalDate signupDate) {}

  /** A product: one document of {@code items.json}, with nested attributes and stock. */
  public record Product(
      String sku,
      String name,
      List<String> categories,
      BigDecimal price,
      Instant createdAt,
      String brand,
      String color,
      String material,
      int stock) {}

  /** An order: one row of {@code orders}, with its lines ({@code order_lines}). */
  public record Order(
      long orderId, String customerId, LocalDateTime orderedAt, String channel, List<Line> lines) {}

  /** One line of an order: a product bought in some quantity at a unit price. */
  public record Line(long lineId, String sku, int quantity, BigDecimal unitPrice) {}
}
