package dev.beamglue.io.bookmarks;

import java.util.Locale;

/**
 * What a job does with its bookmark, as Glue's {@code --job-bookmark-option}: {@code ENABLE}
 * reads only the files the job has not processed and records them once the run succeeded; {@code
 * PAUSE} reads only those files but records nothing; {@code DISABLE} reads every file and leaves
 * the bookmark alone.
 *
 * <p>{@code BookmarkMode mode = BookmarkMode.parse("enable");}
 */
public enum BookmarkMode {
  ENABLE,
  DISABLE,
  PAUSE;

  /** The mode named by {@code enable}, {@code disable} or {@code pause} (any case). */
  public static BookmarkMode parse(String value) {
    if (value != null) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "enable":
          return ENABLE;
        case "disable":
          return DISABLE;
        case "pause":
          return PAUSE;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "--bookmark=" + value + " is not a bookmark mode; use enable, disable or pause.");
  }

  /** Whether a run skips the files the bookmark holds. */
  public boolean skipsProcessed() {
    return this != DISABLE;
  }

  /** Whether a successful run records the files it read. */
  public boolean commits() {
    return this == ENABLE;
  }
}
