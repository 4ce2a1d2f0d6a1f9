package dev.beamglue.io.catalog;

import dev.beamglue.io.files.ReadFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Helpers for the catalog read and write tests: data files of a folder, files read by a run. */
final class CatalogTestFiles {

  private CatalogTestFiles() {}

  /** The data files under the folder (relative paths, sorted), hidden files and folders left out. */
  static List<String> dataFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(Files::isRegularFile)
          .map(p -> folder.relativize(p).toString().replace('\\', '/'))
          .filter(relative -> Stream.of(relative.split("/"))
              .noneMatch(s -> s.startsWith(".") || s.startsWith("_")))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** Every file under the folder, hidden or not. */
  static List<String> allFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(Files::isRegularFile)
          .map(p -> folder.relativize(p).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The {@code files_read} counter of the run. */
  static long filesRead(PipelineResult result) {
    long total = 0;
    for (MetricResult<Long> counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(ReadFiles.NAMESPACE, ReadFiles.FILES_READ))
                    .build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
