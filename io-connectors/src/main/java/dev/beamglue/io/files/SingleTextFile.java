package dev.beamglue.io.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.vendor.guava.v32_1_2_jre.com.google.common.hash.Hashing;

/**
 * Writes lines of text as exactly one UTF-8 file at a given path (any Beam file system), each line
 * ended by LF, in an order that depends only on the set of lines: never on the runner, the
 * bundling or the parallelism. An empty input writes an empty file. The output is the path
 * written, once.
 *
 * <p>{@code lines.apply(SingleTextFile.to("s3://bucket/ml/train.csv"));}
 *
 * <p>How: each line goes to one of {@link #withBuckets n} buckets by a hash of its text (MurmurHash3
 * 32, fixed); each bucket is sorted (String order) in memory and written to a hidden temporary
 * folder next to the file ({@code .beamglue-tmp-<name>-<uuid>/}); one worker then concatenates the
 * bucket files in bucket order into the file and deletes them. So the lines are sorted within
 * each bucket, and a bucket must fit in a worker's memory: raise the buckets for large inputs.
 */
public final class SingleTextFile extends PTransform<PCollection<String>, PCollection<String>> {

  /** The number of buckets when none is given. */
  public static final int DEFAULT_BUCKETS = 16;

  private final String path;
  private final int buckets;

  private SingleTextFile(String path, int buckets) {
    this.path = path;
    this.buckets = buckets;
  }

  /** Writes the file at {@code path}, replacing a file already there. */
  public static SingleTextFile to(String path) {
    if (path == null || path.isEmpty() || path.endsWith("/")) {
      throw new IllegalArgumentException(
          "SingleTextFile.to needs the path of a file, not '" + path + "'.");
    }
    return new SingleTextFile(path, DEFAULT_BUCKETS);
  }

  /** Sorts in {@code buckets} parts in parallel (each must fit a worker's memory). */
  public SingleTextFile withBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("The number of buckets must be 1 or more, not " + buckets + ".");
    }
    return new SingleTextFile(path, buckets);
  }

  public String getPath() {
    return path;
  }

  @Override
  public PCollection<String> expand(PCollection<String> lines) {
    ResourceId file = FileSystems.matchNewResource(path, false);
    String name = file.getFilename();
    String temporary =
        file.getCurrentDirectory()
            .resolve(".beamglue-tmp-" + name + "-" + UUID.randomUUID(), StandardResolveOptions.RESOLVE_DIRECTORY)
            .toString();
    PCollection<String> parts =
        lines
            .apply("Bucket lines", ParDo.of(new BucketFn(buckets)))
            .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
            .apply("Group buckets", GroupByKey.create())
            .apply("Write sorted buckets", ParDo.of(new WriteBucketFn(temporary)))
            .setCoder(StringUtf8Coder.of());
    return parts
        .apply("Collect bucket files", Combine.globally(new CollectFn()))
        .setCoder(ListCoder.of(StringUtf8Coder.of()))
        .apply("Concatenate " + name, ParDo.of(new ConcatenateFn(path, temporary)))
        .setCoder(StringUtf8Coder.of());
  }

  private static final class BucketFn extends DoFn<String, KV<Integer, String>> {
    private final int buckets;

    BucketFn(int buckets) {
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<Integer, String>> out) {
      int hash = Hashing.murmur3_32_fixed().hashString(line, StandardCharsets.UTF_8).asInt();
      out.output(KV.of(Math.floorMod(hash, buckets), line));
    }
  }

  private static final class WriteBucketFn extends DoFn<KV<Integer, Iterable<String>>, String> {
    private final String temporary;

    WriteBucketFn(String temporary) {
      this.temporary = temporary;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> bucket, OutputReceiver<String> out)
        throws IOException {
      List<String> lines = new ArrayList<>();
      for (String line : bucket.getValue()) {
        lines.add(line);
      }
      Collections.sort(lines);
      ResourceId part =
          FileSystems.matchNewResource(temporary, true)
              .resolve(
                  String.format("bucket-%05d", bucket.getKey()),
                  StandardResolveOptions.RESOLVE_FILE);
      try (Writer writer =
          Channels.newWriter(FileSystems.create(part, "text/plain"), StandardCharsets.UTF_8)) {
        for (String line : lines) {
          writer.write(line);
          writer.write('\n');
        }
      }
      out.output(part.toString());
    }
  }

  /** Gathers the bucket file names; an empty input gives an empty list. */
  private static final class CollectFn
      extends Combine.CombineFn<String, List<String>, List<String>> {
    @Override
    public List<String> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<String> addInput(List<String> accumulator, String input) {
      accumulator.add(input);
      return accumulator;
    }

    @Override
    public List<String> mergeAccumulators(Iterable<List<String>> accumulators) {
      List<String> merged = new ArrayList<>();
      for (List<String> accumulator : accumulators) {
        merged.addAll(accumulator);
      }
      return merged;
    }

    @Override
    public List<String> extractOutput(List<String> accumulator) {
      List<String> sorted = new ArrayList<>(accumulator);
      Collections.sort(sorted); // bucket-00000, bucket-00001, ...
      return sorted;
    }

    @Override
    public Coder<List<String>> getAccumulatorCoder(
        CoderRegistry registry, Coder<String> inputCoder) {
      return ListCoder.of(StringUtf8Coder.of());
    }

    @Override
    public Coder<List<String>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<String> inputCoder) {
      return ListCoder.of(StringUtf8Coder.of());
    }
  }

  private static final class ConcatenateFn extends DoFn<List<String>, String> {
    private final String path;
    private final String temporary;

    ConcatenateFn(String path, String temporary) {
      this.path = path;
      this.temporary = temporary;
    }

    @ProcessElement
    public void process(@Element List<String> parts, OutputReceiver<String> out) throws IOException {
      List<ResourceId> partIds = new ArrayList<>();
      for (String part : parts) {
        partIds.add(FileSystems.matchNewResource(part, false));
      }
      ResourceId file = FileSystems.matchNewResource(path, false);
      try (OutputStream target = Channels.newOutputStream(FileSystems.create(file, "text/plain"))) {
        for (ResourceId part : partIds) {
          try (InputStream source = Channels.newInputStream(FileSystems.open(part))) {
            source.transferTo(target);
          }
        }
      }
      FileSystems.delete(partIds, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      deleteFolder();
      out.output(path);
    }

    /** Removes the empty temporary folder where folders exist (a local disk); S3 has none. */
    private void deleteFolder() {
      try {
        FileSystems.delete(
            List.of(FileSystems.matchNewResource(temporary, true)),
            MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      } catch (IOException | RuntimeException e) {
        // an object store has no folder to remove; a leftover hidden folder is never data
      }
    }
  }
}
