package dev.beamglue.benchmarks.githubevents;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_timestamp;

import dev.beamglue.benchmarks.harness.Flags;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The github-events job written directly in Spark SQL: the benchmark's reference peer.
 *
 * <p>{@code java -cp ... SparkSqlGithubEvents --input=events.ndjson --output=out/ --master=local[2]}
 *
 * <p>It reads the JSON with Spark's schema inference (a field that is an int in some records and a
 * string in others becomes a string; malformed lines are dropped, as beamglue sends them to its error
 * output), keeps the nine columns of beamglue's default mapping and writes snappy Parquet.
 */
public final class SparkSqlGithubEvents {
  private SparkSqlGithubEvents() {}

  public static void main(String[] args) {
    Flags flags = Flags.parse(args, "input", "output", "master");
    String input = flags.required("input");
    String output = flags.required("output");
    SparkSession spark =
        SparkSession.builder()
            .appName("github-events-spark-sql")
            .master(flags.get("master", "local[2]"))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.parquet.compression.codec", "snappy")
            .getOrCreate();
    try {
      spark.sparkContext().setLogLevel("WARN");
      spark
          .read()
          .option("mode", "DROPMALFORMED")
          .json(input)
          .select(
              col("id").cast("long").as("id"),
              col("type"),
              col("actor.id").cast("long").as("actor_id"),
              col("actor.login").as("actor"),
              col("repo.name").as("repo"),
              col("org.login").as("org"),
              col("payload.size").cast("string").as("commit_count"),
              col("public"),
              to_timestamp(col("created_at")).as("created_at"))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(output);
    } finally {
      spark.stop();
    }
  }
}
