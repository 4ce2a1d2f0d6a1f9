package dev.beamglue.io.s3;

import java.net.URI;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Makes {@code s3://} paths work with the options of a job: applies {@link
 * S3AccessOptions#getPathStyleAccess()} (turned on by itself for an endpoint on {@code localhost},
 * whose bucket host names {@code bucket.localhost} do not resolve) and registers Beam's file
 * systems with the options, so that reading schemas and listing files while the pipeline is built
 * use the same endpoint and credentials as the workers. Runners hand the same options to their
 * workers, which register the file systems again from them.
 *
 * <p>{@code S3Access.configure(options); Pipeline pipeline = Pipeline.create(options);}
 */
public final class S3Access {

  private S3Access() {}

  /** Applies the S3 settings of the options and registers the file systems; returns them. */
  public static <T extends PipelineOptions> T configure(T options) {
    S3AccessOptions s3 = options.as(S3AccessOptions.class);
    URI endpoint = s3.getEndpoint();
    if (!s3.getPathStyleAccess() && endpoint != null && isLocalhost(endpoint.getHost())) {
      s3.setPathStyleAccess(true);
    }
    if (s3.getPathStyleAccess()
        && (s3.getS3ClientFactoryClass() == null
            || s3.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class)) {
      s3.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
    }
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  private static boolean isLocalhost(String host) {
    return host != null && (host.equalsIgnoreCase("localhost") || host.endsWith(".localhost"));
  }
}
