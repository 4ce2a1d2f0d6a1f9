package dev.beamglue.io.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Copies a file from an {@code http://} or {@code https://} URL to a folder of any Beam file system
 * (local, {@code s3://}), so that a pipeline can read it in parallel like any other input.
 *
 * <p>{@code String path = Downloads.fetch("https://www.irs.gov/pub/irs-soi/16zpallagi.csv", "s3://b/sources");}
 *
 * <p>The file is named by the last segment of the path of the URL it came from after redirects. It is written under a hidden
 * name first and renamed when complete, so a failed download never leaves a file a reader would
 * take for the whole one. Redirects are followed; a status other than 200 fails with one sentence
 * naming the URL and the status.
 */
public final class Downloads {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private Downloads() {}

  /** Whether the path is an http or https URL. */
  public static boolean isUrl(String path) {
    String lower = path == null ? "" : path.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /** Downloads the URL into the folder and returns the file's path there. */
  public static String fetch(String url, String folder) {
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getMessage(), e);
    }
    fileName(uri); // names no file: fail before connecting
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot download " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("The download of " + url + " was interrupted.", e);
    }
    String name = fileName(response.uri());
    String target = OutputFolders.child(folder, name);
    String partial = OutputFolders.child(folder, ".download-" + name);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException(
            "Cannot download " + url + ": the server answered HTTP " + response.statusCode() + ".");
      }
      ResourceId partialId = FileSystems.matchNewResource(partial, false);
      // The stream owns the channel (an S3 upload must be closed once).
      try (OutputStream out =
          Channels.newOutputStream(FileSystems.create(partialId, MimeTypes.BINARY))) {
        body.transferTo(out);
      }
      ResourceId targetId = FileSystems.matchNewResource(target, false);
      FileSystems.rename(java.util.List.of(partialId), java.util.List.of(targetId));
      return targetId.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot download " + url + " to " + target + ": " + e.getMessage(), e);
    }
  }

  private static String fileName(URI uri) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isBlank() || name.startsWith(".") || name.startsWith("_")) {
      throw new IllegalArgumentException(
          "The URL " + uri + " names no file: its path must end with a file name.");
    }
    return name;
  }
}
