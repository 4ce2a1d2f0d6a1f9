package dev.beamglue.benchmarks.all;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.benchmarks.harness.Flags;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllBenchmarksTest {

  private static final String[] KNOWN = {"events", "smallFiles", "bigMegabytes",
      "playgroundScale", "incomeScale", "personalizeInteractions"};
  private static final String[] ONE_SIZE = {"findmatchesDatasets", "findmatchesRecords",
      "realtimeRates", "realtimeSeconds"};

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
  void theOneSizeBenchmarksFollowTheSideBySideOnesAndTakeTheirOwnFlags() {
    Flags flags = Flags.parse(new String[] {"--findmatchesRecords=2000",
        "--realtimeRates=500", "--realtimeSeconds=30"}, ONE_SIZE);
    List<AllBenchmarks.OneSize> oneSize = AllBenchmarks.oneSize(flags, Path.of("/w"));
    assertEquals(List.of("findmatches", "findmatches-scale", "realtime"),
        oneSize.stream().map(AllBenchmarks.OneSize::name).toList());
    assertEquals(List.of("--datasets=febrl4,abt-buy,historical-50k"), oneSize.get(0).args());
    assertEquals(List.of("--records=2000", "--work=/w/findmatches-scale"), oneSize.get(1).args());
    assertEquals(List.of("--rate=500", "--seconds=30", "--warmupSeconds=15", "--workDir=/w"),
        oneSize.get(2).args());
  }

  @Test
  void onlyNamesBenchmarks() {
    Flags none = Flags.parse(new String[0], ONE_SIZE);
    List<String> names = AllBenchmarks.names(AllBenchmarks.benchmarks(none),
        AllBenchmarks.oneSize(none, Path.of("/w")));
    assertEquals(List.of("crawl", "realtime", "github-events"),
        AllBenchmarks.chosen(names, "crawl,realtime,github-events"));
    assertEquals(8, AllBenchmarks.chosen(names, null).size());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> AllBenchmarks.chosen(names, "tpch"));
    assertEquals("--only=tpch names no benchmark: use github-events, relationalize, crawl, "
        + "playground, personalize, findmatches, findmatches-scale, realtime",
        unknown.getMessage());
  }

  @Test
  void theDefaultSizesAtOneXAreSmallEnoughForAnHourOnTwoCores() {
    List<AllBenchmarks.Benchmark> all =
        AllBenchmarks.benchmarks(Flags.parse(new String[0], KNOWN));
    assertEquals(List.of("--events=500000"), all.get(0).sizes().apply(100));
    assertEquals(List.of("--smallFiles=10000", "--bigMegabytes=100"), all.get(2).sizes().apply(100));
    assertEquals(List.of("--scale=100", "--incomeScale=20"), all.get(3).sizes().apply(100));
    assertEquals(List.of("--interactions=1000000"), all.get(4).sizes().apply(100));
  }
}
