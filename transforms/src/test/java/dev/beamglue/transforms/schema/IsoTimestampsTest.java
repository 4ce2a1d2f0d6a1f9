package dev.beamglue.transforms.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

  @Test
  void readsUtcAndOffsetsAndFractionsAsJavaTimeDoes() {
    for (String text :
        List.of(
            "2015-01-01T15:00:01Z",
            "1969-12-31T23:59:59Z",
            "2016-02-29T00:00:00.5Z",
            "2016-02-29T23:59:59.123456789Z",
            "2024-07-04T10:15:30+02:00",
            "2024-07-04T10:15:30.25-05:30",
            "0001-01-01T00:00:00Z")) {
      assertEquals(
          OffsetDateTime.parse(text).toInstant().toEpochMilli(),
          IsoTimestamps.epochMillis(text),
          text);
    }
    assertEquals(
        Instant.parse("2015-01-01T15:00:01Z").toEpochMilli(),
        IsoTimestamps.epochMillis("2015-01-01T15:00:01Z"));
  }

  @Test
  void leavesOtherFormsAndInvalidFieldsToTheFullParser() {
    for (String text :
        List.of(
            "2015-01-01 15:00:01",
            "2015-01-01T15:00:01",
            "2015-02-30T15:00:01Z",
            "2015-13-01T15:00:01Z",
            "2015-01-01T24:00:00Z",
            "2015-01-01T15:00:01.Z",
            "2015-01-01T15:00:01+0200",
            "2015-01-01T15:00:01Zulu",
            "2015-0a-01T15:00:01Z",
            "yesterday at noon, Z")) {
      assertEquals(IsoTimestamps.NOT_THIS_FORM, IsoTimestamps.epochMillis(text), text);
    }
  }
}
