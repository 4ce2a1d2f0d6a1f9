package dev.beamglue.pipelines.playground;

import dev.beamglue.io.files.Downloads;
import dev.beamglue.io.files.InputFiles;
import java.util.Locale;
import java.util.SortedSet;

/**
 * The income file the import reads: {@code --incomeSource} as it is (a file or glob, local or
 * {@code s3://}), the file an http(s) URL names downloaded to {@code <warehouse>/sources/}, or,
 * without {@code --incomeSource}, a file generated there by {@link IrsIncomeGenerator} from {@code
 * --incomeSeed} and {@code --incomeScale} holding every New York zip code of the parks file.
 *
 * <p>{@code String csv = IncomeSource.resolve(options, PlaygroundPaths.of(options));}
 */
final class IncomeSource {

  private IncomeSource() {}

  /** Checks a given source before anything runs: a path must match files; a URL is taken as is. */
  static void validate(PlaygroundOptions options) {
    String source = options.getIncomeSource();
    if (source == null) {
      IrsIncomeGenerator.withSeed(options.getIncomeSeed()).withScale(options.getIncomeScale());
      return;
    }
    if (source.isBlank()) {
      throw new IllegalArgumentException(
          "--incomeSource is empty; give a file, an s3:// path or an http(s) URL, or leave it out "
              + "to generate the income file.");
    }
    if (!Downloads.isUrl(source)) {
      requireFiles("--incomeSource", source);
    }
  }

  /** Throws one sentence naming the option when the path matches no file. */
  static void requireFiles(String option, String path) {
    try {
      InputFiles.match(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + "=" + path + " names no readable file: "
          + e.getMessage(), e);
    }
  }

  /** The path of the CSV to import, generating or downloading it first when needed. */
  static String resolve(PlaygroundOptions options, PlaygroundPaths paths) {
    String source = options.getIncomeSource();
    if (source != null && Downloads.isUrl(source)) {
      return Downloads.fetch(source, paths.sources());
    }
    if (source != null) {
      return source.trim();
    }
    SortedSet<Integer> zips = ParkZipCodes.read(options.getParks());
    String path = paths.sources() + "/" + generatedName(options.getIncomeSeed(), options.getIncomeScale());
    IrsIncomeGenerator.withSeed(options.getIncomeSeed())
        .withScale(options.getIncomeScale())
        .withZipCodes("NY", zips)
        .writeTo(path);
    return path;
  }

  /** {@code 16zpallagi-generated-seed2016-scale1.csv}. */
  static String generatedName(long seed, double scale) {
    String scaleText = scale == Math.rint(scale)
        ? String.valueOf((long) scale)
        : String.valueOf(scale).replace('.', '_');
    return String.format(Locale.ROOT, "16zpallagi-generated-seed%d-scale%s.csv", seed, scaleText);
  }
}
