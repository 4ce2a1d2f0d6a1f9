package dev.beamglue.io.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.testing.jdbc.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection settings and the one-sentence errors, against a real PostgreSQL; never the password. */
class JdbcConnectionTest {

  private static final String WRONG = "wrong-password-4711";
  private static LocalPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    postgres = LocalPostgres.start();
    postgres.execute(
        "CREATE TABLE parks (id integer PRIMARY KEY, name text NOT NULL, area numeric(8,1), "
            + "opened timestamp with time zone, seen time)");
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  private Path file(String content) throws IOException {
    Path file = dir.resolve("secret-" + System.nanoTime());
    Files.writeString(file, content);
    return file;
  }

  @Test
  void optionsGiveTheConnectionAndTheSchemaComesFromTheDatabase() {
    JdbcOptions options =
        PipelineOptionsFactory.fromArgs(
                "--jdbcUrl=" + postgres.jdbcUrl(), "--jdbcUser=" + LocalPostgres.USER,
                "--jdbcPasswordFile=" + postgres.passwordFile(), "--jdbcTable=parks",
                "--jdbcPartitionColumn=id", "--jdbcPartitions=3", "--jdbcFetchSize=500")
            .as(JdbcOptions.class);
    JdbcSource.Read read = JdbcSource.fromOptions(options);
    assertEquals(
        Schema.builder()
            .addInt32Field("id")
            .addStringField("name")
            .addNullableField("area",
                FieldType.logicalType(
                    org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric.of(8, 1)))
            .addNullableField("opened", FieldType.DATETIME)
            .addNullableField("seen",
                FieldType.logicalType(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.TIME))
            .build(),
        read.schema());
    JdbcConnection connection = JdbcConnection.fromOptions(options);
    assertEquals(
        "JdbcConnection{url=" + postgres.jdbcUrl() + ", user=beamglue, password=(from file "
            + postgres.passwordFile() + ")}",
        connection.toString());
    assertFalse(connection.toString().contains(postgres.password()));

    options.setJdbcTable(null);
    assertEquals("Give the table to write with --jdbcTable.",
        assertThrows(IllegalArgumentException.class, () -> JdbcSink.fromOptions(options))
            .getMessage());
    options.setJdbcQuery("SELECT 1");
    assertEquals(1, JdbcSource.fromOptions(options).schema().getFieldCount());
  }

  @Test
  void thePasswordIsInNoDisplayDataAndSurvivesSerialization() {
    JdbcConnection connection = postgres.connection();
    JdbcSource.Read read = JdbcSource.read(connection).table("parks");
    assertFalse(DisplayData.from(read).toString().contains(postgres.password()));
    assertFalse(
        connection.dataSourceProvider().toString().contains(postgres.password()));
    assertEquals(connection, SerializableUtils.clone(connection));
  }

