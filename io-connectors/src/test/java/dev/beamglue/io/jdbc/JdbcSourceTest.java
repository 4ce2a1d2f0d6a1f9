package dev.beamglue.io.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.testing.jdbc.LocalPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads a 100,000-row PostgreSQL table, whole and split into ranges, on every runner. */
class JdbcSourceTest {

  static final int ROWS = 100_000;
  private static LocalPostgres postgres;
  private static long amountCents;
  private static long notes;

  static final Schema ORDERS =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("customer", FieldType.STRING)
          .addNullableField("amount", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
          .addNullableField("created", FieldType.DATETIME)
          .addNullableField("note", FieldType.STRING)
          .addNullableField("active", FieldType.BOOLEAN)
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .addNullableField("data", FieldType.BYTES)
          .addNullableField("ratio", FieldType.DOUBLE)
          .addInt32Field("qty")
          .addNullableField("total", FieldType.DECIMAL)
          .build();

  @BeforeAll
  static void fillTable() throws SQLException {
    postgres = LocalPostgres.start();
    postgres.execute(
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer text, amount numeric(10,2), "
            + "created timestamp, note varchar(40), active boolean, day date, data bytea, "
            + "ratio double precision, qty integer NOT NULL, total numeric)",
        "INSERT INTO orders SELECT i, 'c' || (i % 100), "
            + "CASE WHEN i % 10 = 0 THEN NULL ELSE (i % 1000) * 1.25 END, "
            + "timestamp '2024-01-01 00:00:00' + i * interval '1 second', "
            + "CASE WHEN i % 7 = 0 THEN NULL ELSE 'note ' || i END, i % 2 = 0, "
            + "date '2024-01-01' + (i % 365), convert_to('b' || i, 'UTF8'), i / 4.0, "
            + "i % 13, i * 0.001 FROM generate_series(1, " + ROWS + ") i",
        "ANALYZE orders");
    try (Connection c = postgres.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT sum(amount * 100)::bigint, count(note) FROM orders")) {
      rs.next();
      amountCents = rs.getLong(1);
      notes = rs.getLong(2);
    }
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  static Row order(long id) {
    return Row.withSchema(ORDERS)
        .attachValues(
            id,
            "c" + (id % 100),
            id % 10 == 0 ? null : new BigDecimal((id % 1000) * 125).movePointLeft(2),
            new Instant(Instant.parse("2024-01-01T00:00:00Z").getMillis() + id * 1000),
            id % 7 == 0 ? null : "note " + id,
            id % 2 == 0,
            LocalDate.of(2024, 1, 1).plusDays(id % 365),
            ("b" + id).getBytes(StandardCharsets.UTF_8),
            id / 4.0,
            (int) (id % 13),
            new BigDecimal(id).movePointLeft(3));
  }

  /** Asserts the count, the checksums and three rows in full. */
  private static void assertOrders(PCollection<Row> rows) {
    assertEquals(ORDERS, rows.getSchema());
    // count | sum of ids | sum of amounts in cents | notes that are not null
    PAssert.thatSingleton(rows.apply("Checksums", Combine.globally(new Checksums())))
        .isEqualTo(ROWS + "|" + ((long) ROWS * (ROWS + 1) / 2) + "|" + amountCents + "|" + notes);
    PAssert.that(rows.apply("Samples",
            Filter.by(r -> r.getInt64("id") == 1 || r.getInt64("id") == 70 || r.getInt64("id") == ROWS)))
        .containsInAnyOrder(order(1), order(70), order(ROWS));
  }

  /** One pass over the rows: count, sum of ids, sum of amounts in cents, non-null notes. */
  static final class Checksums extends Combine.CombineFn<Row, long[], String> {
    @Override
    public long[] createAccumulator() {
      return new long[4];
    }

    @Override
    public long[] addInput(long[] sums, Row row) {
      sums[0]++;
      sums[1] += row.getInt64("id");
      BigDecimal amount = row.getDecimal("amount");
      sums[2] += amount == null ? 0 : amount.movePointRight(2).longValueExact();
      sums[3] += row.getString("note") == null ? 0 : 1;
      return sums;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accumulators) {
      long[] merged = new long[4];
      for (long[] sums : accumulators) {
        for (int i = 0; i < 4; i++) {
          merged[i] += sums[i];
        }
      }
      return merged;
    }

    @Override
    public String extractOutput(long[] sums) {
      return sums[0] + "|" + sums[1] + "|" + sums[2] + "|" + sums[3];
    }

    @Override
    public Coder<long[]> getAccumulatorCoder(CoderRegistry registry, Coder<Row> input) {
      return SerializableCoder.of(long[].class);
    }
  }

  @PipelineTest
  void readsAWholeTable() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows = p.apply(JdbcSource.read(postgres.connection()).table("orders"));
    assertOrders(rows);
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void readsATableInRangesOfItsId() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows =
        p.apply(JdbcSource.read(postgres.connection()).table("orders").withPartitionColumn("id", 7));
    assertOrders(rows);
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void readsAQueryInRangesKeepingRowsWhosePartitionColumnIsNull() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows =
        p.apply(JdbcSource.read(postgres.connection())
            .query("SELECT CASE WHEN id % 1000 = 0 THEN NULL ELSE qty END AS k, note "
                + "FROM orders WHERE id <= 5000")
            .withPartitionColumn("k", 3));
    Schema expected =
        Schema.builder()
            .addNullableField("k", FieldType.INT32)
            .addNullableField("note", FieldType.STRING)
            .build();
    assertEquals(expected, rows.getSchema());
    PAssert.thatSingleton(rows.apply("Count", Count.globally())).isEqualTo(5000L);
    PAssert.thatSingleton(
            rows.apply("Nulls", Filter.by(r -> r.getInt32("k") == null))
                .apply("Count nulls", Count.globally()))
        .isEqualTo(5L);
    TestPipelines.runToEnd(p);
  }

  @PipelineTest
  void readsATableInMoreRangesWhenARangeWouldHoldTooManyRows() {
    Pipeline p = TestPipelines.create();
    PCollection<Row> rows = p.apply(JdbcSource.read(postgres.connection()).table("orders")
        .withPartitionColumn("id", 2).withRangeRows(15_000));
    assertOrders(rows);
    TestPipelines.runToEnd(p);
  }

  @Test
  void splitsIntoOneSourcePerRangeOfAtMostTheRangeRows() throws Exception {
    JdbcSource.Read read = JdbcSource.read(postgres.connection()).table("orders")
        .withPartitionColumn("id", 2).withRangeRows(15_000);
    JdbcRangeSource source = read.rangeSource(ORDERS);
    // 100,000 rows of ids 1 to 100,000: 7 ranges of 14,286 ids (the last one shorter)
    List<JdbcRangeSource.Range> ranges = source.ranges();
    assertEquals(7, ranges.size());
    assertEquals(new JdbcRangeSource.Range(1, 14_287, true), ranges.get(0));
    assertEquals(new JdbcRangeSource.Range(14_287, 28_573, false), ranges.get(1));
    assertEquals(new JdbcRangeSource.Range(85_717, 100_001, false), ranges.get(6));
    assertEquals(100L * ROWS, source.getEstimatedSizeBytes(PipelineOptionsFactory.create()));
    // whatever bundle size a runner asks for: Spark asks for the size over its cores
    List<JdbcRangeSource> splits =
        source.split(source.getEstimatedSizeBytes(null) / 2, PipelineOptionsFactory.create());
    assertEquals(7, splits.size());
    for (int i = 0; i < splits.size(); i++) {
      assertEquals(List.of(ranges.get(i)), splits.get(i).ranges());
    }
    assertEquals(14_286, SourceTestUtils.readFromSource(splits.get(1),
        PipelineOptionsFactory.create()).size());
    SourceTestUtils.assertSourcesEqualReferenceSource(source, splits,
        PipelineOptionsFactory.create());
  }

  @Test
  void asksForTheRangesPartitionsAtLeastAndMoreForTheRows() {
    JdbcSource.Read read = JdbcSource.read(postgres.connection()).table("orders")
        .withPartitionColumn("id", 4);
    assertEquals(4, read.rangeCount(0));
    assertEquals(4, read.rangeCount(400_000));
    assertEquals(5, read.rangeCount(400_001));
    assertEquals(100, read.rangeCount(10_000_000));
    assertEquals(JdbcSource.MAX_RANGES, read.rangeCount(Long.MAX_VALUE / 2));
    // fewer values than ranges: one range per value
    assertEquals(List.of(new JdbcRangeSource.Range(5, 6, true),
        new JdbcRangeSource.Range(6, 7, false)), JdbcSource.Read.ranges(5, 6, 4));
    assertEquals(List.of(new JdbcRangeSource.Range(0, 1, true)), JdbcSource.Read.ranges(0, 0, 3));
  }
}
