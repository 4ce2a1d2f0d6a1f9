package dev.beamglue.pipelines.personalize;

import dev.beamglue.io.files.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Publishes an export the workflow staged in {@code <output>/.next/}: each dataset's folder
 * replaces the previous one. On a local file system the folders are swapped by renames (the old
 * folder moved aside, the new one moved in, the old one deleted), so a reader sees the old
 * dataset or the new one, never a mix. On S3, which has no rename, the new files are copied in
 * (their names carry the run's id) and then the old ones deleted: a reader listing the folder in
 * between sees both.
 *
 * <p>{@code List<String> folders = ExportFolders.publish(ExportPaths.of(options));}
 */
public final class ExportFolders {

  private ExportFolders() {}

  /** Publishes every staged dataset; returns the published folders. */
  public static List<String> publish(ExportPaths paths) {
    List<String> published = new ArrayList<>();
    for (Dataset dataset : Dataset.values()) {
      if (InputFiles.matchOrNone(paths.staged(dataset) + "/*").isEmpty()) {
        throw new IllegalStateException("Nothing is staged in " + paths.staged(dataset)
            + ": run the export stage first.");
      }
    }
    for (Dataset dataset : Dataset.values()) {
      if (paths.isLocal()) {
        swapLocal(local(paths.staged(dataset)), local(paths.published(dataset)),
            local(paths.previous()).resolve(dataset.folder()));
      } else {
        replaceRemote(paths.staged(dataset), paths.published(dataset));
      }
      published.add(paths.published(dataset));
    }
    if (paths.isLocal()) {
      removeEmpty(local(paths.staging()));
      removeEmpty(local(paths.previous()));
    }
    return published;
  }

  /** Removes a folder the publish emptied; one that still holds something stays. */
  private static void removeEmpty(Path folder) {
    try {
      Files.deleteIfExists(folder);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // a file someone put there: left alone
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the empty folder " + folder, e);
    }
  }

  private static Path local(String path) {
    return path.startsWith("file:") ? Paths.get(java.net.URI.create(path)) : Paths.get(path);
  }

  private static void swapLocal(Path staged, Path target, Path aside) {
    try {
      deleteTree(aside);
      Files.createDirectories(aside.getParent());
      if (Files.exists(target)) {
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(aside);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move the new export " + staged + " into " + target
          + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void replaceRemote(String staged, String target) {
    List<ResourceId> sources = new ArrayList<>();
    List<ResourceId> targets = new ArrayList<>();
    String prefix = FileSystems.matchNewResource(staged, true).toString();
    String targetRoot = FileSystems.matchNewResource(target, true).toString();
    for (MatchResult.Metadata file : InputFiles.matchOrNone(staged + "/**")) {
      String path = file.resourceId().toString();
      sources.add(file.resourceId());
      String relative = path.substring(prefix.length());
      targets.add(FileSystems.matchNewResource(targetRoot + relative, false));
    }
    Set<String> kept = new HashSet<>();
    targets.forEach(t -> kept.add(t.toString()));
    List<ResourceId> old = new ArrayList<>();
    for (MatchResult.Metadata file : InputFiles.matchOrNone(target + "/**")) {
      if (!kept.contains(file.resourceId().toString())) {
        old.add(file.resourceId());
      }
    }
    try {
      FileSystems.rename(sources, targets, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      FileSystems.delete(old, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move the new export " + staged + " into " + target
          + ": " + e.getMessage(), e);
    }
  }

  /** Writes a small text file (a schema, a report) through Beam's file systems. */
  public static void writeText(String path, String text) {
    try (Writer out = Channels.newWriter(
        FileSystems.create(FileSystems.matchNewResource(path, false), "text/plain"),
        StandardCharsets.UTF_8)) {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
