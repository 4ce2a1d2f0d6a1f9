package dev.beamglue.benchmarks.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.benchmarks.harness.Flags;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllBenchmarksTest {

  private static final String[] KNOWN = {"events", "smallFiles", "bigMegabytes",
      "playgroundScale", "incomeScale", "personalizeInteractions"};

  @Test
  void scalesAreDistinctWholeNumbersInOrder() {
    assertEquals(List.of(1L, 10L, 100L), AllBenchmarks.scales("100,1,10"));
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> AllBenchmarks.scales("0,1"));
    assertEquals("--scales=0,1 must list distinct whole numbers of at least 1, such as 1,10,100",
        zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AllBenchmarks.scales("1,1"));
    assertThrows(IllegalArgumentException.class, () -> AllBenchmarks.scales("1,x"));
  }

  @Test
  void everyBenchmarkMultipliesItsSizesAtOneXByTheScale() {
    List<AllBenchmarks.Benchmark> all = AllBenchmarks.benchmarks(Flags.parse(new String[] {
        "--events=200", "--smallFiles=3", "--bigMegabytes=2", "--playgroundScale=5",
        "--personalizeInteractions=1000"}, KNOWN));
    assertEquals(List.of("github-events", "relationalize", "crawl", "playground", "personalize"),
        all.stream().map(AllBenchmarks.Benchmark::name).toList());
    assertEquals(List.of("--events=2000"), all.get(0).sizes().apply(10));
    assertEquals(List.of("--events=2000"), all.get(1).sizes().apply(10));
    assertEquals(List.of("--smallFiles=300", "--bigMegabytes=200"), all.get(2).sizes().apply(100));
    assertEquals(List.of("--scale=5", "--incomeScale=20"), all.get(3).sizes().apply(1));
    // The command that reproduces a section names this command's own flags.
    assertEquals(List.of("--playgroundScale=5", "--incomeScale=20"), all.get(3).ownFlags());
    assertEquals(List.of("--smallFiles=3", "--bigMegabytes=2"), all.get(2).ownFlags());
    assertEquals(List.of("--interactions=100000"), all.get(4).sizes().apply(100));
    assertEquals(List.of("--personalizeInteractions=1000"), all.get(4).ownFlags());
  }

  @Test
  void onlyNamesBenchmarks() {
    List<AllBenchmarks.Benchmark> all = AllBenchmarks.benchmarks(Flags.parse(new String[0], KNOWN));
    assertEquals(List.of("crawl", "github-events"), AllBenchmarks.chosen(all, "crawl,github-events")
        .stream().map(AllBenchmarks.Benchmark::name).toList());
    assertEquals(5, AllBenchmarks.chosen(all, null).size());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> AllBenchmarks.chosen(all, "tpch"));
    assertEquals("--only=tpch names no benchmark: use github-events, relationalize, crawl, "
        + "playground, personalize", unknown.getMessage());
  }
}
