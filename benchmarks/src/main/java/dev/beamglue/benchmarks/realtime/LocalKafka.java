package dev.beamglue.benchmarks.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A one-node KRaft Kafka broker in the test's JVM, on loopback ports, with transactions enabled
 * for one replica. The log folder is formatted by Kafka's StorageTool in a child JVM (it calls
 * exit).
 *
 * <p>{@code try (LocalKafka kafka = LocalKafka.start(dir)) { kafka.createTopic("events", 2); }}
 *
 * <p>The realtime benchmark and the integration tests share it.
 */
public final class LocalKafka implements AutoCloseable {

  private final KafkaRaftServer server;
  private final String bootstrap;

  private LocalKafka(KafkaRaftServer server, String bootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
  }

  public static LocalKafka start(Path dir) throws Exception {
    int port = freePort();
    int controllerPort = freePort();
    Path logs = dir.resolve("kafka-logs");
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:"
        + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logs.toString());
    props.put("num.partitions", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("auto.create.topics.enable", "false");
    Path config = dir.resolve("kafka.properties");
    List<String> lines = new ArrayList<>();
    props.forEach((k, v) -> lines.add(k + "=" + v));
    Files.write(config, lines, StandardCharsets.UTF_8);

    Process format = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "kafka.tools.StorageTool", "format",
        "-t", Uuid.randomUuid().toString(), "-c", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("kafka-format.log").toFile())
        .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException("Kafka's StorageTool could not format " + logs + ": "
          + Files.readString(dir.resolve("kafka-format.log")));
    }
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    server.startup();
    return new LocalKafka(server, "127.0.0.1:" + port);
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The topics of {@code realtime-events} under their default names: {@code events} with two
   * partitions, the dead letters, item counts and sessions with one each.
   */
  public void createRealtimeEventsTopics() throws Exception {
    createTopic("events", 2);
    for (String topic : List.of("events-dead-letters", "item-counts", "user-sessions")) {
      createTopic(topic, 1);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
