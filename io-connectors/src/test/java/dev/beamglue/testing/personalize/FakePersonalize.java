package dev.beamglue.testing.personalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Amazon Personalize for tests: a JDK HTTP server on 127.0.0.1 that speaks Personalize's
 * JSON 1.1 protocol (the operation in {@code X-Amz-Target}) and Personalize Events' REST JSON
 * ({@code POST /events}), records every request and answers as the services do, errors included.
 * Dataset lists are paged two at a time; every describe moves an import job one status on.
 *
 * <p>{@code try (FakePersonalize aws = FakePersonalize.start()) { options.setEndpoint(aws.endpoint()); }}
 */
public final class FakePersonalize implements AutoCloseable {

  /** One request: the operation (or {@code PutEvents}), path, body, Authorization, error answered. */
  public record Request(String operation, String path, JsonNode body, String authorization,
      String error) {

    public boolean accepted() {
      return error == null;
    }
  }

  public static final String GROUP = "arn:aws:personalize:us-east-1:123456789012:dataset-group/shop";
  public static final List<String> STATUSES = List.of("CREATE PENDING", "CREATE IN_PROGRESS", "ACTIVE");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> datasets = new LinkedHashMap<>();
  private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
  private final Map<String, Integer> describes = new LinkedHashMap<>();
  /** The dataset type whose import fails, with this reason. */
  public volatile String failType;
  public volatile String failReason;
  /** When set, import jobs stay CREATE IN_PROGRESS. */
  public volatile boolean stuck;
  /** When set, every Personalize call is denied with this message. */
  public volatile String denyWith;
  /** The next PutEvents calls answered with 400 ThrottlingException. */
  public final AtomicInteger throttle = new AtomicInteger();
  /** When set, every PutEvents call is answered with 503. */
  public volatile boolean unavailable;
  /** PutEvents of this user are rejected with InvalidInputException. */
  public volatile String rejectUser;

  private FakePersonalize(HttpServer server) {
    this.server = server;
  }

  public static FakePersonalize start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakePersonalize fake = new FakePersonalize(server);
    server.createContext("/", fake::handle);
    server.start();
    return fake;
  }

  /** Adds a dataset of the type (Interactions, Items, Users) to {@link #GROUP}. */
  public FakePersonalize withDataset(String type) {
    datasets.put(type, datasetArn(type));
    return this;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<String> operations() {
    synchronized (requests) {
      return requests.stream().map(Request::operation).toList();
    }
  }

  public List<Request> requests(String operation) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.operation().equals(operation)).toList();
    }
  }

  public static String datasetArn(String type) {
    return GROUP.replace(":dataset-group/", ":dataset/") + "/" + type.toUpperCase();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String path = exchange.getRequestURI().getPath();
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String operation = target != null ? target.replaceFirst("^AmazonPersonalize\\.", "")
        : path.equals("/events") ? "PutEvents" : "?" + path;
    int status = 200;
    String errorType = null;
    JsonNode answer;
    try {
      answer = operation.equals("PutEvents") ? putEvents(body) : answer(operation, body);
    } catch (AwsError e) {
      status = e.status;
      errorType = e.type;
      ObjectNode error = JSON.createObjectNode();
      error.put("__type", e.type);
      error.put("message", e.getMessage());
      answer = error;
      exchange.getResponseHeaders().add("x-amzn-ErrorType", e.type);
    }
    requests.add(new Request(operation, path, body,
        exchange.getRequestHeaders().getFirst("Authorization"), errorType));
    byte[] bytes = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type",
        target != null ? "application/x-amz-json-1.1" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static final class AwsError extends RuntimeException {
    final String type;
    final int status;

    AwsError(int status, String type, String message) {
      super(message);
      this.status = status;
      this.type = type;
    }
  }

  private JsonNode putEvents(JsonNode body) {
    if (unavailable) {
      throw new AwsError(503, "ServiceUnavailableException", "Service is unavailable.");
    }
    if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new AwsError(400, "ThrottlingException", "Rate exceeded.");
    }
    if (body.path("eventList").size() > 10) {
      throw new AwsError(400, "InvalidInputException", "eventList has more than 10 events.");
    }
    if (body.path("userId").asText().equals(rejectUser)) {
      throw new AwsError(400, "InvalidInputException", "The user " + rejectUser + " is invalid.");
    }
    if (!body.path("trackingId").asText().startsWith("track-")) {
      throw new AwsError(404, "ResourceNotFoundException", "Tracking ID not found.");
    }
    return JSON.createObjectNode();
  }

  private JsonNode answer(String operation, JsonNode body) {
    if (denyWith != null) {
      throw new AwsError(400, "AccessDeniedException", denyWith);
    }
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "ListDatasets": {
        if (!GROUP.equals(body.path("datasetGroupArn").asText())) {
          throw new AwsError(400, "ResourceNotFoundException", "Could not find resource "
              + body.path("datasetGroupArn").asText() + ".");
        }
        List<String> types = new ArrayList<>(datasets.keySet());
        int from = body.hasNonNull("nextToken") ? body.get("nextToken").asInt() : 0;
        ArrayNode list = out.putArray("datasets");
        for (String type : types.subList(from, Math.min(types.size(), from + 2))) {
          list.addObject().put("name", type.toLowerCase()).put("datasetArn", datasets.get(type))
              .put("datasetType", type).put("status", "ACTIVE");
        }
        if (from + 2 < types.size()) {
          out.put("nextToken", String.valueOf(from + 2));
        }
        return out;
      }
      case "CreateDatasetImportJob": {
        String arn = "arn:aws:personalize:us-east-1:123456789012:dataset-import-job/"
            + body.path("jobName").asText();
        if (jobs.containsKey(arn)) {
          throw new AwsError(400, "ResourceAlreadyExistsException", "Job exists.");
        }
        ObjectNode job = body.deepCopy();
        job.put("datasetImportJobArn", arn);
        jobs.put(arn, job);
        describes.put(arn, 0);
        return out.put("datasetImportJobArn", arn);
      }
      case "DescribeDatasetImportJob": {
        String arn = body.path("datasetImportJobArn").asText();
        ObjectNode job = jobs.get(arn);
        if (job == null) {
          throw new AwsError(400, "ResourceNotFoundException", "No job " + arn + ".");
        }
        int step = Math.min(describes.merge(arn, 1, Integer::sum) - 1, stuck ? 1 : 2);
        ObjectNode described = job.deepCopy();
        boolean fails = failType != null && datasetArn(failType).equals(job.path("datasetArn")
            .asText()) && step == 2;
        described.put("status", fails ? "CREATE FAILED" : STATUSES.get(step));
        if (fails) {
          described.put("failureReason", failReason);
        }
        described.put("creationDateTime", System.currentTimeMillis() / 1000.0);
        out.set("datasetImportJob", described);
        return out;
      }
      default:
        throw new AwsError(400, "InvalidInputException", "The fake has no " + operation + ".");
    }
  }
}
