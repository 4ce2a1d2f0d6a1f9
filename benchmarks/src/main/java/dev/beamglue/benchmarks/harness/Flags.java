package dev.beamglue.benchmarks.harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags of the form {@code --name=value} (or {@code --name} for true), checked against
 * the names a program knows.
 *
 * <p>{@code long events = Flags.parse(args, "events").getLong("events", 500_000);}
 */
public final class Flags {
  private final Map<String, String> values;

  private Flags(Map<String, String> values) {
    this.values = values;
  }

  public static Flags parse(String[] args, String... known) {
    List<String> names = Arrays.asList(known);
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "Argument '" + arg + "' is not a flag: write --name=value; known flags: " + names);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "Unknown flag --" + name + ": known flags are " + names);
      }
      values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
    }
    return new Flags(values);
  }

  public String get(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Flag --" + name + " is required: give --" + name + "=...");
    }
    return value;
  }

  public long getLong(String name, long otherwise) {
    return values.containsKey(name) ? parseLong(name, values.get(name)) : otherwise;
  }

  public long requiredLong(String name) {
    return parseLong(name, required(name));
  }

  public boolean getBoolean(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Flag --" + name + "=" + value + " is not a whole number: give digits, e.g. --" + name + "=1000");
    }
  }
}
