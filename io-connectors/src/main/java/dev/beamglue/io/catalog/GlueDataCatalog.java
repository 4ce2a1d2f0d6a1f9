package dev.beamglue.io.catalog;

import dev.beamglue.io.aws.AwsProblems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableVersion;

/**
 * AWS Glue's Data Catalog through the AWS SDK v2 {@link GlueClient}, configured from Beam's AWS
 * options (region, endpoint override, credentials provider).
 *
 * <p>{@code Catalog glue = GlueDataCatalog.create(options); glue.table("raw", "parks");}
 *
 * <p>Tables are written as Glue crawlers write them (see {@link GlueTableMapping}): external
 * tables with a classification, statistics parameters, a storage descriptor per format and
 * string partition keys. Glue column types carry no nullability, so columns read back nullable,
 * and Glue has no choice type, so a choice column is stored as {@code string}. A new schema
 * version is archived only when the columns change ({@code UpdateTable} with {@code SkipArchive}
 * otherwise). AWS errors become one {@link CatalogException} sentence. This implementation has
 * been tested against a local endpoint that checks the requests, not against AWS itself.
 */
public final class GlueDataCatalog implements Catalog, AutoCloseable {

  static final int BATCH = 100;

  private final GlueClient glue;

  private GlueDataCatalog(GlueClient glue) {
    this.glue = glue;
  }

  /** The Glue Data Catalog of the region, endpoint and credentials that {@code options} name. */
  public static GlueDataCatalog create(AwsOptions options) {
    return new GlueDataCatalog(call("connect to AWS Glue", () ->
        ClientBuilderFactory.getFactory(options).create(GlueClient.builder(), options).build()));
  }

  /** The Glue Data Catalog behind a client the caller built (and closes). */
  public static GlueDataCatalog using(GlueClient client) {
    return new GlueDataCatalog(client);
  }

  @Override
  public List<String> databases() {
    List<String> names = new ArrayList<>();
    call("list the databases", () -> {
      glue.getDatabasesPaginator(r -> {}).forEach(page ->
          page.databaseList().forEach(d -> names.add(d.name())));
      return null;
    });
    names.sort(Comparator.naturalOrder());
    return names;
  }

  @Override
  public void ensureDatabase(String database) {
    EmbeddedCatalog.checkName("database", database);
    call("create the database " + database, () -> {
      try {
        glue.getDatabase(r -> r.name(database));
      } catch (EntityNotFoundException e) {
        glue.createDatabase(r -> r.databaseInput(DatabaseInput.builder().name(database).build()));
      }
      return null;
    });
  }

  @Override
  public List<CatalogTable> tables(String database) {
    List<CatalogTable> tables = new ArrayList<>();
    try {
      call("list the tables of " + database, () -> {
        glue.getTablesPaginator(r -> r.databaseName(database)).forEach(page ->
            page.tableList().forEach(t -> tables.add(GlueTableMapping.table(t))));
        return null;
      });
    } catch (NotFound e) {
      throw CatalogException.noDatabase(database, databases());
    }
    tables.sort(Comparator.comparing(CatalogTable::name));
    return tables;
  }

  @Override
  public CatalogTable table(String database, String name) {
    return GlueTableMapping.table(getTable(database, name));
  }

  @Override
  public boolean hasTable(String database, String name) {
    return findTable(database, name).isPresent();
  }

  private java.util.Optional<Table> findTable(String database, String name) {
    try {
      return java.util.Optional.of(call("read the table " + database + "." + name,
          () -> glue.getTable(r -> r.databaseName(database).name(name)).table()));
    } catch (NotFound e) {
      return java.util.Optional.empty();
    }
  }

  @Override
  public void putTable(CatalogTable table) {
    EmbeddedCatalog.checkName("table", table.name());
    String what = "write the table " + table.database() + "." + table.name();
    java.util.Optional<Table> existing = findTable(table.database(), table.name());
    if (existing.isEmpty()) {
      CatalogTable first = table.withSchemaVersion(1);
      try {
        call(what, () -> glue.createTable(r -> r.databaseName(table.database())
            .tableInput(GlueTableMapping.tableInput(first))));
      } catch (NotFound e) {
        throw CatalogException.noDatabase(table.database(), databases());
      }
      return;
    }
    CatalogTable stored = GlueTableMapping.table(existing.get());
    boolean sameColumns = GlueTableMapping.columns(stored.columns())
        .equals(GlueTableMapping.columns(table.columns()));
    CatalogTable next = table.withSchemaVersion(
        sameColumns ? stored.schemaVersion() : stored.schemaVersion() + 1);
    call(what, () -> glue.updateTable(r -> r.databaseName(table.database())
        .tableInput(GlueTableMapping.tableInput(next)).skipArchive(sameColumns)));
  }

  @Override
  public void deleteTable(String database, String name) {
    getTable(database, name);
    call("delete the table " + database + "." + name,
        () -> glue.deleteTable(r -> r.databaseName(database).name(name)));
  }

  @Override
  public List<CatalogPartition> partitions(String database, String table) {
    getTable(database, table);
    List<CatalogPartition> partitions = new ArrayList<>();
    call("list the partitions of " + database + "." + table, () -> {
      glue.getPartitionsPaginator(r -> r.databaseName(database).tableName(table)).forEach(page ->
          page.partitions().forEach(p -> partitions.add(GlueTableMapping.partition(p))));
      return null;
    });
    partitions.sort(
        Comparator.comparing(CatalogPartition::values, EmbeddedCatalog::compareValues));
    return partitions;
  }

