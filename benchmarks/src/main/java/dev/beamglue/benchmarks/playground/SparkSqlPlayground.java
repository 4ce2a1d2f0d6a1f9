package dev.beamglue.benchmarks.playground;

import dev.beamglue.benchmarks.harness.Flags;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The playground transform written directly in Spark SQL: the playground benchmark's reference
 * peer. It reads the raw zone the workflow's import wrote (the run date's Parquet parks and
 * playgrounds, the income CSV under {@code year=2016}, its columns as text), runs {@link
 * PlaygroundSql#query} and writes snappy Parquet to {@code OUTPUT/processed/year=Y/month=M/day=D/}.
 *
 * <p>{@code java -cp ... SparkSqlPlayground --warehouse=W --runDate=2019-06-01 --output=out/ --master=local[2]}
 */
public final class SparkSqlPlayground {
  private SparkSqlPlayground() {}

  /** Runs the transform on an existing session. */
  static void run(SparkSession spark, String warehouse, String runDate, String output) {
    spark.read().option("header", "true").csv(PlaygroundSql.rawIncome(warehouse))
        .createOrReplaceTempView("income_raw");
    spark.read().parquet(PlaygroundSql.rawParks(warehouse, runDate)).createOrReplaceTempView("parks");
    spark.read().parquet(PlaygroundSql.rawPlaygrounds(warehouse, runDate)).createOrReplaceTempView("playgrounds");
    spark.sql(PlaygroundSql.query(PlaygroundSql.SPARK_PARK_ROWS))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(PlaygroundSql.processed(output, runDate));
  }

  public static void main(String[] args) {
    Flags flags = Flags.parse(args, "warehouse", "runDate", "output", "master");
    SparkSession spark =
        SparkSession.builder()
            .appName("playground-spark-sql")
            .master(flags.get("master", "local[2]"))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.parquet.compression.codec", "snappy")
            .getOrCreate();
    try {
      spark.sparkContext().setLogLevel("WARN");
      run(spark, flags.required("warehouse"), flags.required("runDate"), flags.required("output"));
    } finally {
      spark.stop();
    }
  }
}
