package dev.beamglue.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A harness run as data, for {@code benchmarks/run-all.sh} to turn into docs/BENCHMARKS.md: the
 * benchmark, the machine, the data, the command, and for each input every contestant's wall times
 * (or why it stopped). Written by a harness given {@code --resultsFile=PATH}.
 *
 * <p>{@code ResultsFile.write(path, new ResultsFile.Run("crawl", machine, data, command, inputs));}
 */
public final class ResultsFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsFile() {}

  /** One contestant's runs: wall seconds of every finished run, and the reason it stopped. */
  public record Contestant(String key, String label, List<Double> seconds, String problem) {
    /** Whether it has runs and never failed, as {@link Result#measured()}. */
    public boolean measured() {
      return !seconds.isEmpty() && problem == null;
    }

    public double median() {
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  /** The contestants' results on one input (a benchmark may have several, as crawl does). */
  public record Input(String name, String description, long bytes, List<Contestant> contestants) {
    public static Input of(String name, String description, long bytes,
        Collection<Result> results) {
      List<Contestant> contestants = new ArrayList<>();
      for (Result r : results) {
        contestants.add(new Contestant(r.contestant.key, r.contestant.label,
            List.copyOf(r.seconds()), r.problem()));
      }
      return new Input(name, description, bytes, contestants);
    }
  }

  /** A whole harness run. */
  public record Run(String benchmark, String machine, String data, String command,
      List<Input> inputs) {}

  public static void write(Path file, Run run) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    JSON.writeValue(file.toFile(), run);
  }

  public static Run read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Run.class);
  }

  /** The number of bytes of the data files under a path (a file, or a folder's regular files). */
  public static long bytes(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return Files.size(path);
    }
    try (var walk = Files.walk(path)) {
      long total = 0;
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          total += Files.size(file);
        }
      }
      return total;
    }
  }
}
