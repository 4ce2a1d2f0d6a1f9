package dev.beamglue.pipelines.personalize;

import dev.beamglue.io.personalize.ImportJob;
import dev.beamglue.io.personalize.PersonalizeImport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;

/**
 * The trigger of training: starts the Personalize dataset import jobs of the published export
 * through {@link PersonalizeImport} (AWS SDK v2, the AWS options of the run) and follows them
 * until they are active, printing their progress; without a dataset group and role, prints what
 * it would import. Tested against a local endpoint that checks the SDK's requests, not against
 * AWS itself.
 *
 * <p>{@code List<String> imports = PersonalizeTrigger.trigger(options, System.out);}
 */
final class PersonalizeTrigger {

  private PersonalizeTrigger() {}

  /** One line per dataset imported (or that would be, in a dry run). */
  static List<String> trigger(PersonalizeOptions options, PrintStream out) {
    if (options.getDatasetGroupArn() != null ^ options.getRoleArn() != null) {
      throw new IllegalArgumentException(
          "Give both --datasetGroupArn and --roleArn to import into Personalize, or neither for a "
              + "dry run.");
    }
    PersonalizeImport imports = PersonalizeImport.ofExport(ExportPaths.of(options).output())
        .withProgress(out::println);
    if (!ImportStage.isReal(options)) {
      return imports.dryRun();
    }
    List<String> lines = new ArrayList<>();
    for (ImportJob job : imports.withDatasetGroupArn(options.getDatasetGroupArn())
        .withRoleArn(options.getRoleArn()).run(options.as(AwsOptions.class))) {
      lines.add(job.type() + " " + job.jobArn() + " " + job.status());
    }
    return lines;
  }
}
