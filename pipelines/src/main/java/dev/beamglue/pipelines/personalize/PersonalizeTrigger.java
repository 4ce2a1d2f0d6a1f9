package dev.beamglue.pipelines.personalize;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The seam between the export and Amazon Personalize: starts the dataset import jobs of a
 * published export, or describes them in a dry run.
 *
 * <p>SEAM: until {@code dev.beamglue.io.personalize.PersonalizeImport} (branch i6-aws) is merged,
 * only the dry run exists here and a real run says so.
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
    ExportPaths paths = ExportPaths.of(options);
    List<String> lines = new ArrayList<>();
    for (Dataset dataset : Dataset.values()) {
      lines.add("would import " + dataset.recordName() + " from " + paths.published(dataset) + "/");
    }
    if (ImportStage.isReal(options)) {
      throw new UnsupportedOperationException(
          "the Personalize import trigger is not built into this version yet.");
    }
    lines.forEach(out::println);
    return lines;
  }
}
