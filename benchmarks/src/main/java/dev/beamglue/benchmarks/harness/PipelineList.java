package dev.beamglue.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipelines {@code bin/beamglue list} prints, asked once: a beamglue contestant whose pipeline is
 * not listed (not in this checkout yet) is reported as not measured instead of failing its runs.
 *
 * <p>{@code contestant.withCheck(new PipelineList(beamglue).check("relationalize", "flink"))}
 */
public final class PipelineList {
  private static final long TIMEOUT_MINUTES = 30; // bin/beamglue builds the bundle first when it is stale

  private final Path beamglueCommand;
  private List<String> names;
  private String problem;

  public PipelineList(Path beamglueCommand) {
    this.beamglueCommand = beamglueCommand;
  }

  /** A check for {@link Contestant#withCheck}: why contestant {@code key} cannot run {@code pipeline}, or null. */
  public Supplier<String> check(String pipeline, String key) {
    return () -> {
      load();
      if (problem != null) {
        return problem + "; or --skip=" + key;
      }
      return names.contains(pipeline) ? null
          : "bin/beamglue list does not list " + pipeline + " (not in this checkout yet; it lists "
              + String.join(", ", names) + "); or --skip=" + key;
    };
  }

  /** The pipeline names of a {@code beamglue list} output: the first word of each line. */
  static List<String> names(String listOutput) {
    return listOutput.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("beamglue:"))
        .map(l -> l.split("\\s+", 2)[0])
        .toList();
  }

  private synchronized void load() {
    if (names != null || problem != null) {
      return;
    }
    try {
      Process process = new ProcessBuilder(beamglueCommand.toString(), "list")
          .redirectErrorStream(true)
          .start();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        problem = "bin/beamglue list did not finish in " + TIMEOUT_MINUTES + " minutes";
        return;
      }
      String text = output.get();
      if (process.exitValue() != 0) {
        String last = text.strip().lines().reduce((a, b) -> b).orElse("");
        problem = "bin/beamglue list exited with " + process.exitValue() + ": " + last;
        return;
      }
      names = names(text);
    } catch (IOException | ExecutionException e) {
      problem = "bin/beamglue list could not run: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problem = "bin/beamglue list was interrupted";
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
