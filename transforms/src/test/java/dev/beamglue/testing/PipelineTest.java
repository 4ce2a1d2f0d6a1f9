package dev.beamglue.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test that runs a pipeline. The build runs it on the Direct runner, then again on Flink
 * {@code [local]} and Spark {@code local[2]}: the runner comes from the {@code
 * beamTestPipelineOptions} system property that {@link TestPipelines#create()} reads.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@Tag("pipeline")
public @interface PipelineTest {}
