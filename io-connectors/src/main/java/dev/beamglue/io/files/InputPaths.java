package dev.beamglue.io.files;

import dev.beamglue.io.s3.S3Problems;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks an input path before a job is built, on any file system Beam knows (local, S3), and says
 * in one sentence what is wrong: the path does not exist, it is not readable, the bucket does not
 * exist, S3 denied access, or there are no AWS credentials.
 *
 * <p>{@code List<MatchResult.Metadata> files = InputPaths.requireReadable(options.getInput(),
 * "--input");}
 */
public final class InputPaths {

  private InputPaths() {}

  /**
   * The files a path, a glob or a folder holds (a folder's files at any depth); throws {@link
   * IllegalArgumentException} with one sentence naming the option when there are none or they
   * cannot be read. Local files are opened once to check the permission.
   */
  public static List<MatchResult.Metadata> requireReadable(String pathOrGlob, String optionName) {
    if (pathOrGlob == null || pathOrGlob.isBlank()) {
      throw new IllegalArgumentException(optionName + " needs a path, not an empty one.");
    }
    List<MatchResult.Metadata> matched = match(pathOrGlob, optionName, pathOrGlob);
    boolean glob = FileSystems.hasGlobWildcard(pathOrGlob);
    if (!glob && (pathOrGlob.endsWith("/") || isFolder(matched))) {
      String folder = pathOrGlob;
      matched = files(match(OutputFolders.child(folder, "**"), optionName, folder));
      if (matched.isEmpty()) {
        throw new IllegalArgumentException(
            optionName + " folder '" + folder + "' holds no files.");
      }
    }
    matched = files(matched);
    if (matched.isEmpty()) {
      if (isS3(pathOrGlob) && !glob) {
        // A missing bucket looks like a missing key to a HEAD request: list a prefix to tell.
        match(pathOrGlob + "*", optionName, pathOrGlob);
      }
      throw new IllegalArgumentException(
          glob
              ? optionName + " '" + pathOrGlob + "' matches no files."
              : optionName + " path '" + pathOrGlob + "' does not exist.");
    }
    for (MatchResult.Metadata file : matched) {
      if (!isS3(file.resourceId().toString())) {
        checkOpens(file, optionName);
      }
    }
    return matched;
  }

  /**
   * One sentence saying why {@code path} could not be listed or read: the S3 reason when S3
   * refused, "does not exist" or "is not readable (permission denied)" for local files.
   */
  public static String explain(String optionName, String path, Throwable failure) {
    String s3 = S3Problems.describe(failure, path);
    if (s3 != null) {
      if (s3.startsWith("bucket '") && s3.endsWith("does not exist")) {
        return optionName + " " + s3 + " (path '" + path + "').";
      }
      return optionName + " path '" + path + "' cannot be read: " + s3 + ".";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof AccessDeniedException) {
        return optionName + " path '" + path + "' is not readable (permission denied).";
      }
      if (t instanceof NoSuchFileException) {
        return optionName + " path '" + path + "' does not exist.";
      }
    }
    return optionName + " path '" + path + "' cannot be read: " + failure.getMessage() + ".";
  }

  private static List<MatchResult.Metadata> match(String spec, String optionName, String path) {
    try {
      MatchResult result = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      if (result.status() == MatchResult.Status.NOT_FOUND) {
        return List.of();
      }
      return result.metadata();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(explain(optionName, path, e), e);
    }
  }

  private static boolean isFolder(List<MatchResult.Metadata> matched) {
    return matched.size() == 1 && matched.get(0).resourceId().isDirectory();
  }

  private static List<MatchResult.Metadata> files(List<MatchResult.Metadata> matched) {
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata metadata : matched) {
      if (!metadata.resourceId().isDirectory()) {
        files.add(metadata);
      }
    }
    return files;
  }

  private static void checkOpens(MatchResult.Metadata file, String optionName) {
    try (ReadableByteChannel channel = FileSystems.open(file.resourceId())) {
      // opened: readable
    } catch (IOException e) {
      throw new IllegalArgumentException(
          explain(optionName, file.resourceId().toString(), e), e);
    }
  }

  private static boolean isS3(String path) {
    return path.regionMatches(true, 0, "s3://", 0, 5);
  }
}
