package dev.beamglue.benchmarks.relationalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.when;

import dev.beamglue.benchmarks.harness.Flags;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The commits of the GitHub events relationalized directly in Spark SQL: the relationalize
 * benchmark's reference peer. It writes the root table and the commits table as snappy Parquet, each
 * in its folder under {@code --output}.
 *
 * <p>{@code java -cp ... SparkSqlRelationalize --input=events.ndjson --output=out/ --master=local[2]}
 *
 * <p>It reads the JSON once with Spark's schema inference (malformed lines dropped) and keeps the
 * columns both tables need, persisted, so that the two writes do not parse the JSON twice. The root
 * table is {@code id}, {@code type}, {@code actor.login}, {@code repo.name}, {@code org.login}, {@code
 * public}, {@code created_at} flattened to {@code actor_login} and so on, with {@code payload_commits}
 * the join key; the commits table is {@code posexplode(payload.commits)}: the key as {@code id}, the
 * position as {@code index} and each commit's fields flattened ({@code payload_commits_val_sha}, ...).
 * The key is the event id as a BIGINT, null where the event has no commits array.
 */
public final class SparkSqlRelationalize {
  private SparkSqlRelationalize() {}

  /** Runs the job on an existing session. */
  static void run(SparkSession spark, String input, String output) {
    Dataset<Row> events = spark
        .read()
        .option("mode", "DROPMALFORMED")
        .json(input)
        .select(
            col("id"),
            col("type"),
            col("actor.login").as("actor_login"),
            col("repo.name").as("repo_name"),
            col("org.login").as("org_login"),
            col("public"),
            col("created_at"),
            col("id").cast("long").as("commits_key"),
            col("payload.commits").as("commits"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      events
          .select(
              col("id"), col("type"), col("actor_login"), col("repo_name"), col("org_login"),
              col("public"), col("created_at"),
              when(col("commits").isNotNull(), col("commits_key")).as("payload_commits"))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(output + "/" + DuckDbRelationalize.ROOT);
      events
          .select(col("commits_key").as("id"), posexplode(col("commits")).as(new String[] {"index", "c"}))
          .select(
              col("id"),
              col("index"),
              col("c.sha").as("payload_commits_val_sha"),
              col("c.author.email").as("payload_commits_val_author_email"),
              col("c.author.name").as("payload_commits_val_author_name"),
              col("c.message").as("payload_commits_val_message"),
              col("c.distinct").as("payload_commits_val_distinct"),
              col("c.url").as("payload_commits_val_url"))
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(output + "/" + DuckDbRelationalize.COMMITS);
    } finally {
      events.unpersist();
    }
  }

  public static void main(String[] args) {
    Flags flags = Flags.parse(args, "input", "output", "master");
    SparkSession spark =
        SparkSession.builder()
            .appName("relationalize-spark-sql")
            .master(flags.get("master", "local[2]"))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.parquet.compression.codec", "snappy")
            .getOrCreate();
    try {
      spark.sparkContext().setLogLevel("WARN");
      run(spark, flags.required("input"), flags.required("output"));
    } finally {
      spark.stop();
    }
  }
}
