package dev.beamglue.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a JDK HTTP server on loopback. */
class DownloadsTest {

  @TempDir Path dir;

  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/pub/16zpallagi.csv", exchange -> {
      byte[] body = "STATEFIPS,STATE,zipcode\n36,NY,10001\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/old.csv", exchange -> {
      exchange.getResponseHeaders().add("Location", base + "/pub/16zpallagi.csv");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/missing.csv", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void copiesTheFileUnderItsNameFollowingRedirects() throws IOException {
    String folder = dir.resolve("sources").toString();
    String path = Downloads.fetch(base + "/old.csv", folder);
    assertEquals(dir.resolve("sources/16zpallagi.csv").toString(), path);
    assertEquals("STATEFIPS,STATE,zipcode\n36,NY,10001\n",
        Files.readString(dir.resolve("sources/16zpallagi.csv")));
    try (Stream<Path> files = Files.list(dir.resolve("sources"))) {
      assertEquals(List.of("16zpallagi.csv"),
          files.map(p -> p.getFileName().toString()).toList(), "no partial file is left");
    }
  }

  @Test
  void aStatusOtherThan200IsOneSentence() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Downloads.fetch(base + "/missing.csv", dir.toString()));
    assertEquals("Cannot download " + base + "/missing.csv: the server answered HTTP 404.",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("missing.csv")));
    assertTrue(Downloads.isUrl("HTTPS://x/y.csv"));
    assertFalse(Downloads.isUrl("s3://b/y.csv"));
  }
}
