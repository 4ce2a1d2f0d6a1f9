package dev.beamglue.io.bookmarks;

import java.io.Serializable;

/**
 * A file a job processed, as its bookmark remembers it: a file with the same path, size and
 * modification time is not read again; a file that changed is.
 *
 * <p>{@code new BookmarkedFile("s3://b/raw/parks/part-0.json", 1234, 1700000000000L)}
 *
 * @param path the file's full path (any Beam file system)
 * @param size its size in bytes
 * @param lastModifiedMillis its modification time, or 0 when the file system does not say
 */
public record BookmarkedFile(String path, long size, long lastModifiedMillis)
    implements Serializable {}
