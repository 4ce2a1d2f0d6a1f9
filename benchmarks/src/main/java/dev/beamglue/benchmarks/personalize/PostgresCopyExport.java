package dev.beamglue.benchmarks.personalize;

import dev.beamglue.benchmarks.harness.Flags;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * The floor of the Personalize export benchmark: PostgreSQL's own {@code COPY (query) TO STDOUT
 * (FORMAT csv, HEADER)} of the interactions in Personalize's columns, streamed by the JDBC driver
 * into one file. It checks nothing: every order line is written, dirty ones included.
 *
 * <p>{@code PostgresCopyExport --jdbcUrl=... --jdbcUser=... --jdbcPasswordFile=... --output=DIR}
 */
public final class PostgresCopyExport {

  /** The interactions in the columns of the export's default mapping. */
  static final String QUERY = "SELECT o.customer_id AS \"USER_ID\", l.sku AS \"ITEM_ID\","
      + " extract(epoch FROM o.ordered_at)::bigint AS \"TIMESTAMP\", 'purchase' AS \"EVENT_TYPE\","
      + " l.quantity::real AS \"EVENT_VALUE\", o.channel AS \"CHANNEL\""
      + " FROM orders o JOIN order_lines l ON l.order_id = o.order_id";

  private PostgresCopyExport() {}

  public static void main(String[] args) throws Exception {
    Flags flags = Flags.parse(args, "jdbcUrl", "jdbcUser", "jdbcPasswordFile", "output");
    String password = Files.readString(Path.of(flags.required("jdbcPasswordFile"))).trim();
    Path output = Path.of(flags.required("output")).resolve("interactions");
    Files.createDirectories(output);
    long start = System.nanoTime();
    long rows;
    try (Connection connection = DriverManager.getConnection(
            flags.required("jdbcUrl"), flags.required("jdbcUser"), password);
        OutputStream out = new BufferedOutputStream(
            Files.newOutputStream(output.resolve("interactions.csv")), 1 << 16)) {
      rows = connection.unwrap(PGConnection.class).getCopyAPI()
          .copyOut("COPY (" + QUERY + ") TO STDOUT WITH (FORMAT csv, HEADER)", out);
    }
    System.out.printf(Locale.ROOT, "COPY wrote %,d interactions in %.1f s%n", rows,
        (System.nanoTime() - start) / 1e9);
  }
}
