package dev.beamglue.io.s3;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/** Registers {@link S3AccessOptions} so {@code --pathStyleAccess} parses with any options. */
public final class S3AccessOptionsRegistrar implements PipelineOptionsRegistrar {

  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(S3AccessOptions.class);
  }
}
