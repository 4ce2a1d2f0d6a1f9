package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts a benchmark's generated section into {@code docs/BENCHMARKS.md} between its markers, creating
 * the file with a short header when it is missing and appending the markers when they are.
 *
 * <p>{@code BenchmarksDoc.replaceSection(doc, "github-events", markdown, header)}
 */
public final class BenchmarksDoc {
  private BenchmarksDoc() {}

  /** The arguments a section shows as its command: all but {@code --repoRoot=} and {@code --doc=}. */
  public static String shownArguments(String[] args) {
    java.util.List<String> shown = new java.util.ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("--repoRoot=") && !arg.startsWith("--doc=")) {
        shown.add(arg);
      }
    }
    return String.join(" ", shown);
  }

  public static String begin(String name) {
    return "<!-- " + name + ":begin -->";
  }

  public static String end(String name) {
    return "<!-- " + name + ":end -->";
  }

  /** The document with {@code section} between the markers named {@code name}. */
  public static String withSection(String document, String name, String section, String intro) {
    String begin = begin(name);
    String end = end(name);
    String body = begin + "\n" + section.strip() + "\n" + end;
    int from = document.indexOf(begin);
    int to = document.indexOf(end);
    if (from >= 0 && to > from) {
      return document.substring(0, from) + body + document.substring(to + end.length());
    }
    if (from >= 0 || to >= 0) {
      throw new IllegalStateException(
          "docs/BENCHMARKS.md has only one of the markers " + begin + " and " + end
              + ", or them in the wrong order: fix them by hand so the section can be replaced");
    }
    String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
    return document + separator + intro.strip() + "\n\n" + body + "\n";
  }

  /** Writes {@code section} into the file, creating it with {@code header} if it does not exist. */
  public static void replaceSection(Path doc, String name, String section, String header, String intro)
      throws IOException {
    String document = Files.exists(doc)
        ? new String(Files.readAllBytes(doc), StandardCharsets.UTF_8)
        : header.strip() + "\n\n";
    Path parent = doc.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.write(doc, withSection(document, name, section, intro).getBytes(StandardCharsets.UTF_8));
  }
}
