package dev.beamglue.io.catalog;

import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.bookmarks.BookmarkedFile;
import dev.beamglue.io.files.HivePartitions;
import dev.beamglue.io.files.OutputFolders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * One data file a catalog read will open: its path, size, modification time and the values of
 * its partition (empty for an unpartitioned table). {@link #list} finds the data files of a folder
 * or glob with Beam's file systems, leaving out hidden files and folders.
 *
 * <p>{@code List<PlannedFile> files = PlannedFile.list("s3://b/raw/parks/year=2017", values);}
 */
record PlannedFile(String path, long size, long lastModifiedMillis, List<String> values) {

  BookmarkedFile bookmarked() {
    return new BookmarkedFile(path, size, lastModifiedMillis);
  }

  /**
   * The data files under a folder (at any depth), or the file itself when {@code location} is a
   * file, sorted by path; a file or folder whose name starts with {@code .} or {@code _} below the
   * folder is left out. A folder that does not exist holds no files.
   */
  static List<PlannedFile> inFolder(String location, List<String> values) {
    String root = FileSystems.matchNewResource(location, true).toString();
    List<PlannedFile> files = new ArrayList<>();
    for (MatchResult.Metadata file : match(OutputFolders.child(location, "**"))) {
      String path = file.resourceId().toString();
      String relative = path.startsWith(root) ? path.substring(root.length()) : file.resourceId().getFilename();
      if (!isHiddenPath(relative)) {
        files.add(new PlannedFile(path, file.sizeBytes(), file.lastModifiedMillis(), values));
      }
    }
    if (files.isEmpty()) {
      for (MatchResult.Metadata file : match(location)) {
        String name = file.resourceId().getFilename();
        if (name != null && !HivePartitions.isHidden(name)) {
          files.add(new PlannedFile(file.resourceId().toString(), file.sizeBytes(),
              file.lastModifiedMillis(), values));
        }
      }
    }
    files.sort(Comparator.comparing(PlannedFile::path));
    return files;
  }

  /** The files the comma-separated globs match, without hidden ones, each once, by path. */
  static List<PlannedFile> matching(String globs) {
    Map<String, PlannedFile> files = new LinkedHashMap<>();
    for (String glob : globs.split(",")) {
      if (glob.isBlank()) {
        continue;
      }
      for (MatchResult.Metadata file : match(glob.trim())) {
        String name = file.resourceId().getFilename();
        if (name != null && !HivePartitions.isHidden(name)) {
          String path = file.resourceId().toString();
          files.putIfAbsent(
              path, new PlannedFile(path, file.sizeBytes(), file.lastModifiedMillis(), List.of()));
        }
      }
    }
    List<PlannedFile> sorted = new ArrayList<>(files.values());
    sorted.sort(Comparator.comparing(PlannedFile::path));
    return sorted;
  }

  private static boolean isHiddenPath(String relative) {
    for (String segment : relative.split("/")) {
      if (!segment.isEmpty() && HivePartitions.isHidden(segment)) {
        return true;
      }
    }
    return false;
  }

  private static List<MatchResult.Metadata> match(String spec) {
    return InputFiles.matchOrNone(spec);
  }
}
