package dev.beamglue.pipelines.findmatches;

import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.s3.S3AccessOptions;

/**
 * The Beam options of {@code beamglue find-matches run}: the catalog and S3 settings; the
 * command's own flags ({@code --input}, {@code --primary-key}, ...) are parsed by the command.
 *
 * <p>{@code FindMatchesOptions o = PipelineOptionsFactory.fromArgs(beamFlags).as(FindMatchesOptions.class);}
 */
public interface FindMatchesOptions extends CatalogOptions, S3AccessOptions {}
