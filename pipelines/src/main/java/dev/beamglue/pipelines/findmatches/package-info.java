/**
 * The jobs behind {@code beamglue find-matches}: labeling sets, teaching, evaluation and
 * explanations in memory ({@link dev.beamglue.pipelines.findmatches.LabelingJobs}), and the Beam
 * run that writes every row with its match id ({@link dev.beamglue.pipelines.findmatches.FindMatchesRun}).
 * Both read DATA as {@link dev.beamglue.pipelines.findmatches.MatchData} decides: CSV, JSON or
 * Parquet files, or a catalog table.
 *
 * <p>{@code beamglue find-matches run --input=people.csv --primary-key=id --model=model.json --output=out}
 */
package dev.beamglue.pipelines.findmatches;
