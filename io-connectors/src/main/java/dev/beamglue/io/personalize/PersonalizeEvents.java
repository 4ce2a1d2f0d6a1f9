package dev.beamglue.io.personalize;

import dev.beamglue.transforms.errors.ErrorRecords;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Records events in Amazon Personalize with {@code PutEvents} through an event tracker, so that
 * recommendations follow what users do now.
 *
 * <p>{@code RowsWithErrors sent = events.apply(PersonalizeEvents.write(trackingId));}
 *
 * <p>The input rows have the fields of {@link #EVENT_SCHEMA} (by name; nullability may differ).
 * Each call carries at most 10 events, all of one (userId, sessionId), batched within a bundle;
 * calls are spaced to at most {@link Write#withEventsPerSecond} events per second per worker
 * thread and retried with exponential backoff on throttling, server errors and I/O failures. The
 * output's rows are the events Personalize accepted ({@link #EVENT_SCHEMA}); its errors are the
 * events it did not accept or that lack a required field, with the reason. Each event's {@code
 * eventId} is derived from its fields, so an event sent twice is one event to Personalize. The
 * client comes from the pipeline's AWS options ({@code --awsRegion}, {@code --endpoint}, {@code
 * --awsCredentialsProvider}). Tested against a local endpoint that checks the requests, not
 * against AWS itself.
 */
public final class PersonalizeEvents {

  /** The events this sink takes and emits: Personalize's event with its user and session. */
  public static final Schema EVENT_SCHEMA = Schema.builder()
      .addStringField("userId")
      .addStringField("sessionId")
      .addStringField("eventType")
      .addNullableField("itemId", FieldType.STRING)
      .addNullableField("eventValue", FieldType.DOUBLE)
      .addDateTimeField("sentAt")
      .addNullableField("properties", FieldType.STRING)
      .build();

  static final int USER_ID = 0;
  static final int SESSION_ID = 1;
  static final int EVENT_TYPE = 2;
  static final int ITEM_ID = 3;
  static final int EVENT_VALUE = 4;
  static final int SENT_AT = 5;
  static final int PROPERTIES = 6;

  /** The step name in error records. */
  public static final String STEP = "PersonalizeEvents";

  private PersonalizeEvents() {}

  /** A sink to the event tracker with this tracking ID. */
  public static Write write(String trackingId) {
    if (trackingId == null || trackingId.isBlank()) {
      throw new IllegalArgumentException("PersonalizeEvents.write needs the tracking ID of a "
          + "Personalize event tracker.");
    }
    return new Write(trackingId, 100, 5, Duration.ofMillis(500));
  }

  /** The PutEvents sink; immutable, each withX returns a new one. */
  public static final class Write extends PTransform<PCollection<Row>, RowsWithErrors> {

    private static final long serialVersionUID = 1L;
    private final String trackingId;
    private final double eventsPerSecond;
    private final int maxAttempts;
    private final Duration initialBackoff;

    private Write(String trackingId, double eventsPerSecond, int maxAttempts,
        Duration initialBackoff) {
      this.trackingId = trackingId;
      this.eventsPerSecond = eventsPerSecond;
      this.maxAttempts = maxAttempts;
      this.initialBackoff = initialBackoff;
    }

    /** At most this many events per second from each worker thread (default 100). */
    public Write withEventsPerSecond(double perSecond) {
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("The events per second of PersonalizeEvents must be "
            + "positive, not " + perSecond + ".");
      }
      return new Write(trackingId, perSecond, maxAttempts, initialBackoff);
    }

    /** The attempts of one call before its events go to the errors (default 5; 1 = no retry). */
    public Write withMaxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("The attempts of PersonalizeEvents must be at least "
            + "1, not " + attempts + ".");
      }
      return new Write(trackingId, eventsPerSecond, attempts, initialBackoff);
    }

    /** The wait after the first failed attempt, doubled after each next one (default 500 ms). */
    public Write withInitialBackoff(Duration backoff) {
      if (backoff == null || backoff.isNegative()) {
        throw new IllegalArgumentException("The initial backoff of PersonalizeEvents must be zero "
            + "or positive, not " + backoff + ".");
      }
      return new Write(trackingId, eventsPerSecond, maxAttempts, backoff);
    }

    @Override
    public RowsWithErrors expand(PCollection<Row> input) {
      int[] positions = positions(input.getSchema());
      PCollectionTuple out = input.apply("PutEvents", ParDo.of(new PutEventsFn(trackingId,
              eventsPerSecond, maxAttempts, initialBackoff, positions))
          .withOutputTags(RowsWithErrors.ROWS, TupleTagList.of(RowsWithErrors.ERRORS)));
      return RowsWithErrors.of(out.get(RowsWithErrors.ROWS).setRowSchema(EVENT_SCHEMA),
          out.get(RowsWithErrors.ERRORS).setRowSchema(ErrorRecords.SCHEMA));
    }
  }

  /** The input position of each EVENT_SCHEMA field; one sentence when one is missing or wrong. */
  static int[] positions(Schema input) {
    int[] positions = new int[EVENT_SCHEMA.getFieldCount()];
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      Schema.Field wanted = EVENT_SCHEMA.getField(i);
      if (!input.hasField(wanted.getName())) {
        problems.add("no field " + wanted.getName());
        continue;
      }
      FieldType type = input.getField(wanted.getName()).getType();
      if (!type.withNullable(false).equals(wanted.getType().withNullable(false))) {
        problems.add(wanted.getName() + " is " + type.getTypeName() + ", not "
            + wanted.getType().getTypeName());
      }
      positions[i] = input.indexOf(wanted.getName());
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("PersonalizeEvents.write needs rows of "
          + "PersonalizeEvents.EVENT_SCHEMA, but " + String.join(", ", problems) + ".");
    }
    return positions;
  }
}
