package dev.beamglue.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Flink session cluster or Spark standalone cluster on loopback, started and stopped by
 * runners-config/bin's scripts in a state folder of its own, on free ports; the script's output
 * goes to {@code script.log} in that folder.
 *
 * <p>{@code try (LoopbackCluster flink = LoopbackCluster.flink(dir)) { flink.flinkMaster(); }}
 */
final class LoopbackCluster implements AutoCloseable {

  static final Path BIN = Path.of("..", "runners-config", "bin").toAbsolutePath().normalize();
  private static final long START_SECONDS = 240;
  /**
   * JVM options for the clusters' processes and Spark's executors in tests: jobs of seconds on a
   * two-core machine spend more CPU in the C2 compiler and parallel GC threads than they save.
   */
  static final String SHORT_JOB_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  /** Linux's USER_HZ, the unit of /proc's CPU times. */
  private static final double CLOCK_TICKS = 100;

  private final String kind;
  private final Path state;
  private final Map<String, String> env;
  private final int httpPort;
  private final int submitPort;

  private LoopbackCluster(String kind, Path state, Map<String, String> env, int httpPort,
      int submitPort) {
    this.kind = kind;
    this.state = state;
    this.env = env;
    this.httpPort = httpPort;
    this.submitPort = submitPort;
  }

  /** A JobManager and two TaskManagers; submit to {@link #flinkMaster()}. */
  static LoopbackCluster flink(Path state) throws IOException {
    int rest = freePort();
    return new LoopbackCluster("flink", state, Map.of("FLINK_REST_PORT", "" + rest,
        "FLINK_RPC_PORT", "" + freePort(), "BEAMGLUE_CLUSTER_DIR", state.toString(),
        "BEAMGLUE_CLUSTER_JAVA_OPTS", SHORT_JOB_JVM_OPTIONS), rest, rest);
  }

  /** A master and two workers; submit to {@link #sparkMaster()}. */
  static LoopbackCluster spark(Path state) throws IOException {
    int master = freePort();
    int webUi = freePort();
    return new LoopbackCluster("spark", state, Map.of("SPARK_MASTER_PORT", "" + master,
        "SPARK_MASTER_WEBUI_PORT", "" + webUi, "BEAMGLUE_CLUSTER_DIR", state.toString(),
        "BEAMGLUE_CLUSTER_JAVA_OPTS", SHORT_JOB_JVM_OPTIONS), webUi, master);
  }

  /** Runs the start script; throws with the script's output when it fails. */
  LoopbackCluster start() throws IOException, InterruptedException {
    int exit = script("start");
    if (exit != 0) {
      throw new IllegalStateException("start-" + kind + "-cluster.sh exited " + exit + ":\n"
          + Files.readString(state.resolve("script.log")));
    }
    return this;
  }

  /** Runs the stop script, which kills exactly the processes the start script recorded. */
  @Override
  public void close() throws IOException, InterruptedException {
    script("stop");
  }

  private int script(String action) throws IOException, InterruptedException {
    Files.createDirectories(state);
    ProcessBuilder builder = new ProcessBuilder(
        "bash", BIN.resolve(action + "-" + kind + "-cluster.sh").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("script.log").toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  String flinkMaster() {
    return "127.0.0.1:" + submitPort;
  }

  String sparkMaster() {
    return "spark://127.0.0.1:" + submitPort;
  }

  Path state() {
    return state;
  }

  /** A GET on the cluster's HTTP port (Flink's REST API, Spark's master web UI), as text. */
  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return response.body();
  }

  /**
   * CPU seconds the cluster's processes used so far, the executors a Spark worker ran and reaped
   * included (user and system time of the pids the start script recorded, from /proc).
   */
  double cpuSeconds() throws IOException {
    Path pids = state.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return 0;
    }
    double ticks = 0;
    try (Stream<Path> files = Files.list(pids)) {
      for (Path pidFile : files.toList()) {
        Path stat = Path.of("/proc", Files.readString(pidFile).strip(), "stat");
        if (Files.isReadable(stat)) {
          String text = Files.readString(stat);
          // Fields after the command's closing parenthesis: state is field 3, utime 14 ... cstime 17.
          String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
          for (int field = 14; field <= 17; field++) {
            ticks += Long.parseLong(fields[field - 3]);
          }
        }
      }
    }
    return ticks / CLOCK_TICKS;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
