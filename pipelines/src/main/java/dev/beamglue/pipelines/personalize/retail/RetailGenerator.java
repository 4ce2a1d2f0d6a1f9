package dev.beamglue.pipelines.personalize.retail;

import dev.beamglue.pipelines.personalize.retail.RetailRecords.Customer;
import dev.beamglue.pipelines.personalize.retail.RetailRecords.Line;
import dev.beamglue.pipelines.personalize.retail.RetailRecords.Order;
import dev.beamglue.pipelines.personalize.retail.RetailRecords.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A deterministic retail data set of any size: customers, products with multi-valued categories
 * and nested attributes, and orders placed through 2024 whose products and customers follow
 * Zipf's law (a few bestsellers and regulars, a long tail), with dirty records planted at fixed
 * places ({@link DirtyKind}: orders of unknown customers or products, orders of 1899 or 2300,
 * empty ids, products listed twice under slightly different names). Every record is drawn from a
 * random generator seeded by the spec's seed and the record's number, and records are handed to a
 * consumer one at a time, so any size streams in constant memory (but for the popularity tables,
 * one double per customer and product).
 *
 * <p>{@code new RetailGenerator(RetailSpec.of(42, 20_000)).orders(order -> copy(order));}
 */
public final class RetailGenerator {

  static final LocalDateTime FIRST_ORDER = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final long YEAR_SECONDS = 366L * 24 * 3600;
  private static final String[] AGE_BANDS = {"18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
  private static final String[] TIERS = {"none", "none", "bronze", "silver", "gold", "platinum"};
  private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
  private static final String[] CHANNELS = {"web", "web", "app", "app", "store"};
  private static final String[] DEPARTMENTS = {"Home", "Kitchen", "Garden", "Sports", "Toys",
      "Books", "Electronics", "Fashion", "Beauty", "Grocery"};
  private static final String[] TAGS = {"Sale", "Eco", "Premium", "Bestseller", "New", "Gift"};
  private static final String[] BRANDS = {"Acme", "Northwind", "Contoso", "Fabrikam", "Globex",
      "Initech", "Umbrella", "Hooli"};
  private static final String[] MATERIALS = {"steel", "cotton", "oak", "glass", "plastic", "wool"};
  private static final String[] COLORS = {"red", "blue", "black", "white", "green", "grey"};
  private static final String[] NOUNS = {"Kettle", "Lamp", "Chair", "Ball", "Shirt", "Mug",
      "Backpack", "Blender", "Notebook", "Speaker", "Rake", "Puzzle"};

  private static final int CUSTOMER = 1;
  private static final int PRODUCT = 2;
  private static final int ORDER = 3;

  private final RetailSpec spec;
  private final Zipf customers;
  private final Zipf products;

  public RetailGenerator(RetailSpec spec) {
    this.spec = spec;
    this.customers = Zipf.of(spec.users(), 0.6);
    this.products = Zipf.of(spec.items(), 1.0);
  }

  public RetailSpec spec() {
    return spec;
  }

  private SplittableRandom random(int kind, long index) {
    return new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + kind * 0x1000_0000_0000L + index);
  }

  static String customerId(long index) {
    return String.format(Locale.ROOT, "C%07d", index + 1);
  }

  static String sku(long index) {
    return String.format(Locale.ROOT, "SKU-%06d", index + 1);
  }

  /** Hands every customer to {@code out}; the customers without id come last. */
  public void customers(Consumer<Customer> out) {
    for (int i = 0; i < spec.users(); i++) {
      out.accept(customer(customerId(i), random(CUSTOMER, i)));
    }
    long empty = spec.dirty(DirtyKind.USER_WITHOUT_ID);
    for (long k = 0; k < empty; k++) {
      out.accept(customer("", random(CUSTOMER, -1 - k)));
    }
  }

  private static Customer customer(String id, SplittableRandom r) {
    LocalDate signup = LocalDate.of(2018, 1, 1).plusDays(r.nextInt(6 * 365));
    return new Customer(id, pick(AGE_BANDS, r), pick(TIERS, r), pick(REGIONS, r), signup);
  }

  /**
   * Hands every product to {@code out}: the catalog, then the second listings of every 100th
   * product (same id, the name changed in case or spacing, listed 30 days later), then the
   * products without id.
   */
  public void products(Consumer<Product> out) {
    for (int i = 0; i < spec.items(); i++) {
      out.accept(product(sku(i), random(PRODUCT, i)));
    }
    long duplicates = spec.dirty(DirtyKind.DUPLICATE_ITEM);
    long stride = Math.max(1, spec.items() / duplicates);
    for (long k = 0; k < duplicates; k++) {
      int original = (int) (k * stride);
      Product p = product(sku(original), random(PRODUCT, original));
      out.accept(new Product(p.sku(), renamed(p.name(), k), p.categories(), p.price(),
          p.createdAt().plusSeconds(30L * 24 * 3600), p.brand(), p.color(), p.material(),
          p.stock()));
    }
    long empty = spec.dirty(DirtyKind.ITEM_WITHOUT_ID);
    for (long k = 0; k < empty; k++) {
      out.accept(product("", random(PRODUCT, -1 - k)));
    }
  }

