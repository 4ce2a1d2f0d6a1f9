package dev.beamglue.benchmarks.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the realtime benchmark that need no broker: payloads, percentiles, the table. */
class RealtimeBenchmarkPartsTest {

  @Test
  void everyHundredthEventIsAProbeCarryingItsSendTime() {
    assertEquals("{\"eventId\":\"e7\",\"eventType\":\"click\",\"userId\":\"u7\",\"itemId\":\"i7\","
        + "\"timestamp\":\"1970-01-01T00:00:01Z\"}", EventStream.payload(7, 1000));
    assertEquals("{\"eventId\":\"p99\",\"eventType\":\"probe\",\"userId\":\"u99\","
        + "\"itemId\":\"i99\",\"timestamp\":\"1970-01-01T00:00:01.500Z\",\"sentMillis\":1500}",
        EventStream.payload(99, 1500));
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertEquals(50, OutputLatency.percentile(sorted, 0.50));
    assertEquals(99, OutputLatency.percentile(sorted, 0.99));
    assertEquals(7, OutputLatency.percentile(new long[] {7}, 0.99));
  }

  @Test
  void theTableShowsRatesLagLatencyAndTheHighestRateKeptUpWith() {
    RealtimeBenchmark.Measured kept = new RealtimeBenchmark.Measured(2_000, 30, 60_000, 2_000.4,
        1_990.6, 120, 3.25, 60_000, new OutputLatency.Percentiles(600, 600, 2_100, 4_050, 4_800));
    RealtimeBenchmark.Measured behind = new RealtimeBenchmark.Measured(4_000, 30, 120_000,
        4_000.2, 2_500.0, 45_000, Double.NaN, 75_000,
        new OutputLatency.Percentiles(700, 1_200, 9_000, 20_000, 21_000));
    assertEquals("| contestant | target /s | seconds | events produced | produced /s | output /s"
        + " (after warm-up) | behind at stop | caught up after | probes out | p50 ms | p99 ms |"
        + " max ms |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + "| beamglue realtime-events on Flink [local], parallelism 2 | 2,000 | 30 | 60,000 |"
        + " 2,000 | 1,991 | 120 | 3.3 s | 600 of 600 | 2,100 | 4,050 | 4,800 |\n"
        + "| beamglue realtime-events on Flink [local], parallelism 2 | 4,000 | 30 | 120,000 |"
        + " 4,000 | 2,500 | 45,000 | not within the drain time | 700 of 1,200 | 9,000 | 20,000 |"
        + " 21,000 |\n"
        + "\n"
        + "Sustained: 2,000 events/s, the highest rate tried that the job kept up with (output at"
        + " least 95% of the produced rate, caught up within the drain time).\n",
        RealtimeBenchmark.table(List.of(kept, behind)));
  }

  @Test
  void ratesAreACommaSeparatedListAboveZero() {
    assertEquals(List.of(1_000L, 2_500L), RealtimeBenchmark.rates("1000, 2500"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RealtimeBenchmark.rates("1000,fast"));
    assertEquals("--rate takes events per second above 0, separated by commas"
        + " (--rate=1000,2000); 'fast' is not one.", e.getMessage());
  }
}
