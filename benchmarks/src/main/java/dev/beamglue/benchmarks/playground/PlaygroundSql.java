package dev.beamglue.benchmarks.playground;

import dev.beamglue.pipelines.playground.PlaygroundJoin;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The playground transform as one SQL query, for the peers that run it directly (Spark SQL and
 * DuckDB): the same steps and output columns as beamglue's {@link PlaygroundJoin}, over views named
 * {@code income_raw} (the IRS CSV, every column text), {@code parks} and {@code playgrounds} (the raw
 * Parquet of the run's date).
 *
 * <p>{@code String sql = PlaygroundSql.query(PlaygroundSql.SPARK_PARK_ROWS);}
 *
 * <p>Income is the NY rows with the twelve columns of {@link PlaygroundJoin#INCOME_MAPPING} cast to
 * BIGINT and renamed; a park becomes one row per five-digit code of its {@code Zip} (a value cut
 * short is left out, as beamglue sends it to the error output); the parks join the income on
 * {@code zipcode = Zip}; every playground, without {@code Location} and {@code Name}, is left outer
 * joined to the parks-income rows on its {@code Prop_ID}; {@code Zip} and the playground's {@code
 * Prop_ID} are not kept.
 */
public final class PlaygroundSql {
  /** The park rows, one per code, in Spark SQL. */
  public static final String SPARK_PARK_ROWS =
      "SELECT Prop_ID, Name, Location, trim(code) AS Zip"
          + " FROM parks LATERAL VIEW explode(split(Zip, ',')) codes AS code"
          + " WHERE trim(code) RLIKE '^[0-9]{5}$'";
  /** The park rows, one per code, in DuckDB. */
  public static final String DUCKDB_PARK_ROWS =
      "SELECT Prop_ID, Name, Location, trim(code) AS Zip"
          + " FROM (SELECT Prop_ID, Name, Location, unnest(string_split(Zip, ',')) AS code FROM parks)"
          + " WHERE regexp_full_match(trim(code), '[0-9]{5}')";

  /** The playground columns kept, in the output's order. */
  static final List<String> PLAYGROUND_COLUMNS =
      List.of("Playground_ID", "School_ID", "Status", "Accessible", "Level", "Adaptive_Swing", "lat", "lon");
  /** The park columns kept, after the income columns. */
  static final List<String> PARK_COLUMNS = List.of("Prop_ID", "Name", "Location");

  private PlaygroundSql() {}

  /** The query; {@code parkRows} is the dialect's {@link #SPARK_PARK_ROWS} or {@link #DUCKDB_PARK_ROWS}. */
  public static String query(String parkRows) {
    List<String> income = new ArrayList<>();
    for (Map.Entry<String, String> m : PlaygroundJoin.INCOME_MAPPING.entrySet()) {
      income.add("CAST(" + m.getKey() + " AS BIGINT) AS " + m.getValue());
    }
    List<String> output = new ArrayList<>();
    PLAYGROUND_COLUMNS.forEach(c -> output.add("g." + c));
    PlaygroundJoin.INCOME_MAPPING.values().forEach(c -> output.add("pi." + c));
    PARK_COLUMNS.forEach(c -> output.add("pi." + c));
    return "WITH income AS (SELECT " + String.join(", ", income) + " FROM income_raw WHERE STATE = 'NY'),"
        + " park_rows AS (" + parkRows + "),"
        + " parks_income AS (SELECT i.*, p.Prop_ID, p.Name, p.Location"
        + " FROM income i JOIN park_rows p ON i.zipcode = CAST(p.Zip AS BIGINT))"
        + " SELECT " + String.join(", ", output)
        + " FROM playgrounds g LEFT JOIN parks_income pi ON g.Prop_ID = pi.Prop_ID";
  }

  /** {@code year=2019/month=06/day=01} for a YYYY-MM-DD date, as the workflow partitions. */
  public static String datePartition(String runDate) {
    LocalDate date = LocalDate.parse(runDate);
    return String.format(Locale.ROOT, "year=%04d/month=%02d/day=%02d",
        date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  /** The folders under a warehouse: the raw tables' partitions and the processed one. */
  static String rawParks(String warehouse, String runDate) {
    return warehouse + "/raw/parks/" + datePartition(runDate);
  }

  static String rawPlaygrounds(String warehouse, String runDate) {
    return warehouse + "/raw/playgrounds/" + datePartition(runDate);
  }

  static String rawIncome(String warehouse) {
    return warehouse + "/raw/income-ny/year=2016";
  }

  static String processed(String output, String runDate) {
    return output + "/processed/" + datePartition(runDate);
  }
}
