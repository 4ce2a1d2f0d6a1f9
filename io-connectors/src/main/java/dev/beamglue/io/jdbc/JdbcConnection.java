package dev.beamglue.io.jdbc;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Where a database is and how to log in: a JDBC URL, a user, and a password read from an
 * environment variable or a file, never given on the command line. The password is never shown:
 * {@link #toString()} and every message of this package leave it out.
 *
 * <p>{@code JdbcConnection db = JdbcConnection.to("jdbc:postgresql://db:5432/shop")
 * .withUser("etl").withPasswordFromEnv("SHOP_DB_PASSWORD");}
 */
public final class JdbcConnection implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)(password|passwd|pwd)=[^&;]*");
  private static final Map<JdbcConnection, BasicDataSource> POOLS = new ConcurrentHashMap<>();

  private final String url;
  private final String user;
  private final String password;
  private final String passwordSource;

  private JdbcConnection(String url, String user, String password, String passwordSource) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.passwordSource = passwordSource;
  }

  /** A connection to the database at the URL, with no user or password yet. */
  public static JdbcConnection to(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("--jdbcUrl is missing: give the JDBC URL of the database.");
    }
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "--jdbcUrl '" + redactUrl(url) + "' is not a JDBC URL: it starts with jdbc:, as in "
              + "jdbc:postgresql://host:5432/db.");
    }
    if (URL_SECRET.matcher(url).find()) {
      throw new IllegalArgumentException(
          "--jdbcUrl '" + redactUrl(url) + "' carries a password: give it with --jdbcPasswordEnv "
              + "or --jdbcPasswordFile instead, so it stays out of command lines and logs.");
    }
    return new JdbcConnection(url, null, null, null);
  }

  /** The connection the options describe. */
  public static JdbcConnection fromOptions(JdbcOptions options) {
    JdbcConnection connection = to(options.getJdbcUrl());
    if (options.getJdbcUser() != null) {
      connection = connection.withUser(options.getJdbcUser());
    }
    if (options.getJdbcPasswordEnv() != null && options.getJdbcPasswordFile() != null) {
      throw new IllegalArgumentException(
          "Give the password with --jdbcPasswordEnv or with --jdbcPasswordFile, not both.");
    }
    if (options.getJdbcPasswordEnv() != null) {
      connection = connection.withPasswordFromEnv(options.getJdbcPasswordEnv());
    }
    if (options.getJdbcPasswordFile() != null) {
      connection = connection.withPasswordFromFile(options.getJdbcPasswordFile());
    }
    return connection;
  }

  public JdbcConnection withUser(String user) {
    return new JdbcConnection(url, user, password, passwordSource);
  }

  /** Reads the password from the environment variable now; throws when it is not set. */
  public JdbcConnection withPasswordFromEnv(String variable) {
    return withPasswordFromEnv(variable, System.getenv());
  }

  JdbcConnection withPasswordFromEnv(String variable, Map<String, String> env) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(
          "--jdbcPasswordEnv names environment variable '" + variable + "', which is not set.");
    }
    return new JdbcConnection(url, user, value, "environment variable " + variable);
  }

  /**
   * Reads the password from the file now (its content without the final line break); throws when
   * the file is missing, unreadable or empty.
   */
  public JdbcConnection withPasswordFromFile(String path) {
    String value;
    try {
      value = Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--jdbcPasswordFile '" + path + "' does not exist.");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(
          "--jdbcPasswordFile '" + path + "' is not readable (permission denied).");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--jdbcPasswordFile '" + path + "' cannot be read: " + e.getClass().getSimpleName() + ".");
    }
    if (value.endsWith("\n")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.endsWith("\r")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("--jdbcPasswordFile '" + path + "' is empty.");
    }
    return new JdbcConnection(url, user, value, "file " + path);
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** Where the password came from, e.g. {@code "file /run/secrets/db"}, or {@code null}. */
  public String passwordSource() {
    return passwordSource;
  }

  /** The class name of the driver that accepts the URL; throws when no driver on the classpath does. */
  public String driverClassName() {
    try {
      Driver driver = DriverManager.getDriver(url);
      return driver.getClass().getName();
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "No JDBC driver on the classpath accepts --jdbcUrl '" + url + "': check the URL's "
              + "jdbc:<database>: prefix, or add the database's driver jar (PostgreSQL's is "
              + "included).");
    }
  }

  /** Opens a connection; throws {@link IllegalArgumentException} with one sentence when it fails. */
  public Connection open() {
    String driverClass = driverClassName();
    try {
      Properties properties = new Properties();
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      Driver driver = DriverManager.getDriver(url);
      Connection connection = driver.connect(url, properties);
      if (connection == null) {
        throw new IllegalArgumentException(
            "The driver " + driverClass + " does not accept --jdbcUrl '" + url + "'.");
      }
      return connection;
    } catch (SQLException e) {
      throw JdbcProblems.connecting(this, e);
    }
  }

  /**
   * A function giving a pooled {@link DataSource} for this connection, one pool per worker JVM, as
   * {@code JdbcIO.withDataSourceProviderFn} takes it.
   */
  public SerializableFunction<Void, DataSource> dataSourceProvider() {
    return new Pool(this);
  }

  /** The text with the password replaced by {@code ****}, for messages. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    if (password != null && !password.isEmpty()) {
      redacted = redacted.replace(password, "****");
    }
    return URL_SECRET.matcher(redacted).replaceAll("$1=****");
  }

  private static String redactUrl(String url) {
    return URL_SECRET.matcher(url).replaceAll("$1=****");
  }

  BasicDataSource pooledDataSource() {
    return POOLS.computeIfAbsent(
        this,
        c -> {
          BasicDataSource source = new BasicDataSource();
          source.setDriverClassName(c.driverClassName());
          source.setUrl(c.url);
          if (c.user != null) {
            source.setUsername(c.user);
          }
          if (c.password != null) {
            source.setPassword(c.password);
          }
          if (c.url.startsWith("jdbc:postgresql:")) {
            // one multi-row INSERT per batch instead of one statement per row
            source.addConnectionProperty("reWriteBatchedInserts", "true");
          }
          source.setMaxTotal(16);
          return source;
        });
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof JdbcConnection)) {
      return false;
    }
    JdbcConnection that = (JdbcConnection) other;
    return url.equals(that.url) && Objects.equals(user, that.user)
        && Objects.equals(password, that.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, user, password);
  }

  @Override
  public String toString() {
    return "JdbcConnection{url=" + url + ", user=" + user + ", password="
        + (passwordSource == null ? "none" : "(from " + passwordSource + ")") + "}";
  }

  /** The data source provider: serializable, shows no password. */
  private static final class Pool implements SerializableFunction<Void, DataSource> {
    private static final long serialVersionUID = 1L;
    private final JdbcConnection connection;

    Pool(JdbcConnection connection) {
      this.connection = connection;
    }

    @Override
    public DataSource apply(Void input) {
      return connection.pooledDataSource();
    }

    @Override
    public String toString() {
      return "pool of " + connection;
    }
  }
}
