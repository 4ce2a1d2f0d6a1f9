package dev.beamglue.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A Flink configuration folder made for one run of the Flink cluster Beam embeds in this JVM: the
 * configuration file of a base folder (the one {@code --flinkConfDir} names, if any), edited, in a
 * new temporary folder that {@code --flinkConfDir} can then name. The embedded cluster takes some
 * settings only from such a folder (its task slots, the savepoint to restore).
 *
 * <p>{@code Path folder = FlinkConfFolder.write(base, "beamglue-flink-", lines -> add(lines),
 * "that restores the savepoint");}
 */
public final class FlinkConfFolder {

  /** The configuration files a folder may hold, the newer format first. */
  private static final List<String> CONFIG_FILES = List.of("config.yaml", "flink-conf.yaml");

  private FlinkConfFolder() {}

  /**
   * A new folder (named with {@code prefix}) holding the base folder's configuration file, or a new
   * {@code flink-conf.yaml}, with its lines passed through {@code edit}; null, and no folder, when
   * {@code edit} returns null. {@code purpose} completes the sentence of an error.
   */
  public static Path write(String base, String prefix, UnaryOperator<List<String>> edit,
      String purpose) {
    try {
      List<String> lines = new ArrayList<>();
      String fileName = "flink-conf.yaml";
      if (base != null && !base.isBlank()) {
        for (String name : CONFIG_FILES) {
          Path file = Path.of(base).resolve(name);
          if (Files.isRegularFile(file)) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            fileName = name;
            break;
          }
        }
      }
      List<String> edited = edit.apply(lines);
      if (edited == null) {
        return null;
      }
      Path folder = Files.createTempDirectory(prefix);
      folder.toFile().deleteOnExit();
      Path file = folder.resolve(fileName);
      Files.write(file, edited, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Flink configuration " + purpose + ": "
          + e.getMessage(), e);
    }
  }
}
