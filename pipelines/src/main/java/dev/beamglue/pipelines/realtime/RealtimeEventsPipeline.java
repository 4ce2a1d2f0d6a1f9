package dev.beamglue.pipelines.realtime;

import dev.beamglue.io.personalize.PersonalizeEvents;
import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.summary.JobSummary;
import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowJson;
import dev.beamglue.transforms.errors.RowsWithErrors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * A streaming job: JSON click, view and purchase events from Kafka, checked and de-duplicated
 * ({@link EventStreams}), then live per-item counts per minute and per-user sessions to Kafka
 * topics (in transactions: exactly once) and Parquet files, hourly interaction CSV files in the
 * Personalize layout, refused events to a dead-letter topic, and with {@code --trackingId} the
 * events to Personalize's PutEvents.
 *
 * <p>{@code beamglue run realtime-events --profile=flink-streaming --bootstrapServers=127.0.0.1:9092
 * --output=out/realtime}
 */
public final class RealtimeEventsPipeline implements GluePipeline<RealtimeOptions> {

  @Override
  public String name() {
    return "realtime-events";
  }

  @Override
  public String description() {
    return "Kafka JSON events -> item counts per minute, user sessions (Kafka, exactly once; "
        + "Parquet), hourly interactions CSV, dead letters, Personalize PutEvents (streaming)";
  }

  @Override
  public Class<RealtimeOptions> optionsClass() {
    return RealtimeOptions.class;
  }

  @Override
  public void validate(RealtimeOptions options) {
    if (options.getBootstrapServers() == null || options.getBootstrapServers().isBlank()) {
      throw new IllegalArgumentException(
          "--bootstrapServers is required: the Kafka broker to read events from, host:port.");
    }
    positive("--watermarkDelaySeconds", options.getWatermarkDelaySeconds(), true);
    positive("--allowedLatenessSeconds", options.getAllowedLatenessSeconds(), true);
    positive("--sessionGapSeconds", options.getSessionGapSeconds(), false);
    positive("--dedupHorizonSeconds", options.getDedupHorizonSeconds(), false);
    positive("--fileWindowMinutes", options.getFileWindowMinutes(), false);
    if (options.getExactlyOnce() && FlinkCheckpoints.onFlinkWithout(options)) {
      throw new IllegalArgumentException("Exactly-once Kafka output on Flink commits with "
          + "checkpoints: give --checkpointingInterval (or --profile=flink-streaming), or "
          + "--exactlyOnce=false.");
    }
  }

  private static void positive(String flag, long value, boolean zeroAllowed) {
    if (value < 0 || (value == 0 && !zeroAllowed)) {
      throw new IllegalArgumentException(flag + " must be " + (zeroAllowed ? "0 or more" :
          "more than 0") + ", not " + value + ".");
    }
  }

  @Override
  public void build(Pipeline pipeline, RealtimeOptions options, JobSummary summary) {
    options.setStreaming(true);
    EmbeddedFlinkRestore.apply(options);
    String servers = options.getBootstrapServers();
    boolean eos = options.getExactlyOnce();
    String sinkGroup = options.getConsumerGroup();
    Duration lateness = Duration.standardSeconds(options.getAllowedLatenessSeconds());
    EventWindows windows = EventWindows.lateness(lateness);

    PCollectionTuple out = pipeline
        .apply("Kafka events", KafkaEvents.read(servers, options.getInputTopic(),
            options.getConsumerGroup(),
            Duration.standardSeconds(options.getWatermarkDelaySeconds())))
        .apply("Once per record", FirstDelivery.within(
            Duration.standardSeconds(options.getDedupHorizonSeconds())))
        .apply("Events", EventStreams.create()
            .withAllowedLateness(lateness)
            .withSessionGap(Duration.standardSeconds(options.getSessionGapSeconds()))
            .withDedupHorizon(Duration.standardSeconds(options.getDedupHorizonSeconds())));
    PCollection<Row> events = summary.countRead("events", out.get(EventStreams.EVENTS));
    PCollection<Row> counts = out.get(EventStreams.ITEM_COUNTS);
    PCollection<Row> sessions = out.get(EventStreams.SESSIONS);

    PCollectionList<Row> deadLetters = PCollectionList.of(out.get(EventStreams.DEAD_LETTERS));
    if (options.getTrackingId() != null) {
      RowsWithErrors sent = events.apply("Personalize PutEvents",
          PersonalizeEvents.write(options.getTrackingId())
              .withEventsPerSecond(options.getEventsPerSecond()));
      deadLetters = deadLetters.and(sent.errors());
    }
    PCollection<Row> allDead = deadLetters
        .apply("All dead letters", Flatten.pCollections())
        .setRowSchema(ErrorRecords.SCHEMA);
    summary.countErrors(options.getDeadLetterTopic(), allDead);

    toKafka(allDead, "dead letters", r -> ErrorRecords.location(r) == null ? ""
        : ErrorRecords.location(r), servers, options.getDeadLetterTopic(), eos, sinkGroup);
    toKafka(counts, "item counts", r -> r.getString("itemId"), servers,
        options.getItemCountsTopic(), eos, sinkGroup);
    toKafka(sessions, "sessions", r -> r.getString("userId"), servers,
        options.getSessionsTopic(), eos, sinkGroup);

    if (options.getOutput() != null) {
      String root = options.getOutput().replaceAll("/+$", "");
      Duration span = Duration.standardMinutes(options.getFileWindowMinutes());
      counts.apply("Item count files",
          EventFiles.parquet(root + "/item-counts", windows, span));
      sessions.apply("Session files", EventFiles.parquet(root + "/sessions", windows, span));
      out.get(EventStreams.INTERACTIONS)
          .apply("Interaction files", EventFiles.interactionsCsv(root + "/interactions"));
    }
  }

  private static void toKafka(PCollection<Row> rows, String what,
      SerializableFunction<Row, String> key, String servers, String topic, boolean eos,
      String sinkGroup) {
    rows.apply("To JSON: " + what, MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((Row r) -> KV.of(key.apply(r), RowJson.toJson(r))))
        .apply("Kafka " + topic, KafkaEvents.write(servers, topic, eos, sinkGroup));
  }

  /** Reads the Flink runner's checkpointing interval without depending on the runner. */
  static final class FlinkCheckpoints {
    private FlinkCheckpoints() {}

    static boolean onFlinkWithout(PipelineOptions options) {
      if (!options.getRunner().getName().startsWith("org.apache.beam.runners.flink.")) {
        return false;
      }
      try {
        Class<? extends PipelineOptions> flink = Class
            .forName("org.apache.beam.runners.flink.FlinkPipelineOptions")
            .asSubclass(PipelineOptions.class);
        Object interval = flink.getMethod("getCheckpointingInterval").invoke(options.as(flink));
        return !(interval instanceof Long) || (Long) interval <= 0;
      } catch (ReflectiveOperationException e) {
        return false;
      }
    }
  }

}
