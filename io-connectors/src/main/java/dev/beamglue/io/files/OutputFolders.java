package dev.beamglue.io.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Output folders of a job, on any file system Beam knows (local, S3): checks before a run that a
 * folder is empty, or empties it when the user asked to overwrite.
 *
 * <p>{@code OutputFolders.prepare("out/events", "--output", options.getOverwrite());}
 */
public final class OutputFolders {

  private OutputFolders() {}

  /** The path of {@code name} inside {@code folder}, whatever separator the folder ends with. */
  public static String child(String folder, String name) {
    return folder.endsWith("/") ? folder + name : folder + "/" + name;
  }

  /**
   * Makes sure the folder can take a job's output: when it holds files, deletes them with {@code
   * overwrite}, otherwise throws {@link IllegalArgumentException} naming the folder and the option.
   */
  public static void prepare(String folder, String optionName, boolean overwrite) {
    List<ResourceId> existing = filesIn(folder, optionName);
    if (existing.isEmpty()) {
      return;
    }
    if (!overwrite) {
      throw new IllegalArgumentException(
          optionName + " folder '" + folder + "' already holds " + existing.size()
              + " files; pass --overwrite to replace them, or choose another folder.");
    }
    try {
      FileSystems.delete(existing, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not empty " + optionName + " folder '" + folder + "'", e);
    }
  }

  private static List<ResourceId> filesIn(String folder, String optionName) {
    try {
      MatchResult match =
          FileSystems.match(child(folder, "**"), EmptyMatchTreatment.ALLOW);
      List<ResourceId> files = new ArrayList<>();
      if (match.status() != MatchResult.Status.NOT_FOUND) {
        // an ERROR status (a missing bucket, access denied) throws here
        for (MatchResult.Metadata metadata : match.metadata()) {
          files.add(metadata.resourceId());
        }
      }
      return files;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(InputPaths.explain(optionName, folder, e), e);
    }
  }
}
