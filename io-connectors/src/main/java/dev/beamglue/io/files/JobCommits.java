package dev.beamglue.io.files;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * The {@link OutputCommit}s of one pipeline, registered as its transforms are applied, run on the
 * driver once the run ended: all of them when it ended {@code DONE} (outputs first, then job
 * bookmarks), their aborts otherwise. A failed or killed run commits nothing, so its outputs stay
 * in their hidden staging folders and its bookmarks do not advance.
 *
 * <p>{@code PipelineResult result = JobCommits.runAndCommit(pipeline);}
 */
public final class JobCommits {

  private static final Map<Pipeline, JobCommits> BY_PIPELINE =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final List<OutputCommit> commits = new ArrayList<>();
  private boolean finished;

  private JobCommits() {}

  /** The commits of the pipeline (an empty list until a transform registers one). */
  public static JobCommits of(Pipeline pipeline) {
    return BY_PIPELINE.computeIfAbsent(pipeline, p -> new JobCommits());
  }

  /** Registers a commit; registering the same one again does nothing. */
  public synchronized void add(OutputCommit commit) {
    for (OutputCommit existing : commits) {
      if (existing == commit) {
        return;
      }
    }
    commits.add(commit);
  }

  /** The registered commits, in the order they run. */
  public synchronized List<OutputCommit> commits() {
    List<OutputCommit> ordered = new ArrayList<>(commits);
    ordered.sort(Comparator.comparingInt(OutputCommit::phase));
    return ordered;
  }

  /** Runs every commit once, outputs before bookmarks; a second call does nothing. */
  public synchronized void commit() {
    if (finished) {
      return;
    }
    finished = true;
    for (OutputCommit commit : commits()) {
      commit.commit();
    }
  }

  /** Runs every abort once; a second call, or one after {@link #commit()}, does nothing. */
  public synchronized void abort() {
    if (finished) {
      return;
    }
    finished = true;
    for (OutputCommit commit : commits()) {
      commit.abort();
    }
  }

  /**
   * Runs the pipeline and waits for it; commits when it ended {@code DONE}, otherwise aborts and
   * throws {@link IllegalStateException} (a failure of the run itself is rethrown after the abort).
   */
  public static PipelineResult runAndCommit(Pipeline pipeline) {
    JobCommits commits = of(pipeline);
    PipelineResult.State state;
    PipelineResult result;
    try {
      result = pipeline.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      commits.abort();
      throw e;
    }
    if (state != PipelineResult.State.DONE) {
      commits.abort();
      throw new IllegalStateException("The run ended " + state + "; nothing was committed.");
    }
    commits.commit();
    return result;
  }
}
