package dev.beamglue.io.personalize;

import java.time.Duration;

/**
 * One dataset import job of a {@link PersonalizeImport} run, as last described.
 *
 * <p>{@code for (ImportJob job : imports.run(options)) { System.out.println(job.jobArn()); }}
 *
 * @param type the dataset the job imports into
 * @param jobName the job's name, unique per run
 * @param jobArn the job's ARN
 * @param datasetArn the dataset's ARN
 * @param dataLocation the S3 folder imported (with a trailing slash)
 * @param status Personalize's last status of the job, e.g. {@code ACTIVE}
 * @param elapsed the time from the job's creation to that status
 */
public record ImportJob(DatasetType type, String jobName, String jobArn, String datasetArn,
    String dataLocation, String status, Duration elapsed) {

  ImportJob withStatus(String newStatus, Duration newElapsed) {
    return new ImportJob(type, jobName, jobArn, datasetArn, dataLocation, newStatus, newElapsed);
  }
}
