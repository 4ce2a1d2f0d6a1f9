package dev.beamglue.io.catalog;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The default Data Catalog: JSON files in a local folder, one folder per database and one per
 * table.
 *
 * <p>{@code Catalog catalog = EmbeddedCatalog.open(Path.of("beamglue-catalog"));}
 *
 * <p>The layout: {@code FOLDER/DB/database.json}; {@code FOLDER/DB/TABLE/table.json} (the table;
 * a table exists when this file does), {@code partitions.json} and {@code versions.json}. Every
 * file is replaced atomically (a hidden temporary file, fsync, atomic move), so a crash in the
 * middle of a write leaves the previous content readable, and hidden files ({@code .} or {@code
 * _}) are never catalog entries. Writes take an exclusive lock on {@code FOLDER/.lock}, so several
 * processes may use one folder one after another (or at once: each change is a whole
 * read-modify-write under the lock). Database and table names are lower-case letters, digits and
 * underscores.
 */
public final class EmbeddedCatalog implements Catalog, Serializable {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,255}");
  static final String DATABASE_FILE = "database.json";
  static final String TABLE_FILE = "table.json";
  static final String PARTITIONS_FILE = "partitions.json";
  static final String VERSIONS_FILE = "versions.json";

  private final String folder;
  private transient CatalogFolder files;

  private EmbeddedCatalog(Path folder) {
    this.folder = folder.toAbsolutePath().normalize().toString();
  }

  /**
   * The catalog in {@code folder}; the folder is created on the first write. Throws when the path
   * exists and is not a folder.
   */
  public static EmbeddedCatalog open(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new CatalogException(
          "The catalog folder " + folder + " is a file; --catalog names a folder or 'glue'.");
    }
    return new EmbeddedCatalog(folder);
  }

  /** The catalog's folder. */
  public Path folder() {
    return Paths.get(folder);
  }

  CatalogFolder files() {
    if (files == null) {
      files = new CatalogFolder(Paths.get(folder));
    }
    return files;
  }

  @Override
  public List<String> databases() {
    return children(files().root(), DATABASE_FILE);
  }

  @Override
  public void ensureDatabase(String database) {
    checkName("database", database);
    Path file = databaseDir(database).resolve(DATABASE_FILE);
    files().locked(() -> {
      if (!Files.exists(file)) {
        files().write(file, CatalogJson.bytes(CatalogJson.database(database, Instant.now())));
      }
      return null;
    });
  }

  @Override
  public List<CatalogTable> tables(String database) {
    Path dir = existingDatabase(database);
    List<CatalogTable> tables = new ArrayList<>();
    for (String name : children(dir, TABLE_FILE)) {
      readTable(database, name).ifPresent(tables::add);
    }
    return tables;
  }

  @Override
  public CatalogTable table(String database, String name) {
    existingDatabase(database);
    checkName("table", name);
    return readTable(database, name).orElseThrow(() -> noTable(database, name));
  }

  @Override
  public boolean hasTable(String database, String name) {
    return NAME.matcher(database).matches()
        && NAME.matcher(name).matches()
        && Files.exists(tableDir(database, name).resolve(TABLE_FILE));
  }

  @Override
  public void putTable(CatalogTable table) {
    existingDatabase(table.database());
    checkName("table", table.name());
    Path dir = tableDir(table.database(), table.name());
    files().locked(() -> {
      List<SchemaVersion> versions =
          hasTable(table.database(), table.name())
              ? readVersions(table.database(), table.name())
              : new ArrayList<>();
      SchemaVersion last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
      int version;
      if (last != null && sameColumns(last, table)) {
        version = last.version();
      } else {
        version = last == null ? 1 : last.version() + 1;
        versions = new ArrayList<>(versions);
        versions.add(new SchemaVersion(version, table.columns(), Instant.now()));
        files().write(dir.resolve(VERSIONS_FILE), CatalogJson.bytes(CatalogJson.versions(versions)));
      }
      CatalogTable stored = table.withSchemaVersion(version);
      files().write(dir.resolve(TABLE_FILE), CatalogJson.bytes(CatalogJson.table(stored)));
      return null;
    });
  }

  @Override
  public void deleteTable(String database, String name) {
    table(database, name);
    Path dir = tableDir(database, name);
    files().locked(() -> {
      Path trash = dir.resolveSibling(".deleted-" + name + "-" + UUID.randomUUID());
      try {
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        CatalogFolder.syncDirectory(dir.getParent());
        deleteTree(trash);
      } catch (IOException e) {
        throw new CatalogException(
            "The table " + database + "." + name + " cannot be deleted: "
                + CatalogFolder.describe(e) + ".", e);
      }
      return null;
    });
  }

  @Override
  public List<CatalogPartition> partitions(String database, String table) {
    table(database, table);
    Path file = tableDir(database, table).resolve(PARTITIONS_FILE);
    List<CatalogPartition> partitions = new ArrayList<>(files().read(file)
        .map(bytes -> CatalogJson.partitions(CatalogJson.parse(bytes, file), file))
        .orElse(List.of()));
    partitions.sort(Comparator.comparing(CatalogPartition::values, EmbeddedCatalog::compareValues));
    return partitions;
  }

  @Override
  public void putPartitions(String database, String table, List<CatalogPartition> partitions) {
    CatalogTable stored = table(database, table);
    for (CatalogPartition partition : partitions) {
      checkPartition(stored, partition);
    }
    Path file = tableDir(database, table).resolve(PARTITIONS_FILE);
    files().locked(() -> {
      Map<List<String>, CatalogPartition> merged = new LinkedHashMap<>();
      for (CatalogPartition existing : partitions(database, table)) {
        merged.put(existing.values(), existing);
      }
      for (CatalogPartition partition : partitions) {
        merged.put(partition.values(), partition);
      }
      List<CatalogPartition> all = new ArrayList<>(merged.values());
      all.sort(Comparator.comparing(CatalogPartition::values, EmbeddedCatalog::compareValues));
      files().write(file, CatalogJson.bytes(CatalogJson.partitions(all)));
      return null;
    });
  }

  @Override
  public List<SchemaVersion> schemaVersions(String database, String table) {
    table(database, table);
    return readVersions(database, table);
  }

  /** Throws when a partition's values do not fit the table's partition keys. */
  static void checkPartition(CatalogTable table, CatalogPartition partition) {
    if (partition.values().size() != table.partitionKeys().size()) {
      throw new CatalogException(
          "The partition " + partition.values() + " of table " + table.database() + "."
              + table.name() + " has " + partition.values().size() + " value(s) but the table "
              + (table.isPartitioned()
                  ? "has the partition keys " + String.join(", ", table.partitionKeys())
                  : "has no partition keys")
              + ".");
    }
  }

  static int compareValues(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** Checks a database or table name: lower-case letters, digits and underscores. */
  static void checkName(String kind, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new CatalogException(
          "The " + kind + " name '" + name + "' is not valid: catalog names are 1 to 255 "
              + "lower-case letters, digits and underscores.");
    }
  }

  private boolean sameColumns(SchemaVersion last, CatalogTable table) {
    return CatalogJson.columns(last.columns()).equals(CatalogJson.columns(table.columns()));
  }

  private Optional<CatalogTable> readTable(String database, String name) {
    Path file = tableDir(database, name).resolve(TABLE_FILE);
    return files().read(file).map(bytes -> CatalogJson.table(CatalogJson.parse(bytes, file), file));
  }

  private List<SchemaVersion> readVersions(String database, String table) {
    Path file = tableDir(database, table).resolve(VERSIONS_FILE);
    return files().read(file)
        .map(bytes -> CatalogJson.versions(CatalogJson.parse(bytes, file), file))
        .orElse(List.of());
  }

  private Path existingDatabase(String database) {
    checkName("database", database);
    Path dir = databaseDir(database);
    if (!Files.exists(dir.resolve(DATABASE_FILE))) {
      throw CatalogException.noDatabase(database, databases());
    }
    return dir;
  }

  private CatalogException noTable(String database, String name) {
    return CatalogException.noTable(
        database, name, children(databaseDir(database), TABLE_FILE));
  }

  private Path databaseDir(String database) {
    return files().root().resolve(database);
  }

  private Path tableDir(String database, String table) {
    return databaseDir(database).resolve(table);
  }

  /** The sorted names of the visible sub-folders of {@code dir} that hold {@code marker}. */
  private static List<String> children(Path dir, String marker) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith(".")
              && !p.getFileName().toString().startsWith("_"))
          .filter(p -> Files.exists(p.resolve(marker)))
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CatalogException(
          "The catalog folder " + dir + " cannot be listed: " + CatalogFolder.describe(e) + ".",
          e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedCatalog(" + folder + ")";
  }
}
