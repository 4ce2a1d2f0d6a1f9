package dev.beamglue.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How the harness starts a Java contestant: this JVM's {@code java}, the one list of JVM flags of
 * {@code runners-config/jvm.properties} and this JVM's classpath made absolute (the children run in
 * the work folder).
 *
 * <p>{@code ChildJvm jvm = ChildJvm.forRepository(root); jvm.command(DuckDbJob.class, List.of("--input=f"))}
 */
public final class ChildJvm {
  private static final String FLAG_KEY = "beamglue.jvm.flags";

  public final Path java;
  public final List<String> jvmFlags;
  public final String classpath;

  public ChildJvm(Path java, List<String> jvmFlags, String classpath) {
    this.java = java;
    this.jvmFlags = List.copyOf(jvmFlags);
    this.classpath = classpath;
  }

  /** This JVM's java and classpath with the flags of the repository's runners-config/jvm.properties. */
  public static ChildJvm forRepository(Path root) throws IOException {
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
    return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
        jvmFlags(root.resolve("runners-config/jvm.properties")), classpath);
  }

  /** {@code java FLAGS -cp CLASSPATH MAIN ARGUMENTS}. */
  public List<String> command(Class<?> main, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classpath);
    command.add(main.getName());
    command.addAll(arguments);
    return command;
  }

  /** Prints a child's command line without the long JVM flag list and classpath. */
  public UnaryOperator<String> shorten() {
    String flags = String.join(" ", jvmFlags);
    return line -> line.replace(flags, "<flags of runners-config/jvm.properties>")
        .replace(classpath, "<benchmarks runtime classpath>");
  }

  /** The one list of JVM flags, read from runners-config/jvm.properties. */
  public static List<String> jvmFlags(Path properties) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(properties)) {
      props.load(in);
    }
    String flags = props.getProperty(FLAG_KEY);
    if (flags == null || flags.isBlank()) {
      throw new IllegalStateException(properties + " has no " + FLAG_KEY + ": it must list the JVM flags");
    }
    return Arrays.asList(flags.strip().split("\\s+"));
  }

  /** The repository root: {@code given}, or the first folder up from here with runners-config/jvm.properties. */
  public static Path repoRoot(String given) {
    if (given != null) {
      Path root = Path.of(given).toAbsolutePath().normalize();
      if (!Files.isRegularFile(root.resolve("runners-config/jvm.properties"))) {
        throw new IllegalArgumentException("--repoRoot=" + given
            + " is not the beamglue repository: it has no runners-config/jvm.properties");
      }
      return root;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("runners-config/jvm.properties"))) {
        return dir;
      }
    }
    throw new IllegalArgumentException("Cannot find the beamglue repository from "
        + Path.of("").toAbsolutePath() + ": run from inside it or give --repoRoot=PATH");
  }
}
