package dev.beamglue.io.personalize;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.DataSource;
import software.amazon.awssdk.services.personalize.model.ImportMode;

/**
 * Starts the Amazon Personalize dataset import jobs of an export, one per dataset, and follows
 * them until all are {@code ACTIVE} or one fails: the trigger that trains the recommender once
 * the interactions, items and users are exported. Without a dataset group, {@link #dryRun()} says
 * what a run would import.
 *
 * <p>{@code PersonalizeImport.ofExport("s3://bucket/export").withDatasetGroupArn(group)
 * .withRoleArn(role).run(options);}
 *
 * <p>A run lists the dataset group's datasets ({@code ListDatasets}), creates a job per exported
 * dataset ({@code CreateDatasetImportJob}, import mode {@code FULL}, a job name unique per run)
 * and describes the jobs every poll interval ({@code DescribeDatasetImportJob}), printing a line
 * per status change, until all are {@code ACTIVE}. A failed job, a missing dataset, a denied
 * permission or the timeout end the run with one {@link PersonalizeException} sentence. This has
 * been tested against a local endpoint that checks the requests, not against AWS itself.
 */
public final class PersonalizeImport {

  static final String ACTIVE = "ACTIVE";
  static final String FAILED = "CREATE FAILED";
  private static final Pattern JOB_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]{0,30}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Map<DatasetType, String> folders;
  private final String datasetGroupArn;
  private final String roleArn;
  private final Duration pollInterval;
  private final Duration timeout;
  private final String jobNamePrefix;
  private final Consumer<String> progress;

  private PersonalizeImport(Map<DatasetType, String> folders, String datasetGroupArn,
      String roleArn, Duration pollInterval, Duration timeout, String jobNamePrefix,
      Consumer<String> progress) {
    this.folders = folders;
    this.datasetGroupArn = datasetGroupArn;
    this.roleArn = roleArn;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
    this.jobNamePrefix = jobNamePrefix;
    this.progress = progress;
  }

  /** An import of the given folders, one per dataset type, each holding that dataset's CSV files. */
  public static PersonalizeImport of(Map<DatasetType, String> folders) {
    if (folders.isEmpty()) {
      throw new IllegalArgumentException("A Personalize import needs at least one dataset folder.");
    }
    Map<DatasetType, String> copy = new EnumMap<>(DatasetType.class);
    folders.forEach((type, folder) -> copy.put(type, asFolder(type, folder)));
    return new PersonalizeImport(Collections.unmodifiableMap(copy), null, null,
        Duration.ofSeconds(30), Duration.ofHours(6), "beamglue", System.out::println);
  }

  /** An import of an export's {@code interactions/}, {@code items/} and {@code users/} folders. */
  public static PersonalizeImport ofExport(String outputRoot) {
    Map<DatasetType, String> folders = new LinkedHashMap<>();
    String root = outputRoot.endsWith("/") ? outputRoot : outputRoot + "/";
    for (DatasetType type : DatasetType.values()) {
      folders.put(type, root + type.folderName() + "/");
    }
    return of(folders);
  }

  public PersonalizeImport withDatasetGroupArn(String arn) {
    return new PersonalizeImport(folders, arn, roleArn, pollInterval, timeout, jobNamePrefix,
        progress);
  }

  /** The IAM role Personalize assumes to read the S3 folders. */
  public PersonalizeImport withRoleArn(String arn) {
    return new PersonalizeImport(folders, datasetGroupArn, arn, pollInterval, timeout,
        jobNamePrefix, progress);
  }

  public PersonalizeImport withPollInterval(Duration interval) {
    return new PersonalizeImport(folders, datasetGroupArn, roleArn, positive("poll interval",
        interval), timeout, jobNamePrefix, progress);
  }

  public PersonalizeImport withTimeout(Duration maximum) {
    return new PersonalizeImport(folders, datasetGroupArn, roleArn, pollInterval,
        positive("timeout", maximum), jobNamePrefix, progress);
  }

  /** The start of every job name: a letter or digit, then letters, digits, '-' or '_' (31 at most). */
  public PersonalizeImport withJobNamePrefix(String prefix) {
    if (prefix == null || !JOB_NAME.matcher(prefix).matches()) {
      throw new IllegalArgumentException("The job name prefix '" + prefix + "' is not valid: use "
          + "a letter or digit, then letters, digits, '-' or '_', 31 characters at most.");
    }
    return new PersonalizeImport(folders, datasetGroupArn, roleArn, pollInterval, timeout, prefix,
        progress);
  }

  /** Where the progress lines go (default: standard output). */
  public PersonalizeImport withProgress(Consumer<String> out) {
    return new PersonalizeImport(folders, datasetGroupArn, roleArn, pollInterval, timeout,
        jobNamePrefix, out);
  }

  /** The folder of each dataset type, each ending with '/'. */
  public Map<DatasetType, String> folders() {
    return folders;
  }

  /** The lines saying what a run would import, also sent to the progress output; no AWS call. */
  public List<String> dryRun() {
    List<String> lines = new ArrayList<>();
    String group = datasetGroupArn == null ? "(no dataset group given)" : datasetGroupArn;
    String role = roleArn == null ? "(no role given)" : roleArn;
    folders.forEach((type, folder) -> lines.add("Would import " + folder + " into the "
        + type.personalizeName() + " dataset of " + group + " with role " + role
        + " (import mode FULL)."));
    lines.forEach(progress);
    return lines;
  }

  /** Runs the import with a client built from the options, which it closes. */
  public List<ImportJob> run(AwsOptions options) {
    check();
    try (PersonalizeClient client = PersonalizeClients.personalize(options)) {
      return run(client);
    }
  }

  /** Runs the import with the caller's client; returns the jobs, all {@code ACTIVE}. */
  public List<ImportJob> run(PersonalizeClient client) {
    check();
    Map<DatasetType, String> datasets = datasets(client);
    String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
        + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
    long started = System.nanoTime();
    List<ImportJob> jobs = new ArrayList<>();
    for (Map.Entry<DatasetType, String> entry : folders.entrySet()) {
      DatasetType type = entry.getKey();
      String name = jobNamePrefix + "-" + type.folderName() + "-" + stamp;
      String datasetArn = datasets.get(type);
      String arn = PersonalizeClients.call("create the import job " + name + " of "
          + entry.getValue() + " into the " + type.personalizeName() + " dataset", () ->
          client.createDatasetImportJob(r -> r.jobName(name).datasetArn(datasetArn)
              .roleArn(roleArn).importMode(ImportMode.FULL)
              .dataSource(DataSource.builder().dataLocation(entry.getValue()).build()))
              .datasetImportJobArn());
      progress.accept("Personalize import " + type.personalizeName() + " (" + name
          + "): created, importing " + entry.getValue() + ".");
      jobs.add(new ImportJob(type, name, arn, datasetArn, entry.getValue(), "", Duration.ZERO));
    }
    return new ImportProgress(client, progress, pollInterval, timeout).follow(jobs, started);
  }

  /** The ARN of each exported type's dataset in the group; one sentence when one is missing. */
  private Map<DatasetType, String> datasets(PersonalizeClient client) {
    Map<DatasetType, String> arns = new EnumMap<>(DatasetType.class);
    List<String> present = new ArrayList<>();
    PersonalizeClients.call("list the datasets of the dataset group " + datasetGroupArn, () -> {
      client.listDatasetsPaginator(r -> r.datasetGroupArn(datasetGroupArn)).forEach(page ->
          page.datasets().forEach(d -> {
            present.add(d.datasetType());
            DatasetType.ofPersonalizeName(d.datasetType())
                .ifPresent(type -> arns.put(type, d.datasetArn()));
          }));
      return null;
    });
    for (DatasetType type : folders.keySet()) {
      if (!arns.containsKey(type)) {
        throw new PersonalizeException("The dataset group " + datasetGroupArn + " has no "
            + type.personalizeName() + " dataset to import " + folders.get(type) + " into (it has "
            + (present.isEmpty() ? "no datasets" : String.join(", ", present))
            + "); create it in Personalize with the export's schema.json first.");
      }
    }
    return arns;
  }

  private void check() {
    if (datasetGroupArn == null || datasetGroupArn.isBlank()) {
      throw new PersonalizeException("A Personalize import needs the dataset group's ARN; "
          + "without it only a dry run is possible.");
    }
    if (roleArn == null || roleArn.isBlank()) {
      throw new PersonalizeException("A Personalize import needs the ARN of an IAM role that "
          + "Personalize can assume to read " + folders.values().iterator().next() + ".");
    }
    folders.forEach((type, folder) -> {
      if (!folder.startsWith("s3://")) {
        throw new PersonalizeException("Personalize imports only from S3, but the "
            + type.personalizeName() + " folder " + folder + " is not an s3:// path.");
      }
    });
  }

  private static String asFolder(DatasetType type, String folder) {
    if (type == null || folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("A Personalize import needs a dataset type and a folder "
          + "for each dataset, but got " + type + " -> " + folder + ".");
    }
    return folder.endsWith("/") ? folder : folder + "/";
  }

  private static Duration positive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("The " + what + " of a Personalize import must be "
          + "positive, not " + value + ".");
    }
    return value;
  }
}
