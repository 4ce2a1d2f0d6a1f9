package dev.beamglue.transforms.findmatches;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * Compact coders of the records and pairs FindMatches shuffles, instead of Java serialization
 * (which writes class descriptors with every element and dominated the shuffles of large runs).
 *
 * <p>{@code records.setCoder(MatchCoders.RECORD);}
 */
public final class MatchCoders {

  private MatchCoders() {}

  private static final StringUtf8Coder TEXT = StringUtf8Coder.of();
  private static final NullableCoder<String> MAYBE_TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final VarIntCoder COUNT = VarIntCoder.of();

  /** A {@link Record}: id, source (nullable), the values (each nullable). */
  public static final AtomicCoder<Record> RECORD = new RecordCoder();

  /** A {@link PairFeatures}: both ids, both sources (nullable) and the features. */
  public static final AtomicCoder<PairFeatures> PAIR = new PairCoder();

  /** A {@link ScoredPair}: both ids, both sources (nullable) and the probability. */
  public static final AtomicCoder<ScoredPair> SCORED = new ScoredCoder();

  /** A {@link BlockMember}: its record and its key hashes. */
  static final AtomicCoder<BlockMember> MEMBER = new MemberCoder();

  private static final class MemberCoder extends AtomicCoder<BlockMember> {
    @Override
    public void encode(BlockMember m, OutputStream out) throws IOException {
      RECORD.encode(m.record(), out);
      long[] keys = m.keys();
      COUNT.encode(keys.length, out);
      DataOutputStream data = new DataOutputStream(out);
      for (long k : keys) {
        data.writeLong(k);
      }
      data.flush();
    }

    @Override
    public BlockMember decode(InputStream in) throws IOException {
      Record record = RECORD.decode(in);
      int n = COUNT.decode(in);
      if (n < 0 || n > 1 << 16) {
        throw new CoderException("A block member with " + n + " keys cannot be decoded.");
      }
      DataInputStream data = new DataInputStream(in);
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = data.readLong();
      }
      return new BlockMember(record, keys);
    }
  }

  private static final class RecordCoder extends AtomicCoder<Record> {
    @Override
    public void encode(Record r, OutputStream out) throws IOException {
      TEXT.encode(r.id(), out);
      MAYBE_TEXT.encode(r.source(), out);
      COUNT.encode(r.size(), out);
      for (int i = 0; i < r.size(); i++) {
        MAYBE_TEXT.encode(r.value(i), out);
      }
    }

    @Override
    public Record decode(InputStream in) throws IOException {
      String id = TEXT.decode(in);
      String source = MAYBE_TEXT.decode(in);
      int n = COUNT.decode(in);
      if (n < 0 || n > 1 << 16) {
        throw new CoderException("A record with " + n + " values cannot be decoded.");
      }
      String[] values = new String[n];
      for (int i = 0; i < n; i++) {
        values[i] = MAYBE_TEXT.decode(in);
      }
      return new Record(id, source, values);
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public List<? extends org.apache.beam.sdk.coders.Coder<?>> getCoderArguments() {
      return List.of();
    }
  }

  private static final class PairCoder extends AtomicCoder<PairFeatures> {
    @Override
    public void encode(PairFeatures p, OutputStream out) throws IOException {
      TEXT.encode(p.left(), out);
      TEXT.encode(p.right(), out);
      MAYBE_TEXT.encode(p.leftSource(), out);
      MAYBE_TEXT.encode(p.rightSource(), out);
      double[] x = p.features();
      COUNT.encode(x.length, out);
      DataOutputStream data = new DataOutputStream(out);
      for (double v : x) {
        data.writeDouble(v);
      }
      data.flush();
    }

    @Override
    public PairFeatures decode(InputStream in) throws IOException {
      String left = TEXT.decode(in);
      String right = TEXT.decode(in);
      String leftSource = MAYBE_TEXT.decode(in);
      String rightSource = MAYBE_TEXT.decode(in);
      int n = COUNT.decode(in);
      if (n < 0 || n > 1 << 16) {
        throw new CoderException("A pair with " + n + " features cannot be decoded.");
      }
      DataInputStream data = new DataInputStream(in);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = data.readDouble();
      }
      return new PairFeatures(left, right, leftSource, rightSource, x);
    }
  }

  private static final class ScoredCoder extends AtomicCoder<ScoredPair> {
    @Override
    public void encode(ScoredPair p, OutputStream out) throws IOException {
      TEXT.encode(p.left(), out);
      TEXT.encode(p.right(), out);
      MAYBE_TEXT.encode(p.leftSource(), out);
      MAYBE_TEXT.encode(p.rightSource(), out);
      new DataOutputStream(out).writeDouble(p.probability());
    }

    @Override
    public ScoredPair decode(InputStream in) throws IOException {
      String left = TEXT.decode(in);
      String right = TEXT.decode(in);
      String leftSource = MAYBE_TEXT.decode(in);
      String rightSource = MAYBE_TEXT.decode(in);
      double probability = new DataInputStream(in).readDouble();
      return new ScoredPair(left, right, leftSource, rightSource, probability);
    }
  }
}
