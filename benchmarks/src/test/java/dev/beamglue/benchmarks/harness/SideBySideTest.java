package dev.beamglue.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run loop with shell commands as contestants: runs, counts, failures, skips and checks. */
class SideBySideTest {

  /** Lines of the file the contestant wrote at OUT/output. */
  private static final RowCount LINES = RowCount.of("lines", "lines", 3, outDir -> {
    try {
      return Files.readAllLines(Contestant.output(outDir)).size();
    } catch (IOException e) {
      throw new IOException("wrote no lines at " + Contestant.output(outDir), e);
    }
  });

  private static Contestant shell(String key, String script) {
    return Contestant.of(key, key, (input, outDir) -> List.of("sh", "-c", script, key, input.toString(), outDir.toString()));
  }

  @Test
  void runsRoundRobinCountsEveryRunAndStopsAContestantThatFails(@TempDir Path dir) throws Exception {
    Path input = Files.writeString(dir.resolve("in.txt"), "a\nb\nc\n");
    AtomicInteger checks = new AtomicInteger();
    List<Contestant> all = List.of(
        shell("copy", "echo copying; cp \"$1\" \"$2/output\""),
        shell("broken", "echo no luck; exit 3"),
        shell("empty", "true"),
        shell("unready", "true").withCheck(() -> {
          checks.incrementAndGet();
          return "not in this checkout";
        }),
        shell("skipped", "true").withCheck(() -> {
          checks.incrementAndGet();
          return null;
        }));

    Map<String, Result> results = new SideBySide(dir.resolve("work"), 2, 1, List.of(LINES), UnaryOperator.identity())
        .run(all, Set.of("skipped"), input);

    assertEquals(List.of("copy", "broken", "empty", "unready"), List.copyOf(results.keySet()));
    Result copy = results.get("copy");
    assertTrue(copy.measured());
    assertEquals(2, copy.seconds().size());
    assertEquals(List.of(3L, 3L), copy.counts(0));
    assertEquals("copying\n", Files.readString(dir.resolve("work/logs/copy-run2.log")));

    Result broken = results.get("broken");
    assertEquals("run 1 exited with 3; see " + dir.resolve("work/logs/broken-run1.log"), broken.problem());
    assertFalse(Files.exists(dir.resolve("work/logs/broken-run2.log")), "a failed contestant runs no more");

    assertTrue(results.get("empty").problem().startsWith("run 1 wrote no lines at "), results.get("empty").problem());
    assertEquals("not in this checkout", results.get("unready").problem());
    assertFalse(Files.exists(dir.resolve("work/logs/unready-run1.log")));
    assertEquals(1, checks.get(), "the check of a skipped contestant is not made, the other's once");
  }

  @Test
  void aSkipThatNamesNoContestantIsAnError() {
    List<Contestant> all = List.of(shell("flink", "true"), shell("spark", "true"), shell("duckdb", "true"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SideBySide.checkSkip(Set.of("flnk"), all));
    assertEquals("--skip=flnk names no contestant: use flink, spark or duckdb", e.getMessage());
    SideBySide.checkSkip(Set.of("spark"), all);
  }

  @Test
  void aCheckRunsOnceAndOnlyWhenTheEarlierOnesPass() {
    AtomicInteger calls = new AtomicInteger();
    Contestant missing = Contestant.beamglue("flink", "f", Path.of("/no/such/bin/beamglue"), "p", List.of(), List.of())
        .withCheck(() -> {
          calls.incrementAndGet();
          return "later";
        });
    assertTrue(missing.unavailable().startsWith("the command bin/beamglue does not exist"));
    assertEquals(0, calls.get());
    Contestant ready = shell("x", "true").withCheck(() -> {
      calls.incrementAndGet();
      return null;
    });
    assertNull(ready.unavailable());
    assertNull(ready.unavailable());
    assertEquals(1, calls.get());
  }
}
