package dev.beamglue.io.crawler;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges a crawl's plan into a catalog database. A planned table matches the stored table of the
 * same location, whatever its name; a new table takes its planned name, with a suffix when a table
 * elsewhere holds that name. A stored table keeps its name and its columns: new columns are added
 * after them and types widen (the catalog records a new schema version when the columns change);
 * new partitions are added, stored partitions whose folders hold no data file any more are marked
 * deleted, and a stored table under the crawl path whose location holds no data file any more is
 * kept with the parameter {@value #DEPRECATED_AT} and its partitions marked deleted. When a
 * table's folders now give other partition keys, the stored table is kept the same way and a new
 * table (its name with a suffix) takes the new layout. A table is never deleted.
 *
 * <p>{@code CrawlReport r = CatalogMerge.merge(catalog, plan, Instant.now(), Duration.ZERO);}
 */
final class CatalogMerge {

  /** The table parameter a recrawl sets when the table's location holds no data any more. */
  static final String DEPRECATED_AT = "deprecated_at";

  private CatalogMerge() {}

  static CrawlReport merge(Catalog catalog, CrawlPlan plan, String database, Instant now,
      Duration elapsed) {
    catalog.ensureDatabase(database);
    Map<String, CatalogTable> byLocation = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (CatalogTable stored : catalog.tables(database)) {
      CatalogTable other = byLocation.get(stored.location());
      if (other == null || (other.parameters().containsKey(DEPRECATED_AT)
          && !stored.parameters().containsKey(DEPRECATED_AT))) {
        byLocation.put(stored.location(), stored);
      }
      names.add(stored.name());
    }
    List<String> created = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<String> deprecated = new ArrayList<>();
    long[] partitions = new long[2];
    Set<String> matched = new HashSet<>();
    for (PlannedTable planned : plan.tables()) {
      CatalogTable stored = byLocation.get(planned.table().location());
      if (stored != null
          && !stored.partitionKeys().equals(planned.table().partitionKeys())) {
        // Another folder layout: keep the old table, deprecated, and create one for the new layout.
        partitions[1] += deprecate(catalog, stored, now);
        deprecated.add(stored.name());
        matched.add(stored.name());
        stored = null;
      }
      if (stored == null) {
        String name = planned.name();
        if (!names.add(name)) {
          name = TablePlanner.uniqueName(name, planned.table().location(), names);
        }
        catalog.putTable(renamed(planned.table(), name, planned.table().columns(), Map.of()));
        if (!planned.partitions().isEmpty()) {
          catalog.putPartitions(database, name, planned.partitions());
        }
        partitions[0] += planned.partitions().size();
        created.add(name);
      } else {
        matched.add(stored.name());
        boolean changed = update(catalog, stored, planned, now, partitions);
        (changed ? updated : unchanged).add(stored.name());
      }
    }
    String root = plan.location();
    for (CatalogTable stored : catalog.tables(database)) {
      boolean underRoot =
          stored.location().equals(root) || stored.location().startsWith(root + "/");
      if (!underRoot || matched.contains(stored.name()) || created.contains(stored.name())
          || stored.parameters().containsKey(DEPRECATED_AT) || holdsData(plan, stored.location())) {
        continue;
      }
      partitions[1] += deprecate(catalog, stored, now);
      deprecated.add(stored.name());
    }
    List<FileDescription> skipped = plan.skipped();
    return new CrawlReport(database, root, created, updated, unchanged, deprecated,
        partitions[0], partitions[1], plan.files().size() - skipped.size(), plan.hiddenFiles(),
        plan.excludedFiles(), skipped, plan.bytes(), elapsed);
  }

  /** Marks the table deprecated and its live partitions deleted; returns how many. */
  private static long deprecate(Catalog catalog, CatalogTable stored, Instant now) {
    Map<String, String> parameters = new LinkedHashMap<>(stored.parameters());
    parameters.put(DEPRECATED_AT, now.toString());
    catalog.putTable(stored.withParameters(parameters));
    List<CatalogPartition> gone = new ArrayList<>();
    for (CatalogPartition p : catalog.partitions(stored.database(), stored.name())) {
      if (!p.isDeleted()) {
        gone.add(p.deleted(now));
      }
    }
    if (!gone.isEmpty()) {
      catalog.putPartitions(stored.database(), stored.name(), gone);
    }
    return gone.size();
  }

  /** Updates a stored table from its recrawl; says whether anything but statistics changed. */
  private static boolean update(Catalog catalog, CatalogTable stored, PlannedTable planned,
      Instant now, long[] partitions) {
    CatalogTable fresh = planned.table();
    org.apache.beam.sdk.schemas.Schema columns =
        SchemaMerge.merge(stored.columns(), fresh.columns()).schema();
    boolean columnsChanged = !columns.equals(stored.columns());
    boolean formatChanged = !stored.classification().equals(fresh.classification())
        || !stored.formatOptions().equals(fresh.formatOptions());
    Map<String, String> parameters = new LinkedHashMap<>(stored.parameters());
    boolean revived = parameters.remove(DEPRECATED_AT) != null;
    catalog.putTable(renamed(fresh, stored.name(), columns, parameters)
        .withSchemaVersion(stored.schemaVersion()));
    List<CatalogPartition> changes = new ArrayList<>();
    long added = 0;
    long deleted = 0;
    Map<List<String>, CatalogPartition> old = new HashMap<>();
    for (CatalogPartition p : catalog.partitions(stored.database(), stored.name())) {
      old.put(p.values(), p);
    }
    for (CatalogPartition p : planned.partitions()) {
      CatalogPartition before = old.remove(p.values());
      if (before == null || before.isDeleted()) {
        added++;
      }
      changes.add(p);
    }
    for (CatalogPartition p : old.values()) {
      if (!p.isDeleted()) {
        changes.add(p.deleted(now));
        deleted++;
      }
    }
    if (!changes.isEmpty()) {
      catalog.putPartitions(stored.database(), stored.name(), changes);
    }
    partitions[0] += added;
    partitions[1] += deleted;
    return columnsChanged || formatChanged || revived || added > 0 || deleted > 0;
  }

  private static boolean holdsData(CrawlPlan plan, String location) {
    for (FileDescription file : plan.files()) {
      if (file.recognized()
          && (file.path().equals(location) || file.path().startsWith(location + "/"))) {
        return true;
      }
    }
    return false;
  }

  private static CatalogTable renamed(CatalogTable t, String name,
      org.apache.beam.sdk.schemas.Schema columns, Map<String, String> parameters) {
    return new CatalogTable(t.database(), name, t.location(), t.classification(),
        t.formatOptions(), columns, t.partitionKeys(), t.rowEstimate(), t.bytesEstimate(),
        t.fileCount(), t.updatedAt(), t.schemaVersion(), parameters);
  }
}