  @Test
  void aPasswordFromAnEnvironmentVariable() {
    JdbcConnection connection =
        JdbcConnection.to(postgres.jdbcUrl()).withUser(LocalPostgres.USER)
            .withPasswordFromEnv("PG_SECRET", Map.of("PG_SECRET", postgres.password()));
    assertEquals(5, JdbcSource.read(connection).table("parks").schema().getFieldCount());
    assertEquals("JdbcConnection{url=" + postgres.jdbcUrl()
        + ", user=beamglue, password=(from environment variable PG_SECRET)}", connection.toString());

    IllegalArgumentException unset =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to(postgres.jdbcUrl()).withPasswordFromEnv("BEAMGLUE_NO_SUCH_VARIABLE_1"));
    assertEquals("--jdbcPasswordEnv names environment variable 'BEAMGLUE_NO_SUCH_VARIABLE_1', "
        + "which is not set.", unset.getMessage());
  }

  @Test
  void aWrongPasswordIsSaidWithoutShowingIt() throws IOException {
    Path wrong = file(WRONG + "\n");
    JdbcConnection connection =
        JdbcConnection.to(postgres.jdbcUrl()).withUser(LocalPostgres.USER)
            .withPasswordFromFile(wrong.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcSource.read(connection).table("parks").schema());
    assertEquals("The database at --jdbcUrl '" + postgres.jdbcUrl() + "' refused user 'beamglue': "
        + "the password from file " + wrong + " is wrong, or the user may not log in.", e.getMessage());
    assertFalse(e.getMessage().contains(WRONG));
    assertFalse(connection.toString().contains(WRONG));

    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to(postgres.jdbcUrl()).withUser(LocalPostgres.USER).open());
    assertEquals("The database at --jdbcUrl '" + postgres.jdbcUrl() + "' asks user 'beamglue' "
        + "for a password: give it with --jdbcPasswordEnv or --jdbcPasswordFile.", none.getMessage());
  }

  @Test
  void wrongUrlsAreSaid() {
    IllegalArgumentException host =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to("jdbc:postgresql://no-such-host.invalid:5432/db").open());
    assertEquals("Cannot connect to the database at --jdbcUrl "
        + "'jdbc:postgresql://no-such-host.invalid:5432/db': host 'no-such-host.invalid' is unknown.",
        host.getMessage());

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to("jdbc:postgresql://127.0.0.1:1/db").open());
    assertEquals("Cannot connect to the database at --jdbcUrl 'jdbc:postgresql://127.0.0.1:1/db': "
        + "the connection was refused (is the database running, and is the port right?).",
        refused.getMessage());

    IllegalArgumentException driver =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to("jdbc:nosuchdb://127.0.0.1/db").open());
    assertEquals("No JDBC driver on the classpath accepts --jdbcUrl 'jdbc:nosuchdb://127.0.0.1/db': "
        + "check the URL's jdbc:<database>: prefix, or add the database's driver jar "
        + "(PostgreSQL's is included).", driver.getMessage());

    IllegalArgumentException secret =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to("jdbc:postgresql://h/db?user=a&password=" + WRONG));
    assertEquals("--jdbcUrl 'jdbc:postgresql://h/db?user=a&password=****' carries a password: give "
        + "it with --jdbcPasswordEnv or --jdbcPasswordFile instead, so it stays out of command "
        + "lines and logs.", secret.getMessage());

    IllegalArgumentException database =
        assertThrows(IllegalArgumentException.class,
            () -> postgresWithUrl(postgres.jdbcUrl().replace("/postgres", "/nodb")).open());
    assertEquals("The database named in --jdbcUrl '"
        + postgres.jdbcUrl().replace("/postgres", "/nodb") + "' does not exist.",
        database.getMessage());
  }

  private static JdbcConnection postgresWithUrl(String url) {
    return JdbcConnection.to(url).withUser(LocalPostgres.USER)
        .withPasswordFromFile(postgres.passwordFile().toString());
  }

  @Test
  void passwordFilesThatCannotBeUsedAreSaid() throws IOException {
    Path missing = dir.resolve("missing");
    assertEquals("--jdbcPasswordFile '" + missing + "' does not exist.",
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to(postgres.jdbcUrl()).withPasswordFromFile(missing.toString()))
            .getMessage());
    Path empty = file("\n");
    assertEquals("--jdbcPasswordFile '" + empty + "' is empty.",
        assertThrows(IllegalArgumentException.class,
            () -> JdbcConnection.to(postgres.jdbcUrl()).withPasswordFromFile(empty.toString()))
            .getMessage());
    JdbcOptions both =
        PipelineOptionsFactory.fromArgs("--jdbcUrl=" + postgres.jdbcUrl(),
            "--jdbcPasswordEnv=X", "--jdbcPasswordFile=" + empty).as(JdbcOptions.class);
    assertEquals("Give the password with --jdbcPasswordEnv or with --jdbcPasswordFile, not both.",
        assertThrows(IllegalArgumentException.class, () -> JdbcConnection.fromOptions(both))
            .getMessage());
  }

  @Test
  void anUnknownTableAndANonNumericPartitionColumnAreSaid() {
    JdbcConnection connection = postgres.connection();
    IllegalArgumentException table =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcSource.read(connection).table("playgrounds").schema());
    assertEquals("--jdbcTable 'playgrounds' does not exist in the database at '"
        + postgres.jdbcUrl() + "'.", table.getMessage());

    IllegalArgumentException query =
        assertThrows(IllegalArgumentException.class,
            () -> JdbcSource.read(connection).query("SELECT * FROM playgrounds").schema());
    assertEquals("--jdbcQuery names a table that does not exist: ERROR: relation \"playgrounds\" "
        + "does not exist.", query.getMessage().replaceAll("\\s+Position: \\d+", ""));

    Pipeline p = Pipeline.create();
    IllegalArgumentException column =
        assertThrows(IllegalArgumentException.class,
            () -> p.apply(JdbcSource.read(connection).table("parks").withPartitionColumn("name", 4)));
    assertEquals("--jdbcPartitionColumn 'name' of --jdbcTable 'parks' is string, not an integer "
        + "column: split the read on an integer column such as an id.", column.getMessage());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> p.apply("missing",
                JdbcSource.read(connection).table("parks").withPartitionColumn("nope", 4)));
    assertEquals("--jdbcPartitionColumn 'nope' is not a column of --jdbcTable 'parks' (columns: "
        + "id, name, area, opened, seen).", missing.getMessage());
    assertTrue(column.getMessage().indexOf(postgres.password()) < 0);
  }
}
