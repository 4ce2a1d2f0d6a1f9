package dev.beamglue.io.bookmarks;

import dev.beamglue.io.files.OutputCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One run's use of a job bookmark. Sources ask it, when the pipeline is built, which of their
 * files to read ({@link #select}); it remembers the files handed out, and {@link #commit()} (run
 * by {@link dev.beamglue.io.files.JobCommits} once the run succeeded) adds them to the job's state
 * in {@code ENABLE} mode only. A failed or killed run never commits, so its files are read again.
 *
 * <p>{@code CatalogIO.read(catalog, "raw", "parks").withBookmark(bookmarks.start("nightly", mode))}
 */
public final class JobBookmark implements OutputCommit {

  private final JobBookmarks store;
  private final String job;
  private final BookmarkMode mode;
  private final Map<String, List<BookmarkedFile>> pending = new LinkedHashMap<>();
  private boolean committed;

  JobBookmark(JobBookmarks store, String job, BookmarkMode mode) {
    this.store = store;
    this.job = job;
    this.mode = mode;
  }

  public String job() {
    return job;
  }

  public BookmarkMode mode() {
    return mode;
  }

  /**
   * The candidates this run reads from {@code source}: those the job has not processed (all of
   * them in {@code DISABLE} mode). Remembers them for the commit.
   */
  public synchronized <T> List<T> select(
      String source, List<T> candidates, Function<T, BookmarkedFile> file) {
    Set<BookmarkedFile> processed = mode.skipsProcessed() ? store.processed(job, source) : Set.of();
    List<T> selected = new ArrayList<>();
    List<BookmarkedFile> read = pending.computeIfAbsent(source, s -> new ArrayList<>());
    for (T candidate : candidates) {
      BookmarkedFile f = file.apply(candidate);
      if (!processed.contains(f)) {
        selected.add(candidate);
        read.add(f);
      }
    }
    return selected;
  }

  /** The files handed out so far, per source. */
  public synchronized Map<String, List<BookmarkedFile>> pending() {
    return JobBookmarks.copy(pending);
  }

  /** Records the handed-out files in the job's state (ENABLE only); once. */
  @Override
  public synchronized void commit() {
    if (committed || !mode.commits()) {
      return;
    }
    committed = true;
    store.add(job, pending);
  }

  @Override
  public int phase() {
    return 1;
  }
}
