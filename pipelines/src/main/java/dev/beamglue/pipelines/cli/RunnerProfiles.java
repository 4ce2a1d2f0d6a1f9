package dev.beamglue.pipelines.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Named sets of runner flags, {@code --profile=flink-local} on the command line. The profiles are
 * files of the bundled jar, {@code beamglue/profiles/NAME.args} with one flag a line (from {@code
 * runners-config}). Without {@code --profile}, the first profile that selects the runner named by
 * {@code --runner} applies, so {@code --runner=FlinkRunner} gets the Flink settings beamglue
 * measured best (never a cluster profile: those are chosen by name only); a flag the user gives always wins over the profile's flag of the same name. A
 * profile's {@value #BUNDLED_JAR} stands for the jar beamglue runs from, so the cluster profiles
 * stage the bundled jar itself ({@code --filesToStage=${beamglue.jar}}).
 *
 * <p>{@code List<String> flags = RunnerProfiles.apply(List.of("--profile=spark-local", "--input=x"));}
 */
public final class RunnerProfiles {

  private static final String FOLDER = "beamglue/profiles/";
  private static final String PROFILE_FLAG = "--profile=";
  private static final String RUNNER_FLAG = "--runner=";
  /** In a profile's flag, the path of the jar that holds beamglue (the bundled jar). */
  static final String BUNDLED_JAR = "${beamglue.jar}";

  private RunnerProfiles() {}

  /**
   * The flags with {@code --profile=NAME}, or the profile of the runner {@code --runner} names,
   * replaced by the profile's flags the user did not give.
   */
  public static List<String> apply(List<String> flags) {
    List<String> profiles = flags.stream().filter(f -> f.startsWith(PROFILE_FLAG)).toList();
    if (profiles.size() > 1) {
      throw new IllegalArgumentException("give --profile once, not " + profiles.size() + " times.");
    }
    List<String> userFlags = flags.stream().filter(f -> !f.startsWith(PROFILE_FLAG)).toList();
    List<String> profileFlags =
        profiles.isEmpty()
            ? profileOfRunner(userFlags)
            : flagsOf(profiles.get(0).substring(PROFILE_FLAG.length()));
    Set<String> given = userFlags.stream().map(RunnerProfiles::name).collect(Collectors.toSet());
    List<String> merged = new ArrayList<>();
    for (String flag : profileFlags) {
      if (!given.contains(name(flag))) {
        merged.add(flag.contains(BUNDLED_JAR) ? flag.replace(BUNDLED_JAR, bundledJar(flag)) : flag);
      }
    }
    merged.addAll(userFlags);
    return merged;
  }

  /** The names of the profiles the jar carries, in the order of its index. */
  public static List<String> names() {
    return lines(FOLDER + "index.txt");
  }

  /**
   * The flags of the first profile that selects the runner the flags name, or none; a profile that
   * stages the bundled jar (a cluster's) is never chosen this way, only by {@code --profile}.
   */
  private static List<String> profileOfRunner(List<String> userFlags) {
    List<String> runner = userFlags.stream().filter(f -> f.startsWith(RUNNER_FLAG)).toList();
    if (runner.size() != 1) {
      return List.of();
    }
    for (String profile : names()) {
      List<String> profileFlags = flagsOf(profile);
      boolean submitsToACluster = profileFlags.stream().anyMatch(f -> f.contains(BUNDLED_JAR));
      if (profileFlags.contains(runner.get(0)) && !submitsToACluster) {
        return profileFlags;
      }
    }
    return List.of();
  }

  /** The flags of a named profile; throws {@link IllegalArgumentException} for an unknown name. */
  public static List<String> flagsOf(String profile) {
    if (!names().contains(profile)) {
      throw new IllegalArgumentException(
          "unknown profile '" + profile + "'; the profiles are " + String.join(", ", names())
              + ".");
    }
    return lines(FOLDER + profile + ".args");
  }

  /** The jar this class was loaded from, for a profile flag that names {@value #BUNDLED_JAR}. */
  private static String bundledJar(String flag) {
    Path codeSource;
    try {
      codeSource = Path.of(
          RunnerProfiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      codeSource = null;
    }
    return bundledJar(codeSource, flag);
  }

  /** The code source when it is a jar file; otherwise says which flag to give instead. */
  static String bundledJar(Path codeSource, String flag) {
    if (codeSource == null || !Files.isRegularFile(codeSource)
        || !codeSource.getFileName().toString().endsWith(".jar")) {
      throw new IllegalArgumentException("the profile's " + name(flag) + " stages the bundled jar, "
          + "but beamglue runs from " + codeSource + ", not a jar; give " + name(flag)
          + "=PATH with the bundled jar (runners-config/target/*-bundled.jar).");
    }
    return codeSource.toAbsolutePath().toString();
  }

  private static String name(String flag) {
    int equals = flag.indexOf('=');
    return equals < 0 ? flag : flag.substring(0, equals);
  }

  private static List<String> lines(String resource) {
    InputStream in = RunnerProfiles.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      return List.of();
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
  }
}
