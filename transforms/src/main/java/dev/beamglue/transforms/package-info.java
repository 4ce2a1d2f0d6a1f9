/** Glue's ETL steps as composite Beam transforms over schema'd {@link org.apache.beam.sdk.values.Row}s. */
package dev.beamglue.transforms;
