package dev.beamglue.transforms.findmatches;

import java.io.Serializable;

/**
 * Two records' primary keys (as text) and whether a person said they match.
 *
 * <p>{@code new LabeledPair("rec-1-org", "rec-1-dup-0", true)}
 */
public record LabeledPair(String left, String right, boolean match) implements Serializable {}
