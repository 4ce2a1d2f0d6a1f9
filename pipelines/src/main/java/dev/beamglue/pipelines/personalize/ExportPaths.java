package dev.beamglue.pipelines.personalize;

import dev.beamglue.io.files.OutputFolders;

/**
 * The folders of one export under {@code --output}: the published datasets ({@code
 * interactions/}, {@code items/}, {@code users/}), the hidden folder a run writes them to first
 * ({@code .next/}), the error records ({@code errors/}), the validation report ({@code
 * validation-report.json}) and the generated sources ({@code sources/}).
 *
 * <p>{@code String staged = ExportPaths.of(options).staged(Dataset.ITEMS);}
 */
public record ExportPaths(String output) {

  /** The hidden folder the run stages its datasets in, until they are published. */
  public static final String STAGING = ".next";
  /** The hidden folder the previous export is moved to while it is replaced. */
  public static final String PREVIOUS = ".previous";

  public ExportPaths {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("--output is empty: give the export folder.");
    }
    output = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
  }

  public static ExportPaths of(PersonalizeOptions options) {
    return new ExportPaths(options.getOutput());
  }

  /** Where Personalize reads the dataset: {@code <output>/<dataset>}. */
  public String published(Dataset dataset) {
    return OutputFolders.child(output, dataset.folder());
  }

  public String staging() {
    return OutputFolders.child(output, STAGING);
  }

  public String staged(Dataset dataset) {
    return OutputFolders.child(staging(), dataset.folder());
  }

  public String previous() {
    return OutputFolders.child(output, PREVIOUS);
  }

  public String errors() {
    return OutputFolders.child(output, "errors");
  }

  public String report() {
    return OutputFolders.child(output, "validation-report.json");
  }

  /** A generated source file: {@code <output>/sources/<name>}. */
  public String source(String name) {
    return OutputFolders.child(OutputFolders.child(output, "sources"), name);
  }

  /** Whether the export is on the local file system (where folders are swapped by a rename). */
  public boolean isLocal() {
    return !output.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || output.startsWith("file://");
  }
}
