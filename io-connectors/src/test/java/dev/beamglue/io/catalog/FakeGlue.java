package dev.beamglue.io.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tiny AWS Glue for tests: a JDK HTTP server on 127.0.0.1 that speaks Glue's JSON 1.1 protocol
 * (the operation in {@code X-Amz-Target}, a JSON body), records every request, keeps databases,
 * tables, table versions and partitions in memory and answers as Glue does, errors included.
 * Lists are paged two items at a time, so clients must follow {@code NextToken}.
 *
 * <p>{@code try (FakeGlue glue = FakeGlue.start()) { options.setEndpoint(glue.endpoint()); }}
 */
final class FakeGlue implements AutoCloseable {

  /** One request the SDK sent: the operation (e.g. {@code CreateTable}) and its JSON body. */
  record Request(String operation, JsonNode body, String authorization) {}

  static final int PAGE = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, ObjectNode> databases = new TreeMap<>();
  private final Map<String, Map<String, ObjectNode>> tables = new TreeMap<>();
  private final Map<String, List<ObjectNode>> versions = new LinkedHashMap<>();
  private final Map<String, Map<List<String>, ObjectNode>> partitions = new LinkedHashMap<>();
  volatile String denyWith;

  private FakeGlue(HttpServer server) {
    this.server = server;
  }

  static FakeGlue start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeGlue glue = new FakeGlue(server);
    server.createContext("/", glue::handle);
    server.start();
    return glue;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<String> operations() {
    synchronized (requests) {
      return requests.stream().map(Request::operation).toList();
    }
  }

