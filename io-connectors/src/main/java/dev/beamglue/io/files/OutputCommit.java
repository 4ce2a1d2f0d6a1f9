package dev.beamglue.io.files;

/**
 * Driver-side work that makes a run's results visible once the run succeeded: moving staged files
 * into their final location, updating the catalog, advancing a job bookmark. Transforms register
 * theirs with {@link JobCommits#of} when they are applied; whoever runs the pipeline calls {@link
 * JobCommits#commit()} after {@code waitUntilFinish()} returned {@code DONE}, or {@link
 * JobCommits#abort()} otherwise.
 *
 * <p>{@code JobCommits.of(pipeline).add(commit);}
 */
public interface OutputCommit {

  /** Makes the run's results visible; called once, on the driver, after the run succeeded. */
  void commit();

  /** Discards what the run left behind; called when the run failed. */
  default void abort() {}

  /**
   * The order of commits: outputs (phase 0) before job bookmarks (phase 1), so that a bookmark
   * never advances past input whose output was not committed.
   */
  default int phase() {
    return 0;
  }
}
