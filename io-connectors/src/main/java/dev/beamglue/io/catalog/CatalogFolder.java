package dev.beamglue.io.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The file operations of the embedded catalog's folder: whole-file reads, crash-safe replacement
 * of a file (a hidden temporary file in the same folder, fsync, atomic move) and an exclusive
 * lock for read-modify-write, held across processes with a {@link FileLock} on {@code .lock} and
 * across threads of one JVM with a lock per folder.
 *
 * <p>{@code folder.locked(() -> { folder.write(file, bytes); return null; });}
 */
final class CatalogFolder {

  /** Called after a temporary file is written and before it replaces its target; for tests. */
  interface BeforeReplace {
    void run(Path target) throws IOException;
  }

  static final String LOCK_FILE = ".lock";
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  BeforeReplace beforeReplace = target -> {};

  CatalogFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  Path root() {
    return root;
  }

  /** The file's bytes, or empty when it does not exist. */
  Optional<byte[]> read(Path file) {
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (AccessDeniedException e) {
      throw new CatalogException(
          "The catalog file " + file + " cannot be read: permission denied.", e);
    } catch (IOException e) {
      throw new CatalogException(
          "The catalog file " + file + " cannot be read: " + e.getMessage() + ".", e);
    }
  }

  /**
   * Replaces {@code file} with {@code bytes} so that a reader sees the old content or the new,
   * never a part: a temporary file named {@code .NAME.UUID.tmp} in the same folder, forced to
   * disk, then moved over the target atomically.
   */
  void write(Path file, byte[] bytes) {
    Path dir = file.getParent();
    Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      beforeReplace.run(file);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new CatalogException(
          "The catalog file " + file + " cannot be written: " + describe(e) + ".", e);
    }
  }

  /** Runs {@code action} holding the folder's lock, in this JVM and across processes. */
  <T> T locked(Supplier<T> action) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(root, r -> new ReentrantLock());
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        return action.get();
      }
      Files.createDirectories(root);
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        return action.get();
      }
    } catch (IOException e) {
      throw new CatalogException(
          "The catalog folder " + root + " cannot be locked for writing: " + describe(e) + ".", e);
    } finally {
      jvmLock.unlock();
    }
  }

  /** Forces a folder's entries (a rename) to disk where the platform allows it. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a folder; the move itself is still atomic.
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A stray temporary file is hidden and ignored by readers.
    }
  }

  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
