package dev.beamglue.pipelines.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Beam's option errors (an unknown option or runner, a missing required option, a value of the
 * wrong type) said as one sentence a command-line user can act on; any other message is kept, its
 * first line only. Every command of the command line uses it.
 *
 * <p>{@code err.println(prefix + OptionErrors.explain(e.getMessage(), help, flags));}
 */
final class OptionErrors {

  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("missing a property named '([^']+)'");
  private static final Pattern UNKNOWN_RUNNER =
      Pattern.compile("Unknown 'runner' specified '([^']*)'");
  private static final Pattern MISSING_REQUIRED =
      Pattern.compile("Missing required value for \\[(--\\w+)");
  private static final Pattern BAD_VALUE =
      Pattern.compile("Cannot deserialize value of type `([^`]+)` from String \"([^\"]*)\"");

  private OptionErrors() {}

  /** The sentence for {@code message}; {@code help} says where the options are listed. */
  static String explain(String message, String help, List<String> flags) {
    if (message == null) {
      return "invalid options; " + help;
    }
    Matcher unknownOption = MISSING_PROPERTY.matcher(message);
    if (unknownOption.find()) {
      return "unknown option --" + unknownOption.group(1) + "; " + help;
    }
    Matcher unknownRunner = UNKNOWN_RUNNER.matcher(message);
    if (unknownRunner.find()) {
      return "unknown runner '" + unknownRunner.group(1)
          + "'; the runners are DirectRunner, FlinkRunner and SparkRunner.";
    }
    Matcher missingRequired = MISSING_REQUIRED.matcher(message);
    if (missingRequired.find()) {
      return "the option " + missingRequired.group(1) + " is required; " + help;
    }
    Matcher badValue = BAD_VALUE.matcher(message);
    if (badValue.find()) {
      String flag = flags.stream()
          .filter(f -> f.endsWith("=" + badValue.group(2)))
          .findFirst()
          .orElse("the value '" + badValue.group(2) + "'");
      return flag + " is not a valid " + badValue.group(1) + "; " + help;
    }
    return message.lines().findFirst().orElse(message);
  }
}
