package dev.beamglue.pipelines.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.parquet.ParquetFiles;
import dev.beamglue.pipelines.workflow.WorkflowReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow called from code ({@link PlaygroundWorkflow#run}) on a few parks and playgrounds,
 * twice into the same warehouse: the second run replaces the run date's partitions.
 */
class PlaygroundWorkflowRerunTest {

  @TempDir Path dir;

  private PlaygroundOptions options(Path parks, Path playgrounds) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--warehouse=" + dir.resolve("warehouse"),
            "--runDate=2020-02-29",
            "--parks=" + parks,
            "--playgrounds=" + playgrounds,
            "--incomeScale=0.02")
        .as(PlaygroundOptions.class);
  }

  @Test
  void aRerunForTheSameDateReplacesItsPartitions() throws IOException {
    Path parks = Files.writeString(dir.resolve("parks.json"), "["
        + "{\"Prop_ID\":\"B018\",\"Name\":\"Canarsie Park\",\"Location\":\"Seaview Ave.\","
        + "\"Zip\":\"11236, 11239\"},"
        + "{\"Prop_ID\":\"M001\",\"Name\":\"Chelsea Park\",\"Location\":\"9 Ave.\",\"Zip\":\"10001\"},"
        + "{\"Prop_ID\":\"Q001\",\"Name\":\"No Zip\",\"Location\":null,\"Zip\":null}]");
    Path playgrounds = Files.writeString(dir.resolve("playgrounds.json"), "["
        + playground("B018", "B018-01", "4") + "," + playground("M001", "M001", "2") + ","
        + playground("R999", "R999", "1") + "]");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    for (int run = 1; run <= 2; run++) {
      WorkflowReport report = PlaygroundWorkflow.run(options(parks, playgrounds), print, print);
      assertEquals(PlaygroundWorkflow.STAGES,
          report.stages().stream().map(s -> s.stage()).toList());
      assertEquals(3, report.stage("import").count("written:parks"));
      assertEquals(3, report.stage("import").count("written:playgrounds"));
      assertEquals(19, report.stage("transform").count("written:processed"), out::toString);
      assertEquals(1, report.stage("transform").count("step:" + PlaygroundJoin.PARKS_SPLIT));
      assertEquals(1,
          report.stage("transform").count("step:" + PlaygroundJoin.PLAYGROUNDS_UNMATCHED));
      assertEquals(0, report.stage("transform").count("errors"));
      assertEquals(run == 1 ? 1 : 0, report.stage("crawl-processed").count("tables created"));

      Path warehouse = dir.resolve("warehouse");
      assertEquals(3, ParquetFiles.readRecords(
          warehouse.resolve("raw/parks/year=2020/month=02/day=29").toString()).size());
      assertEquals(19, ParquetFiles.readRecords(
          warehouse.resolve("processed/year=2020/month=02/day=29").toString()).size());
      EmbeddedCatalog catalog = EmbeddedCatalog.open(warehouse.resolve("catalog"));
      assertEquals(1, catalog.partitions("processed", "processed").size());
      assertTrue(Files.exists(warehouse.resolve("ml/year=2020/month=02/day=29/train.csv")));
    }
  }

  private static String playground(String propId, String id, String level) {
    return "{\"Prop_ID\":\"" + propId + "\",\"Playground_ID\":\"" + id + "\",\"School_ID\":null,"
        + "\"Status\":null,\"Name\":\"n\",\"Location\":\"l\",\"Accessible\":\"Y\",\"Level\":\""
        + level + "\",\"Adaptive_Swing\":\"N\",\"lat\":\"40.1\",\"lon\":\"-73.9\"}";
  }
}
