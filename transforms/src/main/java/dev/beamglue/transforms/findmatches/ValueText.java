package dev.beamglue.transforms.findmatches;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.logicaltypes.EnumerationType;
import org.apache.beam.sdk.schemas.logicaltypes.OneOfType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * The text FindMatches compares for a Row value, the same in the pipeline ({@link
 * FrameColumns}) and in the labeling commands that read a frame into memory: text trimmed, numbers as Java writes them, dates {@code yyyy-MM-dd}, timestamps ISO 8601 in UTC,
 * bytes as Base64, nested values as JSON.
 *
 * <p>{@code ValueText.of(LocalDate.of(1971, 6, 24)); // "1971-06-24"}
 */
public final class ValueText {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ValueText() {}

  public static String of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s.trim();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof ReadableInstant instant) {
      return instant.toInstant().toString(); // ISO 8601, UTC
    }
    if (value instanceof java.time.Instant || value instanceof LocalDate || value instanceof LocalDateTime) {
      return value.toString();
    }
    if (value instanceof OneOfType.Value choice) {
      return of(choice.getValue());
    }
    if (value instanceof EnumerationType.Value e) {
      return String.valueOf(e.getValue());
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    try {
      return JSON.writeValueAsString(plain(value));
    } catch (JsonProcessingException e) {
      return value.toString();
    }
  }

  /** Rows, lists and maps as JSON-ready maps and lists, leaves as their text. */
  private static Object plain(Object value) {
    if (value instanceof Row row) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int i = 0; i < row.getFieldCount(); i++) {
        fields.put(row.getSchema().getField(i).getName(), plain(row.getValue(i)));
      }
      return fields;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return of(value);
  }
}
