package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The facts about the machine a benchmark states: cores, CPU model, memory, the Java version the
 * children run on, and the load average (a shared, busy machine shows).
 *
 * <p>{@code Machine.describe(jvm.java)} gives {@code 2 cores (AMD EPYC), 23.5 GiB memory, openjdk version "17.0.15"}.
 */
public final class Machine {
  private Machine() {}

  public static String describe(Path java) {
    String cpus = String.valueOf(Runtime.getRuntime().availableProcessors());
    String memory = "unknown memory";
    String model = "";
    try {
      cpus = run(List.of("nproc")).strip();
    } catch (IOException e) {
      // keep the JVM's count
    }
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      memory = lines.filter(l -> l.startsWith("MemTotal:")).findFirst()
          .map(l -> String.format(Locale.ROOT, "%.1f GiB memory",
              Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
          .orElse(memory);
    } catch (IOException | UncheckedIOException e) {
      // not Linux
    }
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      model = lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
    } catch (IOException | UncheckedIOException e) {
      // not Linux
    }
    String version = "Java " + System.getProperty("java.version");
    try {
      version = run(List.of(java.toString(), "-version")).lines().findFirst().orElse(version).strip();
    } catch (IOException e) {
      // keep the property
    }
    return cpus + " cores" + model + ", " + memory + ", " + version + load();
  }

  /**
   * How busy the machine was: the load average of the last 15 minutes when the section is written
   * (about the busy cores; above the core count, the benchmark shared the machine), or nothing
   * where there is no {@code /proc/loadavg}.
   */
  static String load() {
    try {
      String[] averages = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return ", load average " + averages[2] + " over the 15 minutes before this was written";
    } catch (IOException | UncheckedIOException | ArrayIndexOutOfBoundsException e) {
      return "";
    }
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream in = process.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
