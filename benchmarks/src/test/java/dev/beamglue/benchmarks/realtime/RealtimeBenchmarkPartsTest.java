package dev.beamglue.benchmarks.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void theTableShowsRatesLagAndLatency() {
    RealtimeBenchmark.Measured m = new RealtimeBenchmark.Measured(30, 60_000, 2_000.4, 1_990.6,
        120, 3.25, 60_000, new OutputLatency.Percentiles(600, 600, 2_100, 4_050, 4_800));
    assertEquals("| contestant | seconds | events produced | produced /s | output /s (after"
        + " warm-up) | behind at stop | caught up after | probes out | p50 ms | p99 ms | max ms |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        + "| beamglue realtime-events on Flink [local], parallelism 2 | 30 | 60,000 | 2,000 |"
        + " 1,991 | 120 | 3.3 s | 600 of 600 | 2,100 | 4,050 | 4,800 |\n",
        RealtimeBenchmark.table(m));
  }
}
