package dev.beamglue.io.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Catalog tables and partitions as AWS Glue's {@code TableInput}/{@code PartitionInput}, and
 * Glue's {@code Table}/{@code Partition} back, following the conventions Glue crawlers use.
 *
 * <p>{@code TableInput input = GlueTableMapping.tableInput(table);}
 *
 * <p>Table parameters: {@code classification}, {@code recordCount}, {@code sizeKey}, {@code
 * objectCount}, {@code compressionType}, {@code typeOfData=file}, {@code skip.header.line.count=1}
 * for a CSV with a header; beamglue's own values under {@code beamglue.}: {@code
 * beamglue.updatedAt}, {@code beamglue.schemaVersion} and {@code beamglue.format.KEY} for format
 * options Glue has no place for ({@code quote}, {@code encoding}, {@code jsonLayout}). Storage:
 * CSV is {@code TextInputFormat} with {@code LazySimpleSerDe} ({@code field.delim}), JSON {@code
 * TextInputFormat} with {@code org.openx.data.jsonserde.JsonSerDe}, Parquet {@code
 * MapredParquetInputFormat}/{@code MapredParquetOutputFormat} with {@code ParquetHiveSerDe}.
 * Partition keys are string columns; the table type is {@code EXTERNAL_TABLE}. Columns use {@link
 * GlueColumnTypes#toAwsGlue} (choices become {@code string}); read back, every column is nullable.
 */
final class GlueTableMapping {

  static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
  static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
  static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
  static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
  static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
  static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
  static final String PARQUET_OUTPUT =
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
  static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";

  private static final String PREFIX = "beamglue.";
  private static final String FORMAT_PREFIX = "beamglue.format.";
  private static final List<String> GLUE_KEYS =
      List.of("classification", "recordCount", "sizeKey", "objectCount", "compressionType",
          "typeOfData", "skip.header.line.count");

  private GlueTableMapping() {}

  static TableInput tableInput(CatalogTable table) {
    Map<String, String> parameters = new HashMap<>(table.parameters());
    parameters.put("classification", table.classification());
    parameters.put("recordCount", String.valueOf(table.rowEstimate()));
    parameters.put("sizeKey", String.valueOf(table.bytesEstimate()));
    parameters.put("objectCount", String.valueOf(table.fileCount()));
    parameters.put("compressionType", table.formatOption("compression", "none"));
    parameters.put("typeOfData", "file");
    parameters.put(PREFIX + "updatedAt", table.updatedAt().toString());
    parameters.put(PREFIX + "schemaVersion", String.valueOf(table.schemaVersion()));
    table.formatOptions().forEach((key, value) -> {
      boolean mapped = key.equals("compression")
          || (isCsv(table) && (key.equals("delimiter") || key.equals("header")));
      if (!mapped) {
        parameters.put(FORMAT_PREFIX + key, value);
      }
    });
    if (isCsv(table) && table.formatOption("header", "false").equals("true")) {
      parameters.put("skip.header.line.count", "1");
    }
    List<Column> keys = new ArrayList<>();
    for (String key : table.partitionKeys()) {
      keys.add(Column.builder().name(key).type("string").build());
    }
    return TableInput.builder()
        .name(table.name())
        .tableType("EXTERNAL_TABLE")
        .parameters(parameters)
        .partitionKeys(keys)
        .storageDescriptor(storage(table, table.location()))
        .build();
  }

  static CatalogTable table(Table glue) {
    Map<String, String> all = glue.parameters() == null ? Map.of() : glue.parameters();
    StorageDescriptor sd = glue.storageDescriptor();
    String classification = all.getOrDefault("classification", classify(sd));
    Map<String, String> formatOptions = new LinkedHashMap<>();
    Map<String, String> serde = sd == null || sd.serdeInfo() == null
        || sd.serdeInfo().parameters() == null ? Map.of() : sd.serdeInfo().parameters();
    if (classification.equals("csv")) {
      String delimiter = serde.getOrDefault("field.delim", serde.get("separatorChar"));
      if (delimiter != null) {
        formatOptions.put("delimiter", delimiter);
      }
      formatOptions.put("header",
          String.valueOf(Integer.parseInt(all.getOrDefault("skip.header.line.count", "0")) > 0));
      if (serde.containsKey("quoteChar")) {
        formatOptions.put("quote", serde.get("quoteChar"));
      }
    }
    if (all.containsKey("compressionType")) {
      formatOptions.put("compression", all.get("compressionType"));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    all.forEach((key, value) -> {
      if (key.startsWith(FORMAT_PREFIX)) {
        formatOptions.put(key.substring(FORMAT_PREFIX.length()), value);
      } else if (!key.startsWith(PREFIX) && !GLUE_KEYS.contains(key)) {
        parameters.put(key, value);
      }
    });
    List<String> keys = new ArrayList<>();
    if (glue.partitionKeys() != null) {
      glue.partitionKeys().forEach(c -> keys.add(c.name()));
    }
    Instant updated = all.containsKey(PREFIX + "updatedAt")
        ? Instant.parse(all.get(PREFIX + "updatedAt"))
        : glue.updateTime() != null ? glue.updateTime()
        : glue.createTime() != null ? glue.createTime() : Instant.EPOCH;
    return new CatalogTable(
        glue.databaseName(),
        glue.name(),
        sd == null || sd.location() == null ? "" : sd.location(),
        classification,
        formatOptions,
        columns(sd == null ? List.of() : sd.columns()),
        keys,
        number(all.get("recordCount")),
        number(all.get("sizeKey")),
        number(all.get("objectCount")),
        updated,
        (int) Math.max(1, number(all.get(PREFIX + "schemaVersion"))),
        parameters);
  }

  static PartitionInput partitionInput(CatalogTable table, CatalogPartition partition) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("objectCount", String.valueOf(partition.fileCount()));
    parameters.put("sizeKey", String.valueOf(partition.bytes()));
    parameters.put(PREFIX + "updatedAt", partition.updatedAt().toString());
    if (partition.deletedAt() != null) {
      parameters.put(PREFIX + "deletedAt", partition.deletedAt().toString());
    }
    return PartitionInput.builder()
        .values(partition.values())
        .parameters(parameters)
        .storageDescriptor(storage(table, partition.location()))
        .build();
  }

  static CatalogPartition partition(Partition glue) {
    Map<String, String> p = glue.parameters() == null ? Map.of() : glue.parameters();
    StorageDescriptor sd = glue.storageDescriptor();
    Instant updated = p.containsKey(PREFIX + "updatedAt")
        ? Instant.parse(p.get(PREFIX + "updatedAt"))
        : glue.creationTime() != null ? glue.creationTime() : Instant.EPOCH;
    return new CatalogPartition(
        glue.values(),
        sd == null || sd.location() == null ? "" : sd.location(),
        number(p.get("objectCount")),
        number(p.get("sizeKey")),
        updated,
        p.containsKey(PREFIX + "deletedAt") ? Instant.parse(p.get(PREFIX + "deletedAt")) : null);
  }

  /** The columns of a schema in AWS Glue's form. */
  static List<Column> columns(Schema schema) {
    List<Column> columns = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Column.Builder column =
          Column.builder().name(field.getName()).type(GlueColumnTypes.toAwsGlue(field.getType()));
      if (field.getDescription() != null && !field.getDescription().isEmpty()) {
        column.comment(field.getDescription());
      }
      columns.add(column.build());
    }
    return columns;
  }

  static Schema columns(List<Column> columns) {
    Schema.Builder schema = Schema.builder();
    for (Column column : columns) {
      Schema.Field field;
      try {
        field = Schema.Field.of(column.name(), GlueColumnTypes.parse(column.type()));
      } catch (IllegalArgumentException e) {
        throw new CatalogException("The column '" + column.name() + "' in AWS Glue: "
            + e.getMessage(), e);
      }
      if (column.comment() != null) {
        field = field.withDescription(column.comment());
      }
      schema.addField(field);
    }
    return schema.build();
  }

  private static StorageDescriptor storage(CatalogTable table, String location) {
    StorageDescriptor.Builder sd = StorageDescriptor.builder()
        .location(location)
        .columns(columns(table.columns()))
        .compressed(!table.formatOption("compression", "none").equals("none"));
    Map<String, String> serde = new HashMap<>();
    switch (table.classification()) {
      case "parquet":
        sd.inputFormat(PARQUET_INPUT).outputFormat(PARQUET_OUTPUT);
        serde.put("serialization.format", "1");
        return sd.serdeInfo(SerDeInfo.builder().serializationLibrary(PARQUET_SERDE)
            .parameters(serde).build()).build();
      case "json":
        sd.inputFormat(TEXT_INPUT).outputFormat(TEXT_OUTPUT);
        serde.put("paths", String.join(",", table.columns().getFieldNames()));
        return sd.serdeInfo(SerDeInfo.builder().serializationLibrary(JSON_SERDE)
            .parameters(serde).build()).build();
      default:
        sd.inputFormat(TEXT_INPUT).outputFormat(TEXT_OUTPUT);
        if (isCsv(table)) {
          serde.put("field.delim", table.formatOption("delimiter", ","));
        }
        return sd.serdeInfo(SerDeInfo.builder().serializationLibrary(LAZY_SIMPLE_SERDE)
            .parameters(serde).build()).build();
    }
  }

  private static String classify(StorageDescriptor sd) {
    String library = sd == null || sd.serdeInfo() == null ? null
        : sd.serdeInfo().serializationLibrary();
    if (PARQUET_SERDE.equals(library)) {
      return "parquet";
    }
    if (JSON_SERDE.equals(library)) {
      return "json";
    }
    return LAZY_SIMPLE_SERDE.equals(library) || OPEN_CSV_SERDE.equals(library) ? "csv" : "";
  }

  private static boolean isCsv(CatalogTable table) {
    return table.classification().equals("csv");
  }

  private static long number(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return (long) Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
