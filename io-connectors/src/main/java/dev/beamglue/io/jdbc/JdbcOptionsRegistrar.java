package dev.beamglue.io.jdbc;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/** Registers {@link JdbcOptions} so the {@code --jdbc...} flags parse with any options. */
public final class JdbcOptionsRegistrar implements PipelineOptionsRegistrar {

  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(JdbcOptions.class);
  }
}
