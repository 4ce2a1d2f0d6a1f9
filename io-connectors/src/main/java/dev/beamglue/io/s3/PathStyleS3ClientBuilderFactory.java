package dev.beamglue.io.s3;

import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds S3 clients as Beam's {@link DefaultS3ClientBuilderFactory} does (endpoint, region,
 * credentials, HTTP settings), and forces path-style addressing when {@link
 * S3AccessOptions#getPathStyleAccess()} is set. Beam instantiates it by name from {@code
 * --s3ClientFactoryClass}, on the launcher and on every worker; {@link S3Access#configure} sets
 * that flag.
 *
 * <p>{@code --s3ClientFactoryClass=dev.beamglue.io.s3.PathStyleS3ClientBuilderFactory}
 */
public class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {

  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder builder = new DefaultS3ClientBuilderFactory().createBuilder(options);
    if (options.as(S3AccessOptions.class).getPathStyleAccess()) {
      builder.forcePathStyle(true);
    }
    return builder;
  }
}
