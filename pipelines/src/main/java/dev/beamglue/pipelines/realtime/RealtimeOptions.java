package dev.beamglue.pipelines.realtime;

import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of {@code realtime-events}: the Kafka broker and topics, the event-time settings, the
 * files folder, and the Personalize tracker. AWS settings ({@code --awsRegion}, {@code
 * --endpoint}) are Beam's {@link AwsOptions}, used only with {@code --trackingId}.
 *
 * <p>{@code --bootstrapServers=127.0.0.1:9092 --inputTopic=events --output=out/realtime
 * --watermarkDelaySeconds=30 --allowedLatenessSeconds=300 --sessionGapSeconds=1800}
 */
public interface RealtimeOptions extends StreamingOptions, AwsOptions {

  @Description("The Kafka bootstrap servers, host:port[,host:port].")
  String getBootstrapServers();

  void setBootstrapServers(String servers);

  @Description("The topic the JSON events are read from.")
  @Default.String("events")
  String getInputTopic();

  void setInputTopic(String topic);

  @Description("The consumer group of the event reader.")
  @Default.String("beamglue-realtime-events")
  String getConsumerGroup();

  void setConsumerGroup(String group);

  @Description("The topic refused events go to, as error records (step, reason, payload, location).")
  @Default.String("events-dead-letters")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String topic);

  @Description("The topic the per-item counts per minute go to, as JSON.")
  @Default.String("item-counts")
  String getItemCountsTopic();

  void setItemCountsTopic(String topic);

  @Description("The topic the per-user sessions go to, as JSON.")
  @Default.String("user-sessions")
  String getSessionsTopic();

  void setSessionsTopic(String topic);

  @Description("Write the topics in Kafka transactions committed with the runner's checkpoints "
      + "(exactly once; on Flink it needs --checkpointingInterval).")
  @Default.Boolean(true)
  boolean getExactlyOnce();

  void setExactlyOnce(boolean exactlyOnce);

  @Description("The folder (local or s3://) for item-counts/ and sessions/ (Parquet) and "
      + "interactions/ (hourly CSV in the Personalize layout); none: no files.")
  String getOutput();

  void setOutput(String output);

  @Description("How far behind the newest event time the watermark stays, in seconds.")
  @Default.Long(30)
  long getWatermarkDelaySeconds();

  void setWatermarkDelaySeconds(long seconds);

  @Description("How long after a window's end its late events still count, in seconds.")
  @Default.Long(300)
  long getAllowedLatenessSeconds();

  void setAllowedLatenessSeconds(long seconds);

  @Description("The inactivity that ends a user's session, in seconds.")
  @Default.Long(1800)
  long getSessionGapSeconds();

  void setSessionGapSeconds(long seconds);

  @Description("Copies of an eventId within this much event time are dropped, in seconds.")
  @Default.Long(3600)
  long getDedupHorizonSeconds();

  void setDedupHorizonSeconds(long seconds);

  @Description("The event-time span of one set of Parquet files of counts and sessions, in minutes.")
  @Default.Long(10)
  long getFileWindowMinutes();

  void setFileWindowMinutes(long minutes);

  @Description("The Personalize event tracker's tracking ID: the events go to PutEvents too.")
  String getTrackingId();

  void setTrackingId(String trackingId);

  @Description("PutEvents calls' events per second, per worker thread.")
  @Default.Double(100)
  double getEventsPerSecond();

  void setEventsPerSecond(double perSecond);
}
