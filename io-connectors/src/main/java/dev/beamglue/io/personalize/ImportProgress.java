package dev.beamglue.io.personalize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;

/**
 * Follows dataset import jobs with {@code DescribeDatasetImportJob} until all are {@code ACTIVE},
 * printing a line per status change with the time elapsed; a failed job or the timeout ends it
 * with one {@link PersonalizeException} sentence.
 *
 * <p>{@code new ImportProgress(client, System.out::println, poll, timeout).follow(jobs, start);}
 */
final class ImportProgress {

  private final PersonalizeClient client;
  private final Consumer<String> out;
  private final Duration pollInterval;
  private final Duration timeout;

  ImportProgress(PersonalizeClient client, Consumer<String> out, Duration pollInterval,
      Duration timeout) {
    this.client = client;
    this.out = out;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  /** The jobs once all are ACTIVE; {@code started} is the {@link System#nanoTime()} of creation. */
  List<ImportJob> follow(List<ImportJob> created, long started) {
    List<ImportJob> jobs = new ArrayList<>(created);
    while (true) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      boolean allActive = true;
      for (int i = 0; i < jobs.size(); i++) {
        ImportJob job = jobs.get(i);
        if (PersonalizeImport.ACTIVE.equals(job.status())) {
          continue;
        }
        DatasetImportJob described = PersonalizeClients.call("describe the import job "
            + job.jobName(), () -> client.describeDatasetImportJob(
                r -> r.datasetImportJobArn(job.jobArn())).datasetImportJob());
        String status = described.status() == null ? "" : described.status();
        if (!status.equals(job.status())) {
          out.accept("Personalize import " + job.type().personalizeName() + " (" + job.jobName()
              + "): " + (job.status().isEmpty() ? "" : job.status() + " -> ") + status
              + " after " + format(elapsed) + ".");
          jobs.set(i, job.withStatus(status, elapsed));
        }
        if (PersonalizeImport.FAILED.equals(status)) {
          throw new PersonalizeException("The Personalize import job " + job.jobName() + " of "
              + job.dataLocation() + " into the " + job.type().personalizeName()
              + " dataset failed after " + format(elapsed) + ": " + reason(described) + ".");
        }
        allActive &= PersonalizeImport.ACTIVE.equals(status);
      }
      if (allActive) {
        out.accept("Personalize import: all " + jobs.size() + " dataset import jobs are ACTIVE "
            + "after " + format(elapsed) + ".");
        return jobs;
      }
      if (elapsed.compareTo(timeout) >= 0) {
        throw new PersonalizeException("The Personalize import jobs were not all ACTIVE after "
            + format(timeout) + " (the timeout): " + pending(jobs) + "; they keep running in "
            + "Personalize.");
      }
      sleep();
    }
  }

  private static String reason(DatasetImportJob job) {
    String reason = job.failureReason();
    return reason == null || reason.isBlank() ? "Personalize gave no reason"
        : reason.strip().replaceAll("\\.$", "");
  }

  private static String pending(List<ImportJob> jobs) {
    List<String> parts = new ArrayList<>();
    for (ImportJob job : jobs) {
      if (!PersonalizeImport.ACTIVE.equals(job.status())) {
        parts.add(job.jobName() + " is " + job.status());
      }
    }
    return String.join(", ", parts);
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PersonalizeException("Following the Personalize import jobs was interrupted; "
          + "they keep running in Personalize.", e);
    }
  }

  /** A duration as {@code 1h 02m 03s}, {@code 2m 05s} or {@code 7s}. */
  static String format(Duration d) {
    long s = d.getSeconds();
    if (s >= 3600) {
      return String.format("%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
    }
    return s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
  }
}
