package dev.beamglue.io.catalog;

import dev.beamglue.io.files.InputFiles;
import dev.beamglue.io.files.HivePartitions;
import dev.beamglue.io.files.OutputCommit;
import dev.beamglue.io.files.OutputFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.schemas.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The commit of one {@link PartitionedWrite} run: moves the files the run staged under {@code
 * <location>/.beamglue-staging/<runId>/} into the same partition folders of the location, updates
 * the catalog when asked, and removes the staging folder (with what killed runs left there). Its
 * abort removes only this run's staged files.
 *
 * <p>{@code StagedOutput commit = rows.apply(write).commit(); ... commit.commit();}
 *
 * <p>Two jobs must not write to the same location at the same time: a commit removes every run's
 * staging folder.
 */
public final class StagedOutput implements OutputCommit {

  private final String location;
  private final String runId;
  private final List<String> partitionKeys;
  private final Schema dataSchema;
  private final String classification;
  private final Map<String, String> formatOptions;
  private final PartitionedWrite.@Nullable CatalogTarget catalogTarget;
  private final boolean overwritePartitions;
  private final List<String> committed = new ArrayList<>();
  private boolean done;

  StagedOutput(
      String location,
      String runId,
      List<String> partitionKeys,
      Schema dataSchema,
      String classification,
      Map<String, String> formatOptions,
      PartitionedWrite.@Nullable CatalogTarget catalogTarget,
      boolean overwritePartitions) {
    this.location = location;
    this.runId = runId;
    this.partitionKeys = partitionKeys;
    this.dataSchema = dataSchema;
    this.classification = classification;
    this.formatOptions = formatOptions;
    this.catalogTarget = catalogTarget;
    this.overwritePartitions = overwritePartitions;
  }

  public String runId() {
    return runId;
  }

  /** The hidden folder the run writes its files to. */
  public String runFolder() {
    return OutputFolders.child(stagingRoot(location), runId);
  }

  /** The final paths of the files the commit moved, sorted. */
  public synchronized List<String> committedFiles() {
    return List.copyOf(committed);
  }

