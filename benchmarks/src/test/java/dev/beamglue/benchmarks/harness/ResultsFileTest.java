package dev.beamglue.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

  @Test
  void aRunWrittenReadsBackWithEveryTimeAndProblem(@TempDir Path dir) throws IOException {
    Result flink = new Result(Contestant.of("flink", "Flink", (i, o) -> List.of("true")), 0);
    flink.add(3.0);
    flink.add(1.0);
    flink.add(2.0);
    Result duck = new Result(Contestant.of("duckdb", "DuckDB", (i, o) -> List.of("true")), 0);
    duck.add(0.5);
    duck.fail("run 2 exited with 1");
    ResultsFile.Run run = new ResultsFile.Run("github-events", "2 cores", "1,000 events",
        "benchmarks/run-github-events.sh --events=1000 --runs=3",
        List.of(ResultsFile.Input.of("events", "1,000 events", 12_345, List.of(flink, duck))));
    Path file = dir.resolve("results/github-events-1x.json");
    ResultsFile.write(file, run);

    ResultsFile.Run read = ResultsFile.read(file);
    assertEquals(run, read);
    ResultsFile.Contestant flinkRead = read.inputs().get(0).contestants().get(0);
    assertEquals(List.of(3.0, 1.0, 2.0), flinkRead.seconds());
    assertEquals(2.0, flinkRead.median());
    assertTrue(flinkRead.measured());
    assertNull(flinkRead.problem());
    ResultsFile.Contestant duckRead = read.inputs().get(0).contestants().get(1);
    assertEquals("run 2 exited with 1", duckRead.problem());
    assertFalse(duckRead.measured());
  }

  @Test
  void bytesCountDataFilesOnly(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("a.json"), new byte[10]);
    Files.createDirectories(dir.resolve("year=2019"));
    Files.write(dir.resolve("year=2019/b.csv"), new byte[5]);
    Files.write(dir.resolve("_SUCCESS"), new byte[7]);
    Files.write(dir.resolve(".hidden"), new byte[3]);
    assertEquals(15, ResultsFile.bytes(dir));
    assertEquals(10, ResultsFile.bytes(dir.resolve("a.json")));
  }
}
