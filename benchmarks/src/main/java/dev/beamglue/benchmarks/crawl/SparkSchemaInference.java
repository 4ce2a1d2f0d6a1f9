package dev.beamglue.benchmarks.crawl;

import dev.beamglue.benchmarks.harness.Flags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The crawl benchmark's Spark peer: infers the schema of every table folder of the input the way a
 * Spark user would without a crawler ({@code spark.read.json} with partition discovery; {@code
 * spark.read.option("header", true).option("inferSchema", true).csv}, which reads the whole CSV to
 * infer its types) and writes the schemas to {@code OUTPUT/schemas.txt}.
 *
 * <p>{@code java -cp ... SparkSchemaInference --input=crawl-small/ --output=out/ --master=local[2]}
 */
public final class SparkSchemaInference {
  private SparkSchemaInference() {}

  public static void main(String[] args) throws IOException {
    Flags flags = Flags.parse(args, "input", "output", "master");
    Path input = Path.of(flags.required("input"));
    Path output = Path.of(flags.required("output"));
    SparkSession spark = SparkSession.builder()
        .appName("crawl-spark-schema-inference")
        .master(flags.get("master", "local[2]"))
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    StringBuilder schemas = new StringBuilder();
    try {
      spark.sparkContext().setLogLevel("WARN");
      for (TableFolders.Table table : TableFolders.of(input)) {
        String folder = table.folder().toString();
        Dataset<Row> frame = table.format().equals("csv")
            ? spark.read().option("header", "true").option("inferSchema", "true")
                .option("recursiveFileLookup", "true").csv(folder)
            : spark.read().json(folder);
        schemas.append(table.name()).append('\n').append(frame.schema().treeString());
      }
    } finally {
      spark.stop();
    }
    Files.createDirectories(output);
    Files.writeString(output.resolve("schemas.txt"), schemas, StandardCharsets.UTF_8);
  }
}