  List<Request> requests(String operation) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String operation = target == null ? "" : target.replaceFirst("^AWSGlue\\.", "");
    requests.add(new Request(operation, body,
        exchange.getRequestHeaders().getFirst("Authorization")));
    int status = 200;
    JsonNode answer;
    try {
      if (denyWith != null) {
        throw new GlueError("AccessDeniedException", denyWith);
      }
      answer = answer(operation, body);
    } catch (GlueError e) {
      status = 400;
      ObjectNode error = JSON.createObjectNode();
      error.put("__type", e.type);
      error.put("Message", e.getMessage());
      answer = error;
      exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type);
    }
    byte[] bytes = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static final class GlueError extends RuntimeException {
    final String type;

    GlueError(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  private JsonNode answer(String operation, JsonNode body) {
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "GetDatabase":
        out.set("Database", database(body.get("Name").asText()));
        return out;
      case "CreateDatabase": {
        String name = body.at("/DatabaseInput/Name").asText();
        if (databases.containsKey(name)) {
          throw new GlueError("AlreadyExistsException", "Database already exists.");
        }
        ObjectNode db = JSON.createObjectNode().put("Name", name).put("CreateTime", now());
        databases.put(name, db);
        tables.put(name, new TreeMap<>());
        return out;
      }
      case "GetDatabases":
        return page(out, "DatabaseList", new ArrayList<>(databases.values()), body);
      case "GetTables":
        database(body.get("DatabaseName").asText());
        return page(out, "TableList",
            new ArrayList<>(tables.get(body.get("DatabaseName").asText()).values()), body);
      case "GetTable":
        out.set("Table", table(body.get("DatabaseName").asText(), body.get("Name").asText()));
        return out;
      case "CreateTable": {
        String db = body.get("DatabaseName").asText();
        database(db);
        String name = body.at("/TableInput/Name").asText();
        if (tables.get(db).containsKey(name)) {
          throw new GlueError("AlreadyExistsException", "Table already exists.");
        }
        ObjectNode table = stored(db, body.get("TableInput"), "1");
        tables.get(db).put(name, table);
        versions.put(db + "." + name, new ArrayList<>(List.of(table)));
        partitions.put(db + "." + name, new TreeMap<>(FakeGlue::compare));
        return out;
      }
      case "UpdateTable": {
        String db = body.get("DatabaseName").asText();
        String name = body.at("/TableInput/Name").asText();
        ObjectNode old = table(db, name);
        List<ObjectNode> history = versions.get(db + "." + name);
        boolean skip = body.path("SkipArchive").asBoolean(false);
        String id = skip ? old.get("VersionId").asText()
            : String.valueOf(Integer.parseInt(old.get("VersionId").asText()) + 1);
        ObjectNode table = stored(db, body.get("TableInput"), id);
        if (skip) {
          history.set(history.size() - 1, table);
        } else {
          history.add(table);
        }
        tables.get(db).put(name, table);
        return out;
      }
      case "DeleteTable": {
        String db = body.get("DatabaseName").asText();
        String name = body.get("Name").asText();
        table(db, name);
        tables.get(db).remove(name);
        versions.remove(db + "." + name);
        partitions.remove(db + "." + name);
        return out;
      }
      case "GetTableVersions": {
        String key = key(body);
        ArrayNode list = out.putArray("TableVersions");
        for (ObjectNode table : versions.get(key)) {
          list.addObject().put("VersionId", table.get("VersionId").asText()).set("Table", table);
        }
        return out;
      }
      case "GetPartitions":
        return page(out, "Partitions", new ArrayList<>(partitions(body).values()), body);
      case "BatchCreatePartition": {
        Map<List<String>, ObjectNode> parts = partitions(body);
        JsonNode inputs = body.get("PartitionInputList");
        if (inputs.size() > 100) {
          throw new GlueError("ValidationException", "PartitionInputList has more than 100.");
        }
        ArrayNode errors = out.putArray("Errors");
        for (JsonNode input : inputs) {
          List<String> values = values(input.get("Values"));
          if (parts.containsKey(values)) {
            ObjectNode error = errors.addObject();
            error.set("PartitionValues", input.get("Values"));
            error.putObject("ErrorDetail").put("ErrorCode", "AlreadyExistsException")
                .put("ErrorMessage", "Partition already exists.");
          } else {
            parts.put(values, partition(body, input));
          }
        }
        return out;
      }
      case "BatchUpdatePartition": {
        Map<List<String>, ObjectNode> parts = partitions(body);
        if (body.get("Entries").size() > 100) {
          throw new GlueError("ValidationException", "Entries has more than 100.");
        }
        out.putArray("Errors");
        for (JsonNode entry : body.get("Entries")) {
          parts.put(values(entry.get("PartitionValueList")),
              partition(body, entry.get("PartitionInput")));
        }
        return out;
      }
      default:
        throw new GlueError("InvalidInputException", "The fake Glue has no " + operation + ".");
    }
  }

  private ObjectNode database(String name) {
    ObjectNode db = databases.get(name);
    if (db == null) {
      throw new GlueError("EntityNotFoundException", "Database " + name + " not found.");
    }
    return db;
  }

  private ObjectNode table(String db, String name) {
    database(db);
    ObjectNode table = tables.get(db).get(name);
    if (table == null) {
      throw new GlueError("EntityNotFoundException", "Table " + name + " not found.");
    }
    return table;
  }

  private Map<List<String>, ObjectNode> partitions(JsonNode body) {
    table(body.get("DatabaseName").asText(), body.get("TableName").asText());
    return partitions.get(key(body));
  }

  private static String key(JsonNode body) {
    return body.get("DatabaseName").asText() + "." + body.get("TableName").asText();
  }

  private static ObjectNode stored(String db, JsonNode input, String versionId) {
    ObjectNode table = input.deepCopy();
    table.put("DatabaseName", db).put("VersionId", versionId).put("UpdateTime", now());
    return table;
  }

  private static ObjectNode partition(JsonNode body, JsonNode input) {
    ObjectNode partition = input.deepCopy();
    partition.put("DatabaseName", body.get("DatabaseName").asText())
        .put("TableName", body.get("TableName").asText()).put("CreationTime", now());
    return partition;
  }

  private static JsonNode page(ObjectNode out, String field, List<ObjectNode> all, JsonNode body) {
    int from = body.hasNonNull("NextToken") ? Integer.parseInt(body.get("NextToken").asText()) : 0;
    ArrayNode list = out.putArray(field);
    all.subList(from, Math.min(all.size(), from + PAGE)).forEach(list::add);
    if (from + PAGE < all.size()) {
      out.put("NextToken", String.valueOf(from + PAGE));
    }
    return out;
  }

  private static List<String> values(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static int compare(List<String> a, List<String> b) {
    return EmbeddedCatalog.compareValues(a, b);
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
