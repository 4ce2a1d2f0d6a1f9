package dev.beamglue.io.bookmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The job bookmarks of one local folder: per job name, per source (a catalog table, a file glob),
 * the files the job has processed. Each job's state is one JSON file, replaced atomically (a
 * hidden temporary file, fsync, atomic move), so a crash while committing leaves the previous
 * state. The default folder is {@code bookmarks} inside the embedded catalog's folder.
 *
 * <p>{@code JobBookmark run = JobBookmarks.in(Path.of("catalog/bookmarks")).start("nightly",
 * BookmarkMode.ENABLE);}
 */
public final class JobBookmarks {

  /** The folder of bookmarks inside an embedded catalog's folder. */
  public static final String CATALOG_SUBFOLDER = "bookmarks";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;

  private JobBookmarks(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  /** The bookmarks kept in {@code folder} (created on the first commit). */
  public static JobBookmarks in(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "The bookmark folder " + folder + " is a file; give a folder.");
    }
    return new JobBookmarks(folder);
  }

  /** The bookmarks kept in the {@code bookmarks} folder of an embedded catalog's folder. */
  public static JobBookmarks inCatalogFolder(Path catalogFolder) {
    return in(catalogFolder.resolve(CATALOG_SUBFOLDER));
  }

  public Path folder() {
    return folder;
  }

  /** Starts a run of {@code job} in {@code mode}; see {@link JobBookmark}. */
  public JobBookmark start(String job, BookmarkMode mode) {
    checkJobName(job);
    return new JobBookmark(this, job, mode);
  }

  /** The files the job processed, per source; empty for a job that never committed. */
  public synchronized Map<String, Set<BookmarkedFile>> state(String job) {
    checkJobName(job);
    Path file = fileOf(job);
    Map<String, Set<BookmarkedFile>> sources = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return sources;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      Iterator<Map.Entry<String, JsonNode>> entries = root.path("sources").fields();
      while (entries.hasNext()) {
        Map.Entry<String, JsonNode> entry = entries.next();
        Set<BookmarkedFile> files = new LinkedHashSet<>();
        for (JsonNode f : entry.getValue()) {
          files.add(
              new BookmarkedFile(
                  f.path("path").asText(), f.path("size").asLong(),
                  f.path("lastModified").asLong()));
        }
        sources.put(entry.getKey(), files);
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The bookmark of job '" + job + "' in " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** The files the job processed from one source. */
  public Set<BookmarkedFile> processed(String job, String source) {
    return state(job).getOrDefault(source, Set.of());
  }

  /** Forgets everything the job processed, so its next run reads every file. */
  public synchronized void reset(String job) {
    checkJobName(job);
    try {
      Files.deleteIfExists(fileOf(job));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reset the bookmark of job '" + job + "'", e);
    }
  }

  /** Adds the files to the job's state, per source, and replaces the state file atomically. */
  synchronized void add(String job, Map<String, List<BookmarkedFile>> newFiles) {
    Map<String, Set<BookmarkedFile>> sources = state(job);
    newFiles.forEach(
        (source, files) -> sources.computeIfAbsent(source, s -> new LinkedHashSet<>()).addAll(files));
    ObjectNode root = JSON.createObjectNode();
    root.put("job", job);
    root.put("committedAt", Instant.now().toString());
    ObjectNode sourcesNode = root.putObject("sources");
    sources.forEach(
        (source, files) -> {
          ArrayNode array = sourcesNode.putArray(source);
          for (BookmarkedFile f : files) {
            array.addObject()
                .put("path", f.path())
                .put("size", f.size())
                .put("lastModified", f.lastModifiedMillis());
          }
        });
    Path target = fileOf(job);
    Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(folder);
      Files.write(
          temporary,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)
              .getBytes(StandardCharsets.UTF_8));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // the hidden temporary file is never read
      }
      throw new UncheckedIOException(
          "Cannot write the bookmark of job '" + job + "' to " + target + ": " + e.getMessage(), e);
    }
  }

  private Path fileOf(String job) {
    return folder.resolve(job + ".json");
  }

  private static void checkJobName(String job) {
    if (job == null || !job.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
      throw new IllegalArgumentException(
          "The job name '" + job + "' cannot name a bookmark; use letters, digits, '_', '.' and"
              + " '-', starting with a letter or digit.");
    }
  }

  /** The processed files of several sources, for a commit. */
  static Map<String, List<BookmarkedFile>> copy(Map<String, List<BookmarkedFile>> pending) {
    Map<String, List<BookmarkedFile>> out = new LinkedHashMap<>();
    pending.forEach((source, files) -> out.put(source, new ArrayList<>(files)));
    return out;
  }
}
