package dev.beamglue.transforms.findmatches;

/**
 * A record in a block with the sorted hashes of all its block keys, so a block can tell whether a
 * pair shares only this block (then the pair is found once) or others too (then it is deduplicated).
 *
 * <p>{@code new BlockMember(record, Blocking.hashes(keys))}
 */
record BlockMember(Record record, long[] keys) {}
