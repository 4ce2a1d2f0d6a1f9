package dev.beamglue.benchmarks.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The tables of a crawl input as the peers are told them: each top-level folder is one table, read
 * as CSV or JSON by the extension of its first file. beamglue's crawler finds this out itself; the
 * peers have no crawler and are given it.
 *
 * <p>{@code for (TableFolders.Table t : TableFolders.of(input)) { ... t.format() ... }}
 */
final class TableFolders {
  record Table(String name, Path folder, String format) {}

  private TableFolders() {}

  static List<Table> of(Path input) throws IOException {
    try (Stream<Path> children = Files.list(input)) {
      List<Path> folders = children.filter(Files::isDirectory).sorted().collect(Collectors.toList());
      List<Table> tables = new java.util.ArrayList<>();
      for (Path folder : folders) {
        firstFile(folder).ifPresent(file -> tables.add(new Table(
            folder.getFileName().toString(), folder, file.toString().endsWith(".csv") ? "csv" : "json")));
      }
      return tables;
    }
  }

  private static Optional<Path> firstFile(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).findFirst();
    }
  }
}
