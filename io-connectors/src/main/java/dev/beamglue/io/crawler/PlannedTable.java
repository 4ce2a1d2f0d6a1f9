package dev.beamglue.io.crawler;

import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import java.io.Serializable;
import java.util.List;

/**
 * A table a crawl found, before it is merged into the catalog: the table (name, location, format,
 * columns, partition keys, estimates), its partitions, and the files it holds.
 *
 * <p>{@code plan.table("parks").partitions().get(0).values() // [2017, 04]}
 */
public record PlannedTable(
    CatalogTable table, List<CatalogPartition> partitions, List<FileDescription> files)
    implements Serializable {

  public PlannedTable {
    partitions = List.copyOf(partitions);
    files = List.copyOf(files);
  }

  /** The table's name. */
  public String name() {
    return table.name();
  }
}
