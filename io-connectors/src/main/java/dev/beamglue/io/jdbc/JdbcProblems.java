package dev.beamglue.io.jdbc;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a database's refusal into one sentence naming the URL, the user, the table or the query,
 * and never the password: a wrong host or port, a wrong password, an unknown database or table.
 *
 * <p>{@code throw JdbcProblems.connecting(connection, sqlException);}
 */
final class JdbcProblems {

  private JdbcProblems() {}

  /** The failure of opening a connection. */
  static IllegalArgumentException connecting(JdbcConnection c, SQLException e) {
    String at = "the database at --jdbcUrl '" + c.url() + "'";
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String sentence;
    if (state.equals("28P01") || state.equals("28000")) {
      sentence =
          capitalized(at) + " refused user '" + c.user() + "': "
              + (c.passwordSource() == null
                  ? "it needs a password; give it with --jdbcPasswordEnv or --jdbcPasswordFile."
                  : "the password from " + c.passwordSource()
                      + " is wrong, or the user may not log in.");
    } else if (state.equals("3D000")) {
      sentence = "The database named in --jdbcUrl '" + c.url() + "' does not exist.";
    } else if (cause(e, UnknownHostException.class) != null) {
      sentence =
          "Cannot connect to " + at + ": host '" + cause(e, UnknownHostException.class).getMessage()
              + "' is unknown.";
    } else if (cause(e, ConnectException.class) != null) {
      sentence =
          "Cannot connect to " + at + ": the connection was refused (is the database running, "
              + "and is the port right?).";
    } else if (c.passwordSource() == null && String.valueOf(e.getMessage()).contains("password")) {
      sentence =
          capitalized(at) + " asks user '" + c.user() + "' for a password: give it with "
              + "--jdbcPasswordEnv or --jdbcPasswordFile.";
    } else {
      sentence = "Cannot connect to " + at + ": " + c.redact(e.getMessage()) + ".";
    }
    return new IllegalArgumentException(c.redact(sentence), e);
  }

  /** The failure of describing or reading a table or query ({@code what} names it, with its flag). */
  static IllegalArgumentException querying(JdbcConnection c, String what, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String sentence;
    if (state.equals("42P01") && what.startsWith("--jdbcTable")) {
      sentence = what + " does not exist in the database at '" + c.url() + "'.";
    } else if (state.equals("42P01")) {
      sentence = what + " names a table that does not exist: " + firstLine(e.getMessage()) + ".";
    } else if (state.equals("42501")) {
      sentence = "User '" + c.user() + "' may not read " + what + ": " + firstLine(e.getMessage()) + ".";
    } else {
      sentence = what + " failed in the database at '" + c.url() + "': " + firstLine(e.getMessage()) + ".";
    }
    return new IllegalArgumentException(c.redact(sentence), e);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
