package dev.beamglue.pipelines.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogException;
import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.catalog.CatalogPartition;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.catalog.GlueColumnTypes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;

/**
 * {@code beamglue catalog databases | tables DB | describe DB TABLE [--json] [--catalog=DIR|glue]}:
 * what the Data Catalog holds.
 *
 * <p>{@code beamglue catalog describe raw parks --catalog=beamglue-catalog}
 *
 * <p>With {@code --json} the output is one JSON document with these stable fields:
 *
 * <ul>
 *   <li>{@code databases}: {@code {"databases": [NAME, ...]}}
 *   <li>{@code tables DB}: {@code {"database", "tables": [{"name", "classification", "location",
 *       "columns" (count), "partitionKeys", "rowEstimate", "updatedAt"}]}}
 *   <li>{@code describe DB TABLE}: {@code {"database", "name", "location", "classification",
 *       "formatOptions", "rowEstimate", "bytesEstimate", "fileCount", "updatedAt",
 *       "schemaVersion", "parameters", "columns": [{"name", "type" (a Glue type string),
 *       "nullable"}], "partitionKeys", "partitions": [{"values", "location", "fileCount", "bytes",
 *       "updatedAt", "deleted", "deletedAt"}]}}; times are ISO-8601 instants.
 * </ul>
 *
 * <p>An unknown database or table, or a bad option, is one sentence on standard error and exit
 * code 2; a catalog that fails otherwise exits with 1.
 */
final class CatalogCommand {

  /** The options of {@code beamglue catalog}. */
  public interface Options extends CatalogOptions {
    @Description("Print JSON instead of text.")
    @Default.Boolean(false)
    boolean getJson();

    void setJson(boolean json);
  }

  private static final Pattern UNKNOWN_OPTION =
      Pattern.compile("missing a property named '([^']+)'");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintStream out;
  private final PrintStream err;

  CatalogCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int execute(String[] args) {
    List<String> words = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (String arg : args) {
      (arg.startsWith("-") ? flags : words).add(arg);
    }
    if (flags.contains("--help") || flags.contains("-h")) {
      usage(out);
      PipelineOptionsFactory.printHelp(out, Options.class);
      return Beamglue.OK;
    }
    if (words.isEmpty()) {
      return fail("name what to show: databases, tables DB or describe DB TABLE.");
    }
    Options options;
    try {
      options = PipelineOptionsFactory.fromArgs(flags.toArray(String[]::new)).as(Options.class);
    } catch (IllegalArgumentException e) {
      Matcher unknown = UNKNOWN_OPTION.matcher(String.valueOf(e.getMessage()));
      return fail(unknown.find()
          ? "unknown option --" + unknown.group(1) + "; the options are --json, --catalog and "
              + "Beam's AWS options ('beamglue catalog --help' lists them)."
          : String.valueOf(e.getMessage()).lines().findFirst().orElse("invalid options."));
    }
    String what = words.get(0);
    int arity = switch (what) {
      case "databases" -> 1;
      case "tables" -> 2;
      case "describe" -> 3;
      default -> -1;
    };
    if (arity < 0) {
      return fail("unknown subcommand '" + what + "'; the subcommands are databases, tables DB "
          + "and describe DB TABLE.");
    }
    if (words.size() != arity) {
      return fail(what + " takes " + (arity == 1 ? "no names (beamglue catalog databases)"
          : arity == 2 ? "one database name (beamglue catalog tables DB)"
          : "a database and a table name (beamglue catalog describe DB TABLE)") + ".");
    }
    try {
      Catalog catalog = Catalogs.open(options);
      switch (what) {
        case "databases" -> databases(catalog, options.getJson());
        case "tables" -> tables(catalog, words.get(1), options.getJson());
        default -> describe(catalog, words.get(1), words.get(2), options.getJson());
      }
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
      return Beamglue.OK;
    } catch (CatalogException e) {
      return fail(e.getMessage());
    } catch (Exception e) {
      err.println("beamglue catalog: " + Beamglue.rootCauseMessage(e));
      return Beamglue.FAILED;
    }
  }

  private void databases(Catalog catalog, boolean json) {
    List<String> databases = catalog.databases();
    if (json) {
      ObjectNode node = JSON.createObjectNode();
      databases.forEach(node.putArray("databases")::add);
      print(node);
    } else {
      databases.forEach(out::println);
    }
  }