  private static String renamed(String name, long k) {
    switch ((int) (k % 4)) {
      case 0:
        return name.toUpperCase(Locale.ROOT);
      case 1:
        return name.replace(" ", "  ");
      case 2:
        return name.toLowerCase(Locale.ROOT);
      default:
        return name + " ";
    }
  }

  private static Product product(String sku, SplittableRandom r) {
    String brand = pick(BRANDS, r);
    String material = pick(MATERIALS, r);
    String noun = pick(NOUNS, r);
    List<String> categories = new ArrayList<>();
    categories.add(pick(DEPARTMENTS, r));
    int tags = r.nextInt(3);
    for (int t = 0; t < tags; t++) {
      String tag = pick(TAGS, r);
      if (!categories.contains(tag)) {
        categories.add(tag);
      }
    }
    BigDecimal price = BigDecimal.valueOf(199 + r.nextInt(19_800), 2);
    Instant created = LocalDateTime.of(2020, 1, 1, 0, 0).toInstant(ZoneOffset.UTC)
        .plusSeconds(r.nextLong(4L * 365 * 24 * 3600));
    String name = brand + " " + Character.toUpperCase(material.charAt(0)) + material.substring(1)
        + " " + noun;
    return new Product(sku, name, List.copyOf(categories), price, created, brand,
        pick(COLORS, r), material, r.nextInt(500));
  }

  /**
   * Hands every order to {@code out}, in the order they were placed; the dirty ones (one line
   * each) are spread evenly among the clean ones. Returns the number of orders.
   */
  public long orders(Consumer<Order> out) {
    List<DirtyKind> dirty = dirtyOrders();
    long clean = spec.interactions() - dirty.size();
    long expectedOrders = clean / 2 + dirty.size() + 1;
    long step = spec.interactions() / (dirty.size() + 1);
    long lines = 0;
    long orderId = 0;
    int nextDirty = 0;
    while (clean > 0 || nextDirty < dirty.size()) {
      SplittableRandom r = random(ORDER, orderId);
      LocalDateTime at = FIRST_ORDER.plusSeconds(
          orderId * YEAR_SECONDS / expectedOrders + r.nextInt(3600));
      Order order;
      if (nextDirty < dirty.size() && (clean == 0 || lines >= (nextDirty + 1) * step)) {
        order = dirtyOrder(dirty.get(nextDirty), nextDirty, orderId, lines, at, r);
        nextDirty++;
      } else {
        int count = (int) Math.min(1 + r.nextInt(3), clean);
        List<Line> items = new ArrayList<>(count);
        for (int l = 0; l < count; l++) {
          items.add(line(lines + l, sku(products.draw(r)), r));
        }
        clean -= count;
        order = new Order(orderId + 1, customerId(customers.draw(r)), at, pick(CHANNELS, r),
            items);
      }
      lines += order.lines().size();
      out.accept(order);
      orderId++;
    }
    return orderId;
  }

  /** The kinds of the dirty orders in the order they are placed: the kinds taken in turn. */
  private List<DirtyKind> dirtyOrders() {
    List<DirtyKind> kinds = new ArrayList<>();
    for (DirtyKind kind : DirtyKind.values()) {
      if (kind.dataset().equals("interactions")) {
        kinds.add(kind);
      }
    }
    long[] left = new long[kinds.size()];
    for (int i = 0; i < left.length; i++) {
      left[i] = spec.dirty(kinds.get(i));
    }
    List<DirtyKind> order = new ArrayList<>();
    boolean any = true;
    while (any) {
      any = false;
      for (int i = 0; i < left.length; i++) {
        if (left[i] > 0) {
          order.add(kinds.get(i));
          left[i]--;
          any = true;
        }
      }
    }
    return order;
  }

  private Order dirtyOrder(DirtyKind kind, int k, long orderId, long lineIndex, LocalDateTime at,
      SplittableRandom r) {
    String customer = customerId(customers.draw(r));
    String sku = sku(products.draw(r));
    switch (kind) {
      case UNKNOWN_USER:
        customer = String.format(Locale.ROOT, "CX%06d", k + 1);
        break;
      case UNKNOWN_ITEM:
        sku = String.format(Locale.ROOT, "SKU-X%05d", k + 1);
        break;
      case IMPOSSIBLE_TIMESTAMP:
        at = k % 2 == 0 ? LocalDateTime.of(1899, 12, 31, 12, 0) : LocalDateTime.of(2300, 1, 1, 0, 0);
        break;
      case ORDER_WITHOUT_USER_ID:
        customer = "";
        break;
      default:
        sku = "";
        break;
    }
    return new Order(orderId + 1, customer, at, pick(CHANNELS, r), List.of(line(lineIndex, sku, r)));
  }

  private static Line line(long index, String sku, SplittableRandom r) {
    int quantity = r.nextInt(10) < 8 ? 1 : 2 + r.nextInt(4);
    return new Line(index + 1, sku, quantity, BigDecimal.valueOf(199 + r.nextInt(19_800), 2));
  }

  private static String pick(String[] values, SplittableRandom r) {
    return values[r.nextInt(values.length)];
  }
}
