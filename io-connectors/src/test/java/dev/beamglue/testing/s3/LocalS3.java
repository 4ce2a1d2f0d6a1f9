package dev.beamglue.testing.s3;

import dev.beamglue.io.s3.S3Access;
import dev.beamglue.io.s3.S3AccessOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real S3 server for tests: s3proxy on {@code 127.0.0.1} and a free port, over an in-memory
 * jclouds {@code transient} blob store, checking AWS signatures with {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}. Gives the Beam flags that point a job at it, or sets them on options.
 *
 * <p>{@code try (LocalS3 s3 = LocalS3.start().createBucket("data")) { s3.configure(options); }}
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "beamglue-access";
  public static final String SECRET_KEY = "beamglue-secret";
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final BlobStore store;

  private LocalS3(S3Proxy proxy, BlobStoreContext context) {
    this.proxy = proxy;
    this.context = context;
    this.store = context.getBlobStore();
  }

  /** Starts a server; stop it with {@link #close()}. */
  public static LocalS3 start() {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .build();
    try {
      proxy.start();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      context.close();
      throw new IllegalStateException("Could not start s3proxy", e);
    }
    return new LocalS3(proxy, context);
  }

  public int port() {
    return proxy.getPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint("127.0.0.1");
  }

  /** The endpoint under another name of the loopback host, e.g. {@code localhost}. */
  public URI endpoint(String host) {
    return URI.create("http://" + host + ":" + port());
  }

  /** Creates the bucket (nothing happens when it exists); returns this server. */
  public LocalS3 createBucket(String bucket) {
    store.createContainerInLocation(null, bucket);
    return this;
  }

  /** Stores an object directly in the blob store. */
  public void put(String bucket, String key, byte[] content) {
    store.putBlob(bucket, store.blobBuilder(key).payload(content).build());
  }

  /** The content of an object, or {@code null} when there is none. */
  public byte[] get(String bucket, String key) {
    Blob blob = store.getBlob(bucket, key);
    if (blob == null) {
      return null;
    }
    try (InputStream in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys of the bucket's objects under a prefix ({@code ""} for all), in order. */
  public List<String> keys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    ListContainerOptions options = ListContainerOptions.Builder.recursive();
    if (!prefix.isEmpty()) {
      options = options.prefix(prefix);
    }
    String marker = null;
    do {
      ListContainerOptions page = marker == null ? options : options.afterMarker(marker);
      var listing = store.list(bucket, page);
      for (StorageMetadata object : listing) {
        keys.add(object.getName());
      }
      marker = listing.getNextMarker();
    } while (marker != null);
    keys.sort(null);
    return keys;
  }

  /**
   * The command-line flags that point a job at this server: {@code --endpoint=http://127.0.0.1:PORT
   * --awsRegion=us-east-1 --awsCredentialsProvider={"@type":"StaticCredentialsProvider",...}
   * --pathStyleAccess=true}.
   */
  public List<String> flags() {
    return flags("127.0.0.1", SECRET_KEY);
  }

  /** The flags with another loopback host name and secret key (a wrong one, for tests). */
  public List<String> flags(String host, String secretKey) {
    return List.of(
        "--endpoint=" + endpoint(host),
        "--awsRegion=" + REGION,
        "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
            + ACCESS_KEY + "\",\"secretAccessKey\":\"" + secretKey + "\"}",
        "--pathStyleAccess=true");
  }

  /** Points the options at this server (as {@link #flags()} do) and applies {@link S3Access}. */
  public <T extends PipelineOptions> T configure(T options) {
    return configure(options, "127.0.0.1", SECRET_KEY);
  }

  /** {@link #configure(PipelineOptions)} with another host name and secret key. */
  public <T extends PipelineOptions> T configure(T options, String host, String secretKey) {
    S3AccessOptions s3 = options.as(S3AccessOptions.class);
    s3.setEndpoint(endpoint(host));
    s3.setAwsRegion(Region.of(REGION));
    s3.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secretKey)));
    s3.setPathStyleAccess(true);
    return S3Access.configure(options);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop s3proxy", e);
    } finally {
      context.close();
    }
  }
}