  @Override
  public void putPartitions(String database, String table, List<CatalogPartition> partitions) {
    CatalogTable stored = table(database, table);
    List<PartitionInput> inputs = new ArrayList<>();
    for (CatalogPartition partition : partitions) {
      EmbeddedCatalog.checkPartition(stored, partition);
      inputs.add(GlueTableMapping.partitionInput(stored, partition));
    }
    String what = "write the partitions of " + database + "." + table;
    List<PartitionInput> existing = new ArrayList<>();
    for (int from = 0; from < inputs.size(); from += BATCH) {
      List<PartitionInput> batch = inputs.subList(from, Math.min(inputs.size(), from + BATCH));
      BatchCreatePartitionResponse response = call(what, () -> glue.batchCreatePartition(
          r -> r.databaseName(database).tableName(table).partitionInputList(batch)));
      for (PartitionError error : response.errors()) {
        String code = error.errorDetail() == null ? "" : error.errorDetail().errorCode();
        if (!"AlreadyExistsException".equals(code)) {
          throw failedPartition(what, error.partitionValues(), error.errorDetail().errorMessage());
        }
        batch.stream().filter(p -> p.values().equals(error.partitionValues()))
            .forEach(existing::add);
      }
    }
    for (int from = 0; from < existing.size(); from += BATCH) {
      List<BatchUpdatePartitionRequestEntry> entries = existing
          .subList(from, Math.min(existing.size(), from + BATCH)).stream()
          .map(p -> BatchUpdatePartitionRequestEntry.builder()
              .partitionValueList(p.values()).partitionInput(p).build())
          .toList();
      BatchUpdatePartitionResponse response = call(what, () -> glue.batchUpdatePartition(
          r -> r.databaseName(database).tableName(table).entries(entries)));
      if (!response.errors().isEmpty()) {
        var failure = response.errors().get(0);
        throw failedPartition(what, failure.partitionValueList(),
            failure.errorDetail() == null ? "" : failure.errorDetail().errorMessage());
      }
    }
  }

  @Override
  public List<SchemaVersion> schemaVersions(String database, String table) {
    getTable(database, table);
    List<TableVersion> versions = new ArrayList<>();
    call("read the versions of " + database + "." + table, () -> {
      glue.getTableVersionsPaginator(r -> r.databaseName(database).tableName(table))
          .forEach(page -> versions.addAll(page.tableVersions()));
      return null;
    });
    versions.sort(Comparator.comparingLong(v -> Long.parseLong(v.versionId())));
    List<SchemaVersion> schemas = new ArrayList<>();
    for (TableVersion version : versions) {
      CatalogTable t = GlueTableMapping.table(version.table());
      SchemaVersion last = schemas.isEmpty() ? null : schemas.get(schemas.size() - 1);
      if (last == null || !GlueTableMapping.columns(last.columns())
          .equals(GlueTableMapping.columns(t.columns()))) {
        schemas.add(new SchemaVersion(schemas.size() + 1, t.columns(), t.updatedAt()));
      }
    }
    return schemas;
  }

  @Override
  public void close() {
    glue.close();
  }

  private Table getTable(String database, String name) {
    try {
      return call("read the table " + database + "." + name,
          () -> glue.getTable(r -> r.databaseName(database).name(name)).table());
    } catch (NotFound e) {
      List<String> databases = databases();
      if (!databases.contains(database)) {
        throw CatalogException.noDatabase(database, databases);
      }
      throw CatalogException.noTable(
          database, name, tables(database).stream().map(CatalogTable::name).toList());
    }
  }

  private static CatalogException failedPartition(String what, List<String> values, String why) {
    return new CatalogException(
        "AWS Glue could not " + what + ": partition " + values + ": " + why + ".");
  }

  /** An EntityNotFoundException as a sentence; callers that know what is missing say so. */
  private static final class NotFound extends CatalogException {
    NotFound(String what, EntityNotFoundException cause) {
      super("AWS Glue could not " + what + ": " + awsMessage(cause) + ".", cause);
    }
  }

  /** Runs one AWS call, turning AWS errors into one sentence saying what could not be done. */
  static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (EntityNotFoundException e) {
      throw new NotFound(what, e);
    } catch (AccessDeniedException e) {
      throw new CatalogException("AWS Glue denied the permission to " + what + ": "
          + awsMessage(e) + ".", e);
    } catch (GlueException e) {
      String code = AwsProblems.errorCode(e);
      if (AwsProblems.isDenied(code)) {
        throw new CatalogException("AWS Glue denied the permission to " + what + " ("
            + code + "): " + awsMessage(e) + ".", e);
      }
      throw new CatalogException("AWS Glue could not " + what + " (" + code + "): "
          + awsMessage(e) + ".", e);
    } catch (SdkClientException e) {
      throw new CatalogException(AwsProblems.clientProblem(what, e), e);
    } catch (SdkException e) {
      throw new CatalogException("AWS Glue could not " + what + ": " + e.getMessage(), e);
    }
  }

  private static String awsMessage(GlueException e) {
    return AwsProblems.message(e);
  }

  @Override
  public String toString() {
    return "GlueDataCatalog";
  }
}
