package dev.beamglue.io.s3;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * Options for reading and writing {@code s3://} paths: Beam's {@link S3Options} and one more flag,
 * {@code --pathStyleAccess}, for S3-compatible servers (MinIO, s3proxy, Ceph) that serve buckets
 * as {@code http://host/bucket/key} rather than {@code http://bucket.host/key}.
 *
 * <p>{@code --endpoint=http://127.0.0.1:9000 --awsRegion=us-east-1 --pathStyleAccess=true}
 *
 * <p>Beam's own flags apply unchanged: {@code --endpoint} (an S3-compatible server instead of AWS),
 * {@code --awsRegion}, and {@code --awsCredentialsProvider} (a JSON object such as {@code
 * {"@type":"StaticCredentialsProvider","accessKeyId":"...","secretAccessKey":"..."}}). Without
 * {@code --awsCredentialsProvider} the standard AWS credential chain is used: the environment
 * variables {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, the system properties, the
 * {@code ~/.aws} profile, then container and instance credentials. Call {@link
 * S3Access#configure} once the options are parsed so the flag takes effect.
 */
public interface S3AccessOptions extends S3Options {

  @Description(
      "Address buckets by path (http://host/bucket/key) instead of by host name, as S3-compatible "
          + "servers on one host need. Set automatically when --endpoint names localhost.")
  @Default.Boolean(false)
  boolean getPathStyleAccess();

  void setPathStyleAccess(boolean pathStyleAccess);
}
