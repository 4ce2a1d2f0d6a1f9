package dev.beamglue.io.aws;

import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Says in words why an AWS SDK v2 call failed, for the one-sentence errors of every AWS client in
 * beamglue (the Glue Data Catalog, Amazon Personalize): the service's own message, whether its
 * error code means a denied permission, and the client-side problems (no credentials, no region,
 * an unknown host, an endpoint that cannot be reached).
 *
 * <p>{@code throw new CatalogException(AwsProblems.clientProblem("list the tables", e), e);}
 */
public final class AwsProblems {

  private AwsProblems() {}

  /** The service's message without its final full stop, or the exception's message. */
  public static String message(AwsServiceException e) {
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return (message == null ? String.valueOf(e.getMessage()) : message).replaceAll("\\.$", "");
  }

  /** The service's error code (e.g. {@code ThrottlingException}), or {@code ""}. */
  public static String errorCode(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return code == null ? "" : code;
  }

  /** Whether an error code means that the caller's identity or permissions were refused. */
  public static boolean isDenied(String code) {
    return code != null && (code.contains("AccessDenied") || code.contains("UnrecognizedClient")
        || code.contains("InvalidSignature") || code.contains("ExpiredToken"));
  }

  /** Whether a service error is worth retrying: throttling or a server-side (5xx) failure. */
  public static boolean isRetryable(AwsServiceException e) {
    return e.isThrottlingException() || e.statusCode() >= 500
        || errorCode(e).contains("Throttl") || errorCode(e).contains("TooManyRequests");
  }

  /** A client-side failure as one sentence: "Cannot {@code what}: why." */
  public static String clientProblem(String what, SdkClientException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Unable to load credentials")) {
      return "Cannot " + what + ": no AWS credentials were found (set AWS_ACCESS_KEY_ID and "
          + "AWS_SECRET_ACCESS_KEY, a profile, or --awsCredentialsProvider).";
    }
    if (message.contains("Unable to load region") || message.contains("region")) {
      return "Cannot " + what + ": the AWS region is unknown or missing (set --awsRegion or "
          + "AWS_REGION).";
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException) {
        return "Cannot " + what + ": the host " + cause.getMessage() + " is unknown (check "
            + "--awsRegion and --endpoint).";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return "Cannot " + what + ": " + (root.getMessage() == null
        ? root.getClass().getSimpleName() : root.getMessage().replaceAll("\\.$", "")) + ".";
  }
}
