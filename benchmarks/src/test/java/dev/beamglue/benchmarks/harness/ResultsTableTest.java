package dev.beamglue.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
  private static final List<RowCount> TWO = List.of(
      RowCount.of("root rows", "root rows", 10, outDir -> 0),
      RowCount.of("commit rows", "commits", 15, outDir -> 0));

  private static Contestant contestant(String key, String label) {
    return Contestant.of(key, label, (input, outDir) -> List.of("true"));
  }

  @Test
  void countsShowDisagreeingRunsAndTheExpectedValue() {
    assertEquals("1,000 / 1,001 (expected 1,000)", ResultsTable.counts(List.of(1000L, 1001L), 1000));
    assertEquals("1,000", ResultsTable.counts(List.of(1000L, 1000L), 1000));
    assertEquals("999 (expected 1,000)", ResultsTable.counts(List.of(999L), 1000));
  }

  @Test
  void oneColumnForEachCountAndRatiosToSparkSql() {
    Result sparkSql = new Result(contestant("sparksql", "Spark SQL"), 2);
    sparkSql.add(4.0, 10, 15);
    Result duck = new Result(contestant("duckdb", "DuckDB"), 2);
    duck.add(1.0, 9, 15);
    duck.add(3.0, 9, 15);
    Result broken = new Result(contestant("flink", "Flink"), 2);
    broken.add(5.0, 10, 15);
    broken.fail("run 2 exited with 1 | see log");
    String[] lines = ResultsTable.markdown(List.of(sparkSql, duck, broken), 2, TWO).split("\n");
    assertEquals("| contestant | runs | median s | min s | max s | vs Spark SQL | root rows | commit rows |", lines[0]);
    assertEquals("|---|---:|---:|---:|---:|---:|---:|---:|", lines[1]);
    assertEquals("| Spark SQL | 1 | 4.0 | 4.0 | 4.0 | 1.00x | 10 | 15 |", lines[2]);
    assertEquals("| DuckDB | 2 | 2.0 | 1.0 | 3.0 | 0.50x | 9 (expected 10) | 15 |", lines[3]);
    assertEquals("| Flink | 1 of 2 | not measured: run 2 exited with 1 \\| see log | | | | | |", lines[4]);
  }

  @Test
  void noRatioWithoutAMeasuredReference() {
    Result duck = new Result(contestant("duckdb", "DuckDB"), 2);
    duck.add(1.0, 10, 15);
    Result sparkSql = new Result(contestant("sparksql", "Spark SQL"), 2);
    String[] lines = ResultsTable.markdown(List.of(duck, sparkSql), 1, TWO).split("\n");
    assertEquals("| DuckDB | 1 | 1.0 | 1.0 | 1.0 | n/a | 10 | 15 |", lines[2]);
    assertEquals("| Spark SQL | 0 of 1 | not measured: did not run | | | | | |", lines[3]);
  }

  @Test
  void aRunHasOneValueForEachColumn() {
    Result r = new Result(contestant("duckdb", "DuckDB"), 2);
    assertThrows(IllegalArgumentException.class, () -> r.add(1.0, 10));
  }
}
