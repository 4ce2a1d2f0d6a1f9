/**
 * FindMatches: entity resolution (deduplication and linkage) that explains itself.
 *
 * <p>{@code rows.apply(FindMatches.onKey("id").withSourceColumn("source").computeMatchConfidenceScores())}
 *
 * <p>The steps: {@link dev.beamglue.transforms.findmatches.Profile} (column kinds, token
 * frequencies), {@link dev.beamglue.transforms.findmatches.Blocking} (bounded blocks of several
 * keys), {@link dev.beamglue.transforms.findmatches.Features} (Jaro-Winkler, Levenshtein, Jaccard,
 * TF-IDF cosine, numbers, dates, nulls, product codes), {@link
 * dev.beamglue.transforms.findmatches.FellegiSunter} (EM without labels) and {@link
 * dev.beamglue.transforms.findmatches.LogisticRegression} (with labels) in a {@link
 * dev.beamglue.transforms.findmatches.MatchModel} (JSON), {@link
 * dev.beamglue.transforms.findmatches.Clustering} (average linkage, no chaining) and {@link
 * dev.beamglue.transforms.findmatches.LabelSets} (what to label next). {@link
 * dev.beamglue.transforms.findmatches.MatchSteps} runs them in Beam, {@link
 * dev.beamglue.transforms.findmatches.LocalMatcher} in memory, with the same results.
 */
package dev.beamglue.transforms.findmatches;
