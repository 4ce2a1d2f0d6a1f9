package dev.beamglue.benchmarks.realtime;

import dev.beamglue.benchmarks.harness.Machine;
import dev.beamglue.benchmarks.harness.Settings;
import dev.beamglue.pipelines.realtime.RealtimeEventsPipeline;
import dev.beamglue.pipelines.realtime.RealtimeOptions;
import dev.beamglue.pipelines.summary.JobSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * {@code realtime-events} under a steady stream: events produced at {@code --rate} per second for
 * {@code --seconds} into an in-process Kafka broker, read by the pipeline on Flink embedded in this
 * JVM (parallelism 2, a checkpoint every {@code --checkpointMillis}, exactly-once Kafka output),
 * and measured from outside: the events per second the job put out (how far the probes it put out
 * advance, after {@code --warmupSeconds}), and the latency from produce to output of the probe
 * events (one in {@link EventStream#PROBE_EVERY}, refused by the pipeline on purpose, so each
 * comes out alone in the dead-letter topic, read as {@code read_committed}).
 *
 * <p>{@code benchmarks/run-realtime.sh --seconds=300 --rate=20000}
 *
 * <p>Flags: {@code --seconds} (120), {@code --rate} (10,000; several, comma-separated, run one after the other), {@code --warmupSeconds} (20), {@code
 * --checkpointMillis} (2,000), {@code --drainSeconds} (60, the most to wait for the job to catch up
 * after the producer stops), and the common ones of {@link Settings} ({@code --runs} is not used:
 * one run).
 */
public final class RealtimeBenchmark {
  static final String SECTION = "realtime";

  private RealtimeBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(args);
    System.exit(0); // the embedded Flink and the broker leave threads that would keep the JVM up
  }

  /** Measures and writes the section; leaves the embedded Flink's and broker's threads behind. */
  public static void run(String[] args) throws Exception {
    Settings settings = Settings.parse(args, "seconds", "rate", "warmupSeconds",
        "checkpointMillis", "drainSeconds");
    long seconds = settings.flags.getLong("seconds", 120);
    List<Long> rates = rates(settings.flags.get("rate", "10000"));
    long warmup = settings.flags.getLong("warmupSeconds", 20);
    long checkpointMillis = settings.flags.getLong("checkpointMillis", 2_000);
    long drain = settings.flags.getLong("drainSeconds", 60);
    if (seconds <= warmup || checkpointMillis <= 0) {
      throw new IllegalArgumentException("--seconds must be more than --warmupSeconds, and"
          + " --checkpointMillis more than 0");
    }
    Path dir = Files.createDirectories(settings.workDir.resolve("realtime"));
    List<Measured> measured = new ArrayList<>();
    for (long rate : rates) {
      System.out.printf(Locale.ROOT, "[realtime] %,d events/s for %d s%n", rate, seconds);
      measured.add(runAt(Files.createTempDirectory(dir, "run-"), rate, seconds, warmup,
          checkpointMillis, drain));
    }
    String table = table(measured);
    System.out.println();
    System.out.println(table);
    String machine = Machine.describe(Path.of(System.getProperty("java.home"), "bin", "java"));
    String described = String.format(Locale.ROOT, "Data: generated click events (%,d users, %,d"
        + " items, event time = the time they are produced), one in %d a probe the pipeline refuses;"
        + " %d s at each target rate (%s events/s), each with a fresh broker and job, into a"
        + " 2-partition topic of an in-process Kafka %s broker; the job reads with a 30 s watermark delay, counts per item and minute, sessions"
        + " per user (gap 30 min), writes the topics in transactions with a checkpoint every %,d ms."
        + " Versions: Beam %s (Flink runner on Flink 1.19), Kafka %s.", EventStream.USERS,
        EventStream.ITEMS, EventStream.PROBE_EVERY, seconds, joined(rates),
        org.apache.kafka.common.utils.AppInfoParser.getVersion(), checkpointMillis,
        ReleaseInfo.getReleaseInfo().getVersion(),
        org.apache.kafka.common.utils.AppInfoParser.getVersion());
    String command = "benchmarks/run-realtime.sh --seconds=" + seconds + " --rate="
        + joined(rates) + " --warmupSeconds=" + warmup + " --checkpointMillis=" + checkpointMillis;
    settings.writeDoc(SECTION, Settings.section(machine, described, command, table, FOOTNOTE),
        INTRO);
  }

  /** One run at one rate: a fresh broker and job, the producer, the measurement. */
  static Measured runAt(Path run, long rate, long seconds, long warmup, long checkpointMillis,
      long drain) throws Exception {
    try (LocalKafka kafka = LocalKafka.start(run)) {
      kafka.createRealtimeEventsTopics();
      PipelineResult job = start(kafka.bootstrapServers(), run, checkpointMillis);
      try (OutputLatency latency = OutputLatency.start(kafka.bootstrapServers())) {
        return measure(kafka.bootstrapServers(), seconds, rate, warmup, drain, latency);
      } finally {
        job.cancel();
      }
    }
  }

  /** The target rates of {@code --rate=1000,2000}, each above 0. */
  static List<Long> rates(String flag) {
    List<Long> rates = new ArrayList<>();
    for (String part : flag.split(",")) {
      try {
        rates.add(Long.parseLong(part.trim()));
      } catch (NumberFormatException e) {
        rates.add(0L);
      }
      if (rates.get(rates.size() - 1) <= 0) {
        throw new IllegalArgumentException("--rate takes events per second above 0, separated by"
            + " commas (--rate=1000,2000); '" + part + "' is not one.");
      }
    }
    return rates;
  }

  private static String joined(List<Long> rates) {
    List<String> parts = new ArrayList<>();
    rates.forEach(r -> parts.add(Long.toString(r)));
    return String.join(",", parts);
  }

  /** The pipeline on the embedded Flink, detached; the caller cancels it. */
  static PipelineResult start(String servers, Path run, long checkpointMillis) {
    List<String> args = List.of("--runner=FlinkRunner", "--flinkMaster=[local]",
        "--streaming=true", "--attachedMode=false", "--parallelism=2", "--fasterCopy=true",
        "--checkpointingInterval=" + checkpointMillis, "--checkpointingMode=EXACTLY_ONCE",
        "--stateBackend=filesystem",
        "--stateBackendStoragePath=" + run.resolve("checkpoints").toUri(),
        "--bootstrapServers=" + servers, "--awsRegion=us-east-1",
        // a group of its own per run: Beam's exactly-once sink caches its producers per group in
        // the JVM, and a later run's job would write through the first run's (closed) broker
        "--consumerGroup=realtime-benchmark-" + run.getFileName());
    RealtimeOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .withValidation().as(RealtimeOptions.class);
    RealtimeEventsPipeline realtime = new RealtimeEventsPipeline();
    realtime.validate(options);
    Pipeline pipeline = Pipeline.create(options);
    realtime.build(pipeline, options, new JobSummary());
    return pipeline.run();
  }

  /** What one run measured. */
  record Measured(long rate, long seconds, long produced, double producedPerSecond,
      double outputPerSecond, long behindAtStop, double drainSeconds, long outAtEnd,
      OutputLatency.Percentiles latency) {

    /** Kept up: put out at least 95% of the produced rate and caught up within the drain time. */
    boolean keptUp() {
      return outputPerSecond >= 0.95 * producedPerSecond && !Double.isNaN(drainSeconds);
    }
  }

  static Measured measure(String servers, long seconds, long rate, long warmup, long drain,
      OutputLatency latency) throws Exception {
    try (EventStream stream = new EventStream(servers)) {
      long start = System.nanoTime();
      long warmEnd = start + warmup * 1_000_000_000L;
      long end = start + seconds * 1_000_000_000L;
      long outAtWarm = -1;
      long warmAt = 0;
      while (System.nanoTime() < end) {
        long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
        stream.sendUpTo(due);
        if (outAtWarm < 0 && System.nanoTime() >= warmEnd) {
          outAtWarm = latency.highest();
          warmAt = System.nanoTime();
        }
        Thread.sleep(5);
      }
      stream.flush();
      long stopAt = System.nanoTime();
      long outAtStop = latency.highest();
      long produced = stream.sent();
      double producedPerSecond = produced / ((stopAt - start) / 1e9);
      double outPerSecond = (outAtStop - outAtWarm) / ((stopAt - warmAt) / 1e9);
      boolean caughtUp = latency.awaitProbes(stream.probes(), java.time.Duration.ofSeconds(drain));
      double drained = (System.nanoTime() - stopAt) / 1e9;
      return new Measured(rate, seconds, produced, producedPerSecond, outPerSecond,
          produced - 1 - outAtStop, caughtUp ? drained : Double.NaN, latency.highest() + 1,
          latency.percentiles(stream.probes()));
    }
  }

  /** One row per target rate, then the highest rate the job kept up with. */
  static String table(List<Measured> runs) {
    List<String> lines = new ArrayList<>();
    lines.add("| contestant | target /s | seconds | events produced | produced /s | output /s (after"
        + " warm-up) | behind at stop | caught up after | probes out | p50 ms | p99 ms | max ms |");
    lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    long sustained = 0;
    for (Measured m : runs) {
      OutputLatency.Percentiles p = m.latency();
      lines.add(String.format(Locale.ROOT,
          "| beamglue realtime-events on Flink [local], parallelism 2 | %,d | %d | %,d | %,.0f |"
              + " %,.0f | %,d | %s | %,d of %,d | %,.0f | %,.0f | %,.0f |",
          m.rate(), m.seconds(), m.produced(), m.producedPerSecond(), m.outputPerSecond(),
          m.behindAtStop(),
          Double.isNaN(m.drainSeconds()) ? "not within the drain time"
              : String.format(Locale.ROOT, "%.1f s", m.drainSeconds()),
          p.count(), p.expected(), p.p50(), p.p99(), p.max()));
      if (m.keptUp()) {
        sustained = Math.max(sustained, m.rate());
      }
    }
    lines.add("");
    lines.add(sustained == 0
        ? "Sustained: the job kept up with none of the rates tried."
        : String.format(Locale.ROOT, "Sustained: %,d events/s, the highest rate tried that the job"
            + " kept up with (output at least 95%% of the produced rate, caught up within the drain"
            + " time).", sustained));
    return String.join("\n", lines) + "\n";
  }

  static final String FOOTNOTE = "One run per rate. The broker, the producer, the consumer of the outputs and"
      + " the Flink job share the JVM and the machine's cores. Consumed per second: the growth of the"
      + " events the job put out (the newest event whose probe came out) from the end of the warm-up"
      + " to the producer's stop, per second; behind at stop: events produced but not yet out when"
      + " the producer stopped; when output per second matches the produced rate and little is"
      + " behind, the job keeps up with that rate: raise --rate until it does not. Latency: from the"
      + " producer's send of a probe event to the moment the benchmark's read_committed consumer"
      + " sees it in the dead-letter topic, so it includes the wait for the checkpoint that commits"
      + " the transaction (up to --checkpointMillis plus the checkpoint's own time); probes go"
      + " through the source, the de-duplication of deliveries and the parsing, not through the"
      + " windows, whose results wait for the watermark by design.";

  static final String INTRO = "## realtime: events per second and latency of realtime-events on"
      + " Flink\n\n`realtime-events` reading a steady stream of generated events from an in-process"
      + " Kafka broker on the embedded Flink with exactly-once output. Reproduce with the command"
      + " below.\n";
}
