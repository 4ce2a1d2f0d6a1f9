package dev.beamglue.pipelines.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.pipelines.PipelineRun;
import dev.beamglue.pipelines.workflow.StageReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The import stage: a dry run without ARNs, one sentence for half the ARNs or a local export. */
class ImportStageTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private StageReport run(String... args) {
    PersonalizeOptions options = PipelineOptionsFactory.fromArgs(args).as(PersonalizeOptions.class);
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    return new ImportStage().run(options, print, print);
  }

  @Test
  void withoutArnsItSaysWhatItWouldImport() {
    StageReport report = run("--output=s3://shop/personalize");
    assertEquals(3, report.count("imports"));
    assertEquals("dry run: 3 datasets would be imported (no --datasetGroupArn/--roleArn)",
        report.headline());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Would import s3://shop/personalize/"
        + "items/ into the Items dataset of (no dataset group given)"), out::toString);
  }

  @Test
  void halfTheArnsOrALocalExportAreRefusedWithOneSentence() {
    PipelineRun.Failure half = assertThrows(PipelineRun.Failure.class,
        () -> run("--output=s3://shop/p", "--roleArn=arn:aws:iam::1:role/r"));
    assertEquals(PipelineRun.Phase.BUILD, half.phase());
    assertEquals("Give both --datasetGroupArn and --roleArn to import into Personalize, or "
        + "neither for a dry run.", half.getMessage());
    PipelineRun.Failure local = assertThrows(PipelineRun.Failure.class,
        () -> run("--output=/tmp/p", "--roleArn=arn:aws:iam::1:role/r", "--awsRegion=us-east-1",
            "--datasetGroupArn=arn:aws:personalize:us-east-1:1:dataset-group/shop"));
    assertTrue(local.getMessage().startsWith("the Personalize import failed: "), local.getMessage());
    assertTrue(local.getMessage().contains("s3://"), local.getMessage());
  }
}
