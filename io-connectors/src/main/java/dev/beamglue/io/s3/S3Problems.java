package dev.beamglue.io.s3;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Says in words why S3 refused a request, for the one-sentence messages of readers, writers and
 * the crawler: a bucket that does not exist, access denied (a wrong secret key or a bucket policy),
 * no credentials at all, or an endpoint that cannot be reached.
 *
 * <p>{@code String why = S3Problems.describe(exception, "s3://data/in/a.json");}
 */
public final class S3Problems {

  private S3Problems() {}

  /**
   * The reason as the end of a sentence (no capital, no full stop), e.g. {@code "bucket 'data' does
   * not exist"}, or {@code null} when the failure is not an S3 one.
   */
  public static String describe(Throwable failure, String path) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NoSuchBucketException) {
        return noBucket(path);
      }
      if (t instanceof S3Exception s3) {
        return describeStatus(s3.statusCode(), path);
      }
      if (t instanceof SdkClientException) {
        String message = String.valueOf(t.getMessage());
        if (message.contains("Unable to load credentials")) {
          return "no AWS credentials were found: pass --awsCredentialsProvider, set "
              + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a ~/.aws profile";
        }
        if (message.contains("Unable to execute HTTP request")) {
          return "the S3 endpoint cannot be reached (check --endpoint and that the server runs)";
        }
      }
    }
    return null;
  }

  /** {@code "bucket 'b' does not exist"} for the bucket of an {@code s3://b/...} path. */
  public static String noBucket(String path) {
    return "bucket '" + bucketOf(path) + "' does not exist";
  }

  /** The bucket of an {@code s3://bucket/key} path. */
  public static String bucketOf(String path) {
    String rest = path.substring(path.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  private static String describeStatus(int status, String path) {
    switch (status) {
      case 403:
        return "S3 denied access (403 Forbidden): check the access key and secret key "
            + "(--awsCredentialsProvider or the AWS credential chain) and the permissions of "
            + "bucket '" + bucketOf(path) + "'";
      case 404:
        return noBucket(path);
      case 301:
        return "bucket '" + bucketOf(path) + "' is in another region than --awsRegion";
      default:
        return "S3 answered with status " + status;
    }
  }
}