  private void tables(Catalog catalog, String database, boolean json) {
    List<CatalogTable> tables = catalog.tables(database);
    if (!json) {
      tables.forEach(t -> out.printf("%-24s %-8s %s%n", t.name(), t.classification(),
          t.location()));
      return;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("database", database);
    ArrayNode array = node.putArray("tables");
    for (CatalogTable t : tables) {
      ObjectNode table = array.addObject();
      table.put("name", t.name());
      table.put("classification", t.classification());
      table.put("location", t.location());
      table.put("columns", t.columns().getFieldCount());
      t.partitionKeys().forEach(table.putArray("partitionKeys")::add);
      table.put("rowEstimate", t.rowEstimate());
      table.put("updatedAt", t.updatedAt().toString());
    }
    print(node);
  }

  private void describe(Catalog catalog, String database, String name, boolean json) {
    CatalogTable t = catalog.table(database, name);
    List<CatalogPartition> partitions = catalog.partitions(database, name);
    if (json) {
      print(describeJson(t, partitions));
      return;
    }
    out.println("table:          " + t.database() + "." + t.name());
    out.println("location:       " + t.location());
    out.println("classification: " + t.classification());
    out.println("format options: " + pairs(t.formatOptions()));
    out.println("rows:           " + t.rowEstimate() + " (estimate)");
    out.println("bytes:          " + t.bytesEstimate());
    out.println("files:          " + t.fileCount());
    out.println("updated at:     " + t.updatedAt());
    out.println("schema version: " + t.schemaVersion());
    if (!t.parameters().isEmpty()) {
      out.println("parameters:     " + pairs(t.parameters()));
    }
    out.println("schema:");
    SchemaTree.lines(t.columns()).forEach(line -> out.println("  " + line));
    if (!t.isPartitioned()) {
      out.println("partition keys: (none)");
      return;
    }
    out.println("partition keys: " + String.join(", ", t.partitionKeys()));
    out.println("partitions:     " + partitions.size());
    for (CatalogPartition p : partitions) {
      List<String> named = new ArrayList<>();
      for (int i = 0; i < p.values().size(); i++) {
        named.add(t.partitionKeys().get(i) + "=" + p.values().get(i));
      }
      out.println("  " + String.join("/", named) + "  " + p.location() + "  " + p.fileCount()
          + " files, " + p.bytes() + " bytes"
          + (p.isDeleted() ? "  deleted at " + p.deletedAt() : ""));
    }
  }

  private static ObjectNode describeJson(CatalogTable t, List<CatalogPartition> partitions) {
    ObjectNode node = JSON.createObjectNode();
    node.put("database", t.database());
    node.put("name", t.name());
    node.put("location", t.location());
    node.put("classification", t.classification());
    new TreeMap<>(t.formatOptions()).forEach(node.putObject("formatOptions")::put);
    node.put("rowEstimate", t.rowEstimate());
    node.put("bytesEstimate", t.bytesEstimate());
    node.put("fileCount", t.fileCount());
    node.put("updatedAt", t.updatedAt().toString());
    node.put("schemaVersion", t.schemaVersion());
    new TreeMap<>(t.parameters()).forEach(node.putObject("parameters")::put);
    ArrayNode columns = node.putArray("columns");
    for (Schema.Field field : t.columns().getFields()) {
      columns.addObject()
          .put("name", field.getName())
          .put("type", GlueColumnTypes.toGlue(field.getType()))
          .put("nullable", field.getType().getNullable());
    }
    t.partitionKeys().forEach(node.putArray("partitionKeys")::add);
    ArrayNode array = node.putArray("partitions");
    for (CatalogPartition p : partitions) {
      ObjectNode partition = array.addObject();
      p.values().forEach(partition.putArray("values")::add);
      partition.put("location", p.location());
      partition.put("fileCount", p.fileCount());
      partition.put("bytes", p.bytes());
      partition.put("updatedAt", p.updatedAt().toString());
      partition.put("deleted", p.isDeleted());
      if (p.isDeleted()) {
        partition.put("deletedAt", p.deletedAt().toString());
      } else {
        partition.putNull("deletedAt");
      }
    }
    return node;
  }

  private static String pairs(Map<String, String> map) {
    return map.isEmpty() ? "(none)" : new TreeMap<>(map).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  private void print(ObjectNode node) {
    try {
      out.println(JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private int fail(String sentence) {
    err.println("beamglue catalog: " + sentence);
    return Beamglue.USAGE;
  }

  static void usage(PrintStream to) {
    to.println("usage: beamglue catalog databases | tables DB | describe DB TABLE "
        + "[--json] [--catalog=DIR|glue] [AWS options]");
  }
}
