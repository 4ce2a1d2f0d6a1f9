package dev.beamglue.io.personalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamglue.testing.personalize.FakePersonalize;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The dataset import trigger against a local endpoint that checks the requests the SDK sends. */
class PersonalizeImportTest {

  static final String ROLE = "arn:aws:iam::123456789012:role/PersonalizeS3";

  private FakePersonalize server;
  private AwsOptions options;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = FakePersonalize.start();
    options = awsOptions(server);
  }

  static AwsOptions awsOptions(FakePersonalize server) {
    AwsOptions options = PipelineOptionsFactory.create().as(AwsOptions.class);
    options.setAwsRegion(Region.US_EAST_1);
    options.setEndpoint(server.endpoint());
    options.setAwsCredentialsProvider(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
    return options;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PersonalizeImport export() {
    return PersonalizeImport.ofExport("s3://shop/export").withDatasetGroupArn(FakePersonalize.GROUP)
        .withRoleArn(ROLE).withPollInterval(Duration.ofMillis(5)).withProgress(lines::add);
  }

  @Test
  void createsOneFullImportJobPerDatasetAndFollowsThemUntilActive() {
    server.withDataset("Interactions").withDataset("Items").withDataset("Users");
    List<ImportJob> jobs = export().run(options);

    assertEquals(List.of("ListDatasets", "ListDatasets", "CreateDatasetImportJob",
        "CreateDatasetImportJob", "CreateDatasetImportJob", "DescribeDatasetImportJob",
        "DescribeDatasetImportJob", "DescribeDatasetImportJob", "DescribeDatasetImportJob",
        "DescribeDatasetImportJob", "DescribeDatasetImportJob", "DescribeDatasetImportJob",
        "DescribeDatasetImportJob", "DescribeDatasetImportJob"), server.operations());
    String auth = server.requests.get(0).authorization();
    assertTrue(auth.contains("Credential=AKIDTEST/") && auth.contains("/us-east-1/personalize/"),
        auth);
    assertEquals(FakePersonalize.GROUP,
        server.requests("ListDatasets").get(1).body().get("datasetGroupArn").asText());
    assertEquals("2", server.requests("ListDatasets").get(1).body().get("nextToken").asText());

    List<JsonNode> creates = server.requests("CreateDatasetImportJob").stream()
        .map(FakePersonalize.Request::body).toList();
    String stamp = creates.get(0).get("jobName").asText().replace("beamglue-interactions-", "");
    assertTrue(stamp.matches("\\d{8}-\\d{6}-[0-9a-f]{4}"), stamp);
    String[] types = {"Interactions", "Items", "Users"};
    for (int i = 0; i < 3; i++) {
      JsonNode create = creates.get(i);
      String folder = types[i].toLowerCase();
      assertEquals("beamglue-" + folder + "-" + stamp, create.get("jobName").asText());
      assertEquals(FakePersonalize.datasetArn(types[i]), create.get("datasetArn").asText());
      assertEquals(ROLE, create.get("roleArn").asText());
      assertEquals("FULL", create.get("importMode").asText());
      assertEquals("s3://shop/export/" + folder + "/",
          create.get("dataSource").get("dataLocation").asText());
      assertEquals(5, create.size(), create.toString());
      ImportJob job = jobs.get(i);
      assertEquals(DatasetType.values()[i], job.type());
      assertEquals("ACTIVE", job.status());
      assertEquals("arn:aws:personalize:us-east-1:123456789012:dataset-import-job/beamglue-"
          + folder + "-" + stamp, job.jobArn());
      assertEquals(job.jobArn(), server.requests("DescribeDatasetImportJob").get(i).body()
          .get("datasetImportJobArn").asText());
    }
    assertEquals(3 + 3 * 3 + 1, lines.size(), String.join("\n", lines));
    assertEquals("Personalize import Items (beamglue-items-" + stamp + "): created, importing "
        + "s3://shop/export/items/.", lines.get(1));
    assertTrue(lines.get(4).matches("Personalize import Items \\(beamglue-items-" + stamp
        + "\\): CREATE PENDING after \\d+s\\."), lines.get(4));
    assertTrue(lines.get(7).matches("Personalize import Items \\(beamglue-items-" + stamp
        + "\\): CREATE PENDING -> CREATE IN_PROGRESS after \\d+s\\."), lines.get(7));
    assertTrue(lines.get(10).matches("Personalize import Items \\(beamglue-items-" + stamp
        + "\\): CREATE IN_PROGRESS -> ACTIVE after \\d+s\\."), lines.get(10));
    assertTrue(lines.get(12).matches(
        "Personalize import: all 3 dataset import jobs are ACTIVE after \\d+s\\."), lines.get(12));
  }

  @Test
  void aFailedImportJobEndsTheRunWithItsReason() {
    server.withDataset("Items").withDataset("Interactions").withDataset("Users");
    server.failType = "Items";
    server.failReason = "Input CSV is missing the following columns: [ITEM_ID].";
    PersonalizeException e = assertThrows(PersonalizeException.class, () -> export().run(options));
    String name = server.requests("CreateDatasetImportJob").get(1).body().get("jobName").asText();
    assertTrue(e.getMessage().matches("The Personalize import job \\Q" + name + "\\E of "
        + "s3://shop/export/items/ into the Items dataset failed after \\d+s: Input CSV is missing "
        + "the following columns: \\[ITEM_ID\\]\\."), e.getMessage());
    assertTrue(lines.get(lines.size() - 1).contains("CREATE IN_PROGRESS -> CREATE FAILED"),
        lines.toString());
  }

  @Test
  void aMissingDatasetIsNamedBeforeAnyJobStarts() {
    server.withDataset("Interactions").withDataset("Items");
    PersonalizeException e = assertThrows(PersonalizeException.class, () -> export().run(options));
    assertEquals("The dataset group " + FakePersonalize.GROUP + " has no Users dataset to import "
        + "s3://shop/export/users/ into (it has Interactions, Items); create it in Personalize "
        + "with the export's schema.json first.", e.getMessage());
    assertEquals(List.of("ListDatasets"), server.operations());
  }

  @Test
  void anUnknownDatasetGroupAndADeniedPermissionAreOneSentenceEach() {
    String unknown = FakePersonalize.GROUP + "-old";
    PersonalizeException missing = assertThrows(PersonalizeException.class,
        () -> export().withDatasetGroupArn(unknown).run(options));
    assertEquals("Amazon Personalize could not list the datasets of the dataset group " + unknown
        + " because it does not exist: Could not find resource " + unknown + ".",
        missing.getMessage());

    server.denyWith = "User is not authorized to perform: personalize:ListDatasets.";
    PersonalizeException denied = assertThrows(PersonalizeException.class,
        () -> export().run(options));
    assertEquals("Amazon Personalize denied the permission to list the datasets of the dataset "
        + "group " + FakePersonalize.GROUP + " (AccessDeniedException): User is not authorized to "
        + "perform: personalize:ListDatasets.", denied.getMessage());
  }

  @Test
  void jobsStillRunningAtTheTimeoutEndTheRun() {
    server.withDataset("Interactions");
    server.stuck = true;
    PersonalizeException e = assertThrows(PersonalizeException.class, () ->
        PersonalizeImport.of(Map.of(DatasetType.INTERACTIONS, "s3://shop/i"))
            .withDatasetGroupArn(FakePersonalize.GROUP).withRoleArn(ROLE)
            .withPollInterval(Duration.ofMillis(20)).withTimeout(Duration.ofMillis(100))
            .withJobNamePrefix("nightly").withProgress(lines::add).run(options));
    assertTrue(e.getMessage().matches("The Personalize import jobs were not all ACTIVE after 0s "
        + "\\(the timeout\\): nightly-interactions-\\d{8}-\\d{6}-[0-9a-f]{4} is CREATE IN_PROGRESS; "
        + "they keep running in Personalize\\."), e.getMessage());
    assertEquals("s3://shop/i/", server.requests("CreateDatasetImportJob").get(0).body()
        .get("dataSource").get("dataLocation").asText());
  }

  @Test
  void aDryRunSaysWhatItWouldImportWithoutCallingAws() {
    List<String> said = PersonalizeImport.ofExport("/tmp/export/").withProgress(lines::add)
        .dryRun();
    assertEquals(List.of(
        "Would import /tmp/export/interactions/ into the Interactions dataset of (no dataset group "
            + "given) with role (no role given) (import mode FULL).",
        "Would import /tmp/export/items/ into the Items dataset of (no dataset group given) with "
            + "role (no role given) (import mode FULL).",
        "Would import /tmp/export/users/ into the Users dataset of (no dataset group given) with "
            + "role (no role given) (import mode FULL)."), said);
    assertEquals(said, lines);
    assertEquals(List.of(), server.operations());
  }

  @Test
  void aRunNeedsArnsAndS3Folders() {
    assertEquals("A Personalize import needs the dataset group's ARN; without it only a dry run is "
        + "possible.", assertThrows(PersonalizeException.class,
            () -> PersonalizeImport.ofExport("s3://shop/x").withRoleArn(ROLE).run(options))
        .getMessage());
    assertEquals("Personalize imports only from S3, but the Interactions folder /tmp/export/"
        + "interactions/ is not an s3:// path.", assertThrows(PersonalizeException.class,
            () -> PersonalizeImport.ofExport("/tmp/export").withDatasetGroupArn(
                FakePersonalize.GROUP).withRoleArn(ROLE).run(options)).getMessage());
    assertEquals(List.of(), server.operations());
  }
}
