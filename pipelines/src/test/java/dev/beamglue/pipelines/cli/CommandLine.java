package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code beamglue} command line run in the test's JVM, with what each run printed kept for the
 * assertions.
 *
 * <p>{@code CommandLine cli = new CommandLine(); assertEquals(2, cli.run("crawl")); cli.oneSentence();}
 */
final class CommandLine {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs {@code beamglue ARGS} after forgetting what earlier runs printed; the exit code. */
  int run(String... args) {
    out.reset();
    err.reset();
    return new Beamglue(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  /** What the last run printed on standard output. */
  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the last run printed on standard error. */
  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Standard output, then standard error. */
  String output() {
    return out() + err();
  }

  /** The one line of standard error, checked to be a sentence and not a stack trace. */
  String oneSentence() {
    String text = err().trim();
    assertFalse(text.contains("\n"), "one line, not a stack trace: " + text);
    assertFalse(text.contains("Exception"), text);
    return text;
  }
}
