package dev.beamglue.io.catalog;

import java.io.Serializable;
import java.time.Instant;
import org.apache.beam.sdk.schemas.Schema;

/**
 * One version of a table's columns: a recrawl that finds new columns, or a job that writes a
 * different schema, adds a version and keeps the old ones.
 *
 * <p>{@code List<SchemaVersion> history = catalog.schemaVersions("raw", "parks");}
 *
 * @param version the version number, from 1
 * @param columns the table's data columns at that version
 * @param createdAt when the version was recorded
 */
public record SchemaVersion(int version, Schema columns, Instant createdAt)
    implements Serializable {}
