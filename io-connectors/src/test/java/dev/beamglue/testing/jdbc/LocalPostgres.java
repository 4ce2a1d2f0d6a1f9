package dev.beamglue.testing.jdbc;

import dev.beamglue.io.jdbc.EmbeddedPostgresServer;
import dev.beamglue.io.jdbc.JdbcConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A real PostgreSQL server for tests: an {@link EmbeddedPostgresServer} on {@code 127.0.0.1} and a
 * free port, that checks passwords: user {@link #USER} logs in with a random password, which
 * {@link #passwordFile()} holds for {@code --jdbcPasswordFile}.
 *
 * <p>{@code try (LocalPostgres pg = LocalPostgres.start()) { String url = pg.jdbcUrl(); }}
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = EmbeddedPostgresServer.USER;
  public static final String DATABASE = EmbeddedPostgresServer.DATABASE;

  private final EmbeddedPostgresServer server;

  private LocalPostgres(EmbeddedPostgresServer server) {
    this.server = server;
  }

  /** Starts a server with password authentication; stop it with {@link #close()}. */
  public static LocalPostgres start() {
    return new LocalPostgres(EmbeddedPostgresServer.start());
  }

  /** The server itself, for code that takes an {@link EmbeddedPostgresServer}. */
  public EmbeddedPostgresServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
  public String jdbcUrl() {
    return server.jdbcUrl();
  }

  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  /** A file (mode 600) holding the password, for {@code --jdbcPasswordFile}. */
  public Path passwordFile() {
    return server.passwordFile();
  }

  /** The flags of a job reading this database: URL, user and password file (no table). */
  public java.util.List<String> flags() {
    return server.flags();
  }

  /** The connection description for beamglue's JDBC source and sink, password from {@link #passwordFile()}. */
  public JdbcConnection connection() {
    return server.connection();
  }

  /** A new connection as {@link #USER}; close it. */
  public Connection connect() throws SQLException {
    return server.connect();
  }

  /** Runs statements (DDL, inserts) as {@link #USER}. */
  public void execute(String... sql) {
    server.execute(sql);
  }

  @Override
  public void close() {
    server.close();
  }
}