  @Override
  public synchronized void commit() {
    if (done) {
      return;
    }
    done = true;
    String runRoot = FileSystems.matchNewResource(runFolder(), true).toString();
    String finalRoot = FileSystems.matchNewResource(location, true).toString();
    List<ResourceId> sources = new ArrayList<>();
    List<ResourceId> targets = new ArrayList<>();
    Map<String, long[]> partitions = new LinkedHashMap<>(); // folder -> files, bytes
    for (MatchResult.Metadata file : list(runFolder())) {
      String path = file.resourceId().toString();
      if (!path.startsWith(runRoot)) {
        continue;
      }
      String relative = path.substring(runRoot.length());
      if (isHidden(relative)) {
        continue; // Beam's temporary files of the run
      }
      int slash = relative.lastIndexOf('/');
      String folder = slash < 0 ? "" : relative.substring(0, slash);
      sources.add(file.resourceId());
      targets.add(FileSystems.matchNewResource(finalRoot + relative, false));
      long[] stats = partitions.computeIfAbsent(folder, f -> new long[2]);
      stats[0]++;
      stats[1] += file.sizeBytes();
    }
    try {
      FileSystems.rename(sources, targets);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot move the staged files of run " + runId + " into " + location + ": "
              + e.getMessage(), e);
    }
    for (ResourceId target : targets) {
      committed.add(target.toString());
    }
    committed.sort(Comparator.naturalOrder());
    if (overwritePartitions) {
      deleteOlderFiles(finalRoot, partitions.keySet());
    }
    if (catalogTarget != null) {
      updateCatalog(finalRoot, partitions);
    }
    cleanUp(location);
  }

  @Override
  public synchronized void abort() {
    if (done) {
      return;
    }
    done = true;
    delete(runFolder());
  }

  /** Deletes the files of the written partition folders that this run did not write. */
  private void deleteOlderFiles(String finalRoot, java.util.Set<String> folders) {
    java.util.Set<String> ours = new java.util.HashSet<>(committed);
    List<ResourceId> older = new ArrayList<>();
    for (String folder : folders) {
      String prefix = finalRoot + (folder.isEmpty() ? "" : folder + "/");
      for (MatchResult.Metadata file : InputFiles.matchOrNone(prefix + "*")) {
        String path = file.resourceId().toString();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!file.resourceId().isDirectory() && !ours.contains(path) && !name.isEmpty()
            && !HivePartitions.isHidden(name)) {
          older.add(file.resourceId());
        }
      }
    }
    try {
      FileSystems.delete(older, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Run " + runId + " is in " + location + ", but the files it replaces could not all be "
              + "deleted: " + e.getMessage(), e);
    }
  }

  private void updateCatalog(String finalRoot, Map<String, long[]> partitions) {
    Catalog catalog = catalogTarget.catalog();
    String database = catalogTarget.database();
    String name = catalogTarget.table();
    catalog.ensureDatabase(database);
    long files = 0;
    long bytes = 0;
    for (long[] stats : partitions.values()) {
      files += stats[0];
      bytes += stats[1];
    }
    Map<List<String>, CatalogPartition> existing = new HashMap<>();
    if (catalog.hasTable(database, name)) {
      CatalogTable old = catalog.table(database, name);
      if (!old.partitionKeys().equals(partitionKeys)) {
        throw new CatalogException(
            "Table " + database + "." + name + " is partitioned by " + old.partitionKeys()
                + ", but the job wrote it partitioned by " + partitionKeys
                + "; the files are in " + location + ", the catalog is unchanged.");
      }
      files += old.fileCount();
      bytes += old.bytesEstimate();
      for (CatalogPartition p : catalog.partitions(database, name)) {
        existing.put(p.values(), p);
      }
      if (overwritePartitions) {
        for (String folder : partitions.keySet()) {
          CatalogPartition replaced =
              existing.remove(HivePartitions.values(partitionKeys, folder));
          if (replaced != null && !replaced.isDeleted()) {
            files -= replaced.fileCount();
            bytes -= replaced.bytes();
          }
        }
        if (partitionKeys.isEmpty()) {
          files = 0;
          bytes = 0;
          for (long[] stats : partitions.values()) {
            files += stats[0];
            bytes += stats[1];
          }
        }
      }
    }
    Instant now = Instant.now();
    CatalogTable table =
        CatalogTable.of(
                database, name, location, classification, formatOptions, dataSchema, partitionKeys)
            .withStatistics(0, bytes, files, now)
            .withParameters(Map.of("writtenBy", "beamglue", "lastRunId", runId));
    catalog.putTable(table);
    if (partitionKeys.isEmpty()) {
      return;
    }
    List<CatalogPartition> written = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : partitions.entrySet()) {
      List<String> values = HivePartitions.values(partitionKeys, entry.getKey());
      CatalogPartition old = existing.get(values);
      long partitionFiles = entry.getValue()[0] + (old == null || old.isDeleted() ? 0 : old.fileCount());
      long partitionBytes = entry.getValue()[1] + (old == null || old.isDeleted() ? 0 : old.bytes());
      written.add(
          new CatalogPartition(
              values, finalRoot + entry.getKey(), partitionFiles, partitionBytes, now, null));
    }
    catalog.putPartitions(database, name, written);
  }

  /** The hidden staging folder of a location. */
  static String stagingRoot(String location) {
    return OutputFolders.child(location, PartitionedWrite.STAGING);
  }

  /**
   * Removes every run's staging folder of the location: the leftovers of failed or killed runs.
   * Call it only when no job is writing to the location.
   */
  public static void cleanUp(String location) {
    delete(stagingRoot(location));
  }

  private static void delete(String folder) {
    List<ResourceId> files = new ArrayList<>();
    for (MatchResult.Metadata file : list(folder)) {
      files.add(file.resourceId());
    }
    try {
      FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the staged files in " + folder, e);
    }
    ResourceId root = FileSystems.matchNewResource(folder, true);
    if ("file".equals(root.getScheme())) {
      removeEmptyFolders(Paths.get(root.toString()));
    }
  }

  /** Removes the (now empty) local folders under and including {@code folder}. */
  private static void removeEmptyFolders(Path folder) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isDirectory(path)) {
          try (Stream<Path> children = Files.list(path)) {
            if (children.findAny().isEmpty()) {
              Files.delete(path);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the staging folder " + folder, e);
    }
  }

  private static List<MatchResult.Metadata> list(String folder) {
    return InputFiles.matchOrNone(OutputFolders.child(folder, "**"));
  }


  private static boolean isHidden(String relative) {
    for (String segment : relative.split("/")) {
      if (!segment.isEmpty() && HivePartitions.isHidden(segment)) {
        return true;
      }
    }
    return false;
  }
}
