package dev.beamglue.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.beamglue.io.files.InputPaths;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonRead;
import dev.beamglue.testing.s3.LocalS3;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.runners.core.construction.SerializablePipelineOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** Options, path-style access and the bad-input sentences for S3, against a real S3 server. */
class S3AccessTest {

  private static LocalS3 s3;

  @BeforeAll
  static void startS3() {
    s3 = LocalS3.start().createBucket("data");
    s3.put("data", "in/a.json", "{\"id\": 1}\n".getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  private static String names(List<MatchResult.Metadata> files) {
    StringBuilder names = new StringBuilder();
    for (MatchResult.Metadata file : files) {
      names.append(file.resourceId()).append(' ');
    }
    return names.toString().trim();
  }

  @Test
  void commandLineFlagsWithALocalhostEndpointTurnOnPathStyle() {
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--endpoint=" + s3.endpoint("localhost"),
                "--awsRegion=us-east-1",
                "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
                    + "\"accessKeyId\":\"" + LocalS3.ACCESS_KEY + "\",\"secretAccessKey\":\""
                    + LocalS3.SECRET_KEY + "\"}")
            .create();
    S3AccessOptions s3Options = options.as(S3AccessOptions.class);
    assertFalse(s3Options.getPathStyleAccess());
    assertEquals(DefaultS3ClientBuilderFactory.class, s3Options.getS3ClientFactoryClass());

    S3Access.configure(options);

    assertTrue(s3Options.getPathStyleAccess());
    assertEquals(PathStyleS3ClientBuilderFactory.class, s3Options.getS3ClientFactoryClass());
    assertEquals("s3://data/in/a.json", names(InputPaths.requireReadable("s3://data/in/", "--input")));
  }

  @Test
  void theFlagsOfLocalS3ParseAndReachTheServer() {
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(s3.flags().toArray(new String[0])).create();
    S3Access.configure(options);
    assertTrue(options.as(S3AccessOptions.class).getPathStyleAccess());
    assertEquals(URI.create("http://127.0.0.1:" + s3.port()),
        options.as(S3AccessOptions.class).getEndpoint());
    assertEquals("s3://data/in/a.json", names(InputPaths.requireReadable("s3://data/in/*.json", "--input")));
  }

  @Test
  void anAwsEndpointKeepsBeamsClientFactory() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.as(S3AccessOptions.class).setAwsRegion(Region.EU_WEST_1);
    S3Access.configure(options);
    assertFalse(options.as(S3AccessOptions.class).getPathStyleAccess());
    assertEquals(DefaultS3ClientBuilderFactory.class,
        options.as(S3AccessOptions.class).getS3ClientFactoryClass());
  }

  @Test
  void workersRegisterTheS3FileSystemFromSerializedOptions() throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    s3.configure(options, "localhost", LocalS3.SECRET_KEY);
    SerializablePipelineOptions shipped = new SerializablePipelineOptions(options);
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create()); // a fresh worker

    // As a runner ships options to its workers: deserializing registers the file systems again.
    PipelineOptions onWorker = SerializableUtils.clone(shipped).get();

    assertTrue(onWorker.as(S3AccessOptions.class).getPathStyleAccess());
    assertEquals(PathStyleS3ClientBuilderFactory.class,
        onWorker.as(S3AccessOptions.class).getS3ClientFactoryClass());
    assertEquals("s3://data/in/a.json",
        FileSystems.matchSingleFileSpec("s3://data/in/a.json").resourceId().toString());
  }

  @Test
  void aBucketThatDoesNotExistIsNamed() {
    s3.configure(PipelineOptionsFactory.create());
    IllegalArgumentException input =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable("s3://nobucket/in/a.json", "--input"));
    assertEquals("--input bucket 'nobucket' does not exist (path 's3://nobucket/in/a.json').",
        input.getMessage());
    IllegalArgumentException glob =
        assertThrows(IllegalArgumentException.class,
            () -> JsonRead.from("s3://nobucket/in/*.json").inferSchema());
    assertEquals("The input bucket 'nobucket' does not exist (path 's3://nobucket/in/*.json').",
        glob.getMessage());
    IllegalArgumentException output =
        assertThrows(IllegalArgumentException.class,
            () -> OutputFolders.prepare("s3://nobucket/out/", "--output", false));
    assertEquals("--output bucket 'nobucket' does not exist (path 's3://nobucket/out/').",
        output.getMessage());
  }

  @Test
  void aKeyThatDoesNotExistIsNamed() {
    s3.configure(PipelineOptionsFactory.create());
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable("s3://data/in/b.json", "--input"));
    assertEquals("--input path 's3://data/in/b.json' does not exist.", missing.getMessage());
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable("s3://data/in/*.csv", "--input"));
    assertEquals("--input 's3://data/in/*.csv' matches no files.", none.getMessage());
  }

  @Test
  void aWrongSecretKeyIsAccessDenied() {
    s3.configure(PipelineOptionsFactory.create(), "127.0.0.1", "not-the-secret");
    String expected =
        "--input path 's3://data/in/a.json' cannot be read: S3 denied access (403 Forbidden): "
            + "check the access key and secret key (--awsCredentialsProvider or the AWS "
            + "credential chain) and the permissions of bucket 'data'.";
    IllegalArgumentException file =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable("s3://data/in/a.json", "--input"));
    assertEquals(expected, file.getMessage());
    IllegalArgumentException glob =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable("s3://data/in/*.json", "--input"));
    assertEquals(expected.replace("a.json", "*.json"), glob.getMessage());
    assertFalse(glob.getMessage().contains("not-the-secret"));
  }

  @Test
  void noCredentialsAtAllIsSaid() {
    assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "AWS credentials are in the environment");
    assumeTrue(System.getenv("AWS_PROFILE") == null, "an AWS profile is set");
    String before = System.getProperty("aws.disableEc2Metadata");
    System.setProperty("aws.disableEc2Metadata", "true"); // no instance metadata to wait for
    try {
      PipelineOptions options = PipelineOptionsFactory.create();
      S3AccessOptions s3Options = options.as(S3AccessOptions.class);
      s3Options.setEndpoint(s3.endpoint());
      s3Options.setAwsRegion(Region.US_EAST_1);
      S3Access.configure(options);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class,
              () -> InputPaths.requireReadable("s3://data/in/*.json", "--input"));
      assertEquals(
          "--input path 's3://data/in/*.json' cannot be read: no AWS credentials were found: pass "
              + "--awsCredentialsProvider, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
              + "configure a ~/.aws profile.",
          e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty("aws.disableEc2Metadata");
      } else {
        System.setProperty("aws.disableEc2Metadata", before);
      }
    }
  }

  @Test
  void aRefusedEndpointIsSaid() {
    PipelineOptions options = PipelineOptionsFactory.create();
    s3.configure(options);
    options.as(S3AccessOptions.class).setEndpoint(URI.create("http://127.0.0.1:1"));
    S3Access.configure(options);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable("s3://data/in/*.json", "--input"));
    assertEquals(
        "--input path 's3://data/in/*.json' cannot be read: the S3 endpoint cannot be reached "
            + "(check --endpoint and that the server runs).",
        e.getMessage());
    assertNull(S3Problems.describe(new IllegalStateException("x"), "s3://a/b"));
  }
}
