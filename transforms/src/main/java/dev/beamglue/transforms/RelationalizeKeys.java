package dev.beamglue.transforms;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.HashCode;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.HashFunction;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hasher;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;
import org.joda.time.ReadableInstant;

/**
 * The join keys of {@link Relationalize}: 63-bit MurmurHash3 values of bytes, never of Java
 * {@code hashCode}s, so that a record gets the same keys on every runner, JVM and rerun.
 *
 * <p>{@code long key = RelationalizeKeys.key(tableNameBytes, digest[0], digest[1]);}
 *
 * <p>A record's digest is a 128-bit hash of its content in a canonical byte form: every value
 * tagged with whether it is null, strings and bytes with their length, numbers in fixed width,
 * timestamps as epoch milliseconds, logical types as their base values, structs field by field in
 * schema order, arrays element by element, and maps as the sorted hashes of their entries (so the
 * order a map iterates in does not matter).
 */
final class RelationalizeKeys {

  private static final HashFunction HASH = Hashing.murmur3_128();
  private static final byte CONTENT = 0;
  private static final byte ID = 1;

  private RelationalizeKeys() {}

  /** The key of the array with child table {@code tableName} in a row identified by (a, b). */
  static long key(byte[] tableName, long a, long b) {
    return HASH.newHasher().putBytes(tableName).putLong(a).putLong(b).hash().asLong()
        & Long.MAX_VALUE;
  }

  /** The digest of a whole record, as two longs. */
  static long[] contentDigest(Row record) {
    Hasher hasher = HASH.newHasher().putByte(CONTENT);
    putRow(hasher, record);
    return longs(hasher.hash());
  }

  /** The digest of a record's id value of the given type, as two longs. */
  static long[] idDigest(FieldType type, Object id) {
    Hasher hasher = HASH.newHasher().putByte(ID);
    put(hasher, type, id);
    return longs(hasher.hash());
  }

  private static long[] longs(HashCode code) {
    ByteBuffer bytes = ByteBuffer.wrap(code.asBytes()).order(ByteOrder.LITTLE_ENDIAN);
    return new long[] {bytes.getLong(0), bytes.getLong(8)};
  }

  private static void putRow(Hasher hasher, Row row) {
    Schema schema = row.getSchema();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      put(hasher, schema.getField(i).getType(), row.getValue(i));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void put(Hasher hasher, FieldType type, Object value) {
    if (value == null) {
      hasher.putByte((byte) 0);
      return;
    }
    hasher.putByte((byte) 1);
    switch (type.getTypeName()) {
      case BYTE:
        hasher.putByte((Byte) value);
        return;
      case INT16:
        hasher.putShort((Short) value);
        return;
      case INT32:
        hasher.putInt((Integer) value);
        return;
      case INT64:
        hasher.putLong((Long) value);
        return;
      case FLOAT:
        hasher.putFloat((Float) value);
        return;
      case DOUBLE:
        hasher.putDouble((Double) value);
        return;
      case BOOLEAN:
        hasher.putBoolean((Boolean) value);
        return;
      case DECIMAL:
        putString(hasher, ((BigDecimal) value).toString());
        return;
      case STRING:
        putString(hasher, (String) value);
        return;
      case BYTES:
        byte[] bytes = (byte[]) value;
        hasher.putInt(bytes.length).putBytes(bytes);
        return;
      case DATETIME:
        hasher.putLong(((ReadableInstant) value).getMillis());
        return;
      case ROW:
        putRow(hasher, (Row) value);
        return;
      case ARRAY:
      case ITERABLE:
        for (Object element : (Iterable<?>) value) {
          hasher.putByte((byte) 2);
          put(hasher, type.getCollectionElementType(), element);
        }
        hasher.putByte((byte) 3);
        return;
      case MAP:
        putMap(hasher, type, (Map<?, ?>) value);
        return;
      case LOGICAL_TYPE:
        Schema.LogicalType logical = type.getLogicalType();
        put(hasher, logical.getBaseType(), logical.toBaseType(value));
        return;
      default:
        putString(hasher, value.toString());
    }
  }

  private static void putMap(Hasher hasher, FieldType type, Map<?, ?> map) {
    List<HashCode> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Hasher entryHasher = HASH.newHasher();
      put(entryHasher, type.getMapKeyType(), entry.getKey());
      put(entryHasher, type.getMapValueType(), entry.getValue());
      entries.add(entryHasher.hash());
    }
    entries.sort((x, y) -> compare(x.asBytes(), y.asBytes()));
    hasher.putInt(entries.size());
    for (HashCode entry : entries) {
      hasher.putBytes(entry.asBytes());
    }
  }

  private static int compare(byte[] x, byte[] y) {
    for (int i = 0; i < x.length; i++) {
      int c = Byte.compare(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static void putString(Hasher hasher, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    hasher.putInt(utf8.length).putBytes(utf8);
  }
}
