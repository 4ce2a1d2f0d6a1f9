package dev.beamglue.pipelines.personalize.retail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamglue.io.jdbc.PostgresCopy;
import dev.beamglue.pipelines.personalize.retail.RetailRecords.Line;
import dev.beamglue.pipelines.personalize.retail.RetailRecords.Product;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Writes a {@link RetailGenerator}'s data where the personalize export reads it: the customers as
 * a CSV file with a header, the products as newline-delimited JSON (a document store's dump),
 * both through Beam's file systems (local or {@code s3://}); the orders into PostgreSQL tables
 * {@code orders} and {@code order_lines}, streamed with {@code COPY} over two connections at once.
 *
 * <p>{@code RetailFiles.writeUsers(generator, "out/sources/users.csv");}
 */
public final class RetailFiles {

  /** The columns of the users CSV, in order. */
  public static final List<String> USER_COLUMNS =
      List.of("customer_id", "age_band", "loyalty_tier", "region", "signup_date");

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private RetailFiles() {}

  /** Writes the customers to a CSV file; returns the number of records. */
  public static long writeUsers(RetailGenerator generator, String path) {
    long[] count = {0};
    try (Writer out = open(path)) {
      out.write(String.join(",", USER_COLUMNS) + "\n");
      generator.customers(c -> {
        write(out, c.id() + "," + c.ageBand() + "," + c.loyaltyTier() + "," + c.region() + ","
            + c.signupDate() + "\n");
        count[0]++;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the generated users to " + path, e);
    }
    return count[0];
  }

  /** Writes the products as JSON lines; returns the number of documents. */
  public static long writeItems(RetailGenerator generator, String path) {
    long[] count = {0};
    try (Writer out = open(path)) {
      generator.products(p -> {
        write(out, json(p) + "\n");
        count[0]++;
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the generated items to " + path, e);
    }
    return count[0];
  }

  private static String json(Product p) {
    java.io.StringWriter text = new java.io.StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("sku", p.sku());
      json.writeStringField("name", p.name());
      json.writeArrayFieldStart("categories");
      for (String category : p.categories()) {
        json.writeString(category);
      }
      json.writeEndArray();
      json.writeNumberField("price", p.price());
      json.writeStringField("created_at", p.createdAt().toString());
      json.writeObjectFieldStart("attributes");
      json.writeStringField("brand", p.brand());
      json.writeStringField("color", p.color());
      json.writeStringField("material", p.material());
      json.writeEndObject();
      json.writeObjectFieldStart("stock");
      json.writeNumberField("quantity", p.stock());
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * Creates (replacing) tables {@code orders} and {@code order_lines} over the connections (two
   * to the same database, one for each COPY) and streams the orders into them; returns the number
   * of orders.
   */
  public static long loadOrders(RetailGenerator generator, Connection orders, Connection lines)
      throws SQLException {
    try (Statement s = orders.createStatement()) {
      s.execute("DROP TABLE IF EXISTS order_lines");
      s.execute("DROP TABLE IF EXISTS orders");
      s.execute("CREATE TABLE orders (order_id bigint PRIMARY KEY, customer_id text NOT NULL,"
          + " ordered_at timestamp NOT NULL, channel text NOT NULL)");
      s.execute("CREATE TABLE order_lines (line_id bigint PRIMARY KEY, order_id bigint NOT NULL,"
          + " sku text NOT NULL, quantity integer NOT NULL, unit_price numeric(10,2) NOT NULL)");
    }
    long count;
    try (PostgresCopy orderCopy = PostgresCopy.into(orders, "orders",
            List.of("order_id", "customer_id", "ordered_at", "channel"));
        PostgresCopy lineCopy = PostgresCopy.into(lines, "order_lines",
            List.of("line_id", "order_id", "sku", "quantity", "unit_price"))) {
      count = generator.orders(order -> {
        try {
          orderCopy.row(order.orderId(), order.customerId(), SQL_TIME.format(order.orderedAt()),
              order.channel());
          for (Line line : order.lines()) {
            lineCopy.row(line.lineId(), order.orderId(), line.sku(), line.quantity(),
                line.unitPrice());
          }
        } catch (SQLException e) {
          throw new IllegalStateException("Cannot load the generated orders: " + e.getMessage(), e);
        }
      });
    }
    return count;
  }

  private static Writer open(String path) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(path, false), "text/plain")),
        StandardCharsets.UTF_8), 1 << 16);
  }

  private static void write(Writer out, String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
