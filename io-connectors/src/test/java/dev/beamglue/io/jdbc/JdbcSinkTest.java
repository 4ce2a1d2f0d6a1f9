package dev.beamglue.io.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.testing.jdbc.LocalPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Writes 100,000 rows into PostgreSQL, creating the table, on every runner; checks them in SQL. */
class JdbcSinkTest {

  private static final int ROWS = 100_000;
  private static LocalPostgres postgres;

  static final Schema EVENT =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("Name", FieldType.STRING)
          .addNullableField("amount", FieldType.logicalType(FixedPrecisionNumeric.of(10, 2)))
          .addNullableField("created", FieldType.DATETIME)
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .addNullableField("flag", FieldType.BOOLEAN)
          .addNullableField("raw", FieldType.BYTES)
          .build();

  @BeforeAll
  static void start() {
    postgres = LocalPostgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  static final class ToEvent extends DoFn<Long, Row> {
    @ProcessElement
    public void process(@Element Long id, OutputReceiver<Row> out) {
      out.output(Row.withSchema(EVENT).attachValues(
          id,
          id % 5 == 0 ? null : "name " + id,
          id % 3 == 0 ? null : BigDecimal.valueOf(id % 1000, 2),
          new Instant(1_700_000_000_000L + id * 1000),
          LocalDate.of(2023, 1, 1).plusDays(id % 400),
          id % 2 == 0,
          id % 4 == 0 ? null : new byte[] {(byte) (id % 128)}));
    }
  }

  private static List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = postgres.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getString(i));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }

  @PipelineTest
  void writes100000RowsIntoATableItCreates() throws SQLException {
    String table = "events_" + TestPipelines.runnerName().toLowerCase();
    Pipeline p = TestPipelines.create();
    p.apply(GenerateSequence.from(1).to(ROWS + 1))
        .apply(ParDo.of(new ToEvent()))
        .setRowSchema(EVENT)
        .apply(JdbcSink.write(postgres.connection()).toTable(table).withCreateTable());
    TestPipelines.runToEnd(p);

    assertEquals(
        List.of("id|bigint|NO", "Name|text|YES", "amount|numeric|YES",
            "created|timestamp without time zone|YES", "day|date|YES", "flag|boolean|YES",
            "raw|bytea|YES"),
        query("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            + "WHERE table_name = '" + table + "' ORDER BY ordinal_position"));
    long expectedCents = 0;
    for (long id = 1; id <= ROWS; id++) {
      expectedCents += id % 3 == 0 ? 0 : id % 1000;
    }
    assertEquals(
        List.of(ROWS + "|" + ((long) ROWS * (ROWS + 1) / 2) + "|" + expectedCents + "|"
            + (ROWS - ROWS / 5) + "|" + (ROWS / 2) + "|" + (ROWS - ROWS / 4)),
        query("SELECT count(*), sum(id), (sum(amount) * 100)::bigint, count(\"Name\"), "
            + "count(*) FILTER (WHERE flag), count(raw) FROM " + table));
    assertEquals(
        List.of("7|name 7|0.07|2023-11-14 22:13:27|2023-01-08|f|\\x07"),
        query("SELECT id, \"Name\", amount, created, day, flag, raw FROM " + table
            + " WHERE id = 7"));
  }

  @PipelineTest
  void writesIntoAnExistingTableByColumnName() throws SQLException {
    String table = "existing_" + TestPipelines.runnerName().toLowerCase();
    postgres.execute("CREATE TABLE " + table + " (extra text DEFAULT 'd', flag boolean, "
        + "name varchar(20), id bigint, amount numeric(12,2), created timestamptz, day date, "
        + "raw bytea)");
    Pipeline p = TestPipelines.create();
    p.apply(GenerateSequence.from(1).to(4))
        .apply(ParDo.of(new ToEvent()))
        .setRowSchema(EVENT)
        .apply(JdbcSink.write(postgres.connection()).toTable(table).withBatchSize(2));
    TestPipelines.runToEnd(p);
    assertEquals(
        List.of("d|f|name 1|1|0.01|2023-11-14 22:13:21|2023-01-02|\\x01",
            "d|t|name 2|2|0.02|2023-11-14 22:13:22|2023-01-03|\\x02",
            "d|f|name 3|3|null|2023-11-14 22:13:23|2023-01-04|\\x03"),
        query("SELECT extra, flag, name, id, coalesce(amount::text, 'null'), "
            + "created AT TIME ZONE 'UTC', day, raw FROM " + table + " ORDER BY id"));
  }

  @Test
  void aMissingTableOrColumnIsNamedWhenThePipelineIsBuilt() {
    Pipeline p = Pipeline.create();
    var rows = p.apply(Create.of(Row.withSchema(EVENT).attachValues(
        1L, "a", null, null, null, null, null)).withRowSchema(EVENT));
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> rows.apply(JdbcSink.write(postgres.connection()).toTable("nowhere")));
    assertEquals("--jdbcTable 'nowhere' does not exist in the database at '" + postgres.jdbcUrl()
        + "': create it first, or let the job create it (withCreateTable()).", missing.getMessage());

    postgres.execute("CREATE TABLE narrow (id bigint)");
    IllegalArgumentException column =
        assertThrows(IllegalArgumentException.class,
            () -> rows.apply("narrow", JdbcSink.write(postgres.connection()).toTable("narrow")));
    assertEquals("Field 'Name' has no column in --jdbcTable 'narrow' (columns: id): rename or "
        + "drop it before writing.", column.getMessage());
  }
}
