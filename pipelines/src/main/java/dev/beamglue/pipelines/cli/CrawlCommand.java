package dev.beamglue.pipelines.cli;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.crawler.CrawlReport;
import dev.beamglue.io.crawler.Crawler;
import dev.beamglue.io.s3.S3Access;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code beamglue crawl}: crawls a folder or S3 prefix into a catalog database and prints what it
 * created, updated and skipped. Flags take Beam's camelCase names or the dashed ones ({@code
 * --table-level}, {@code --combine-compatible-schemas}, {@code --sample-size}); {@code --exclude}
 * may repeat, and its value is taken whole (a glob's {@code {a,b}} is not split).
 *
 * <p>{@code beamglue crawl --path=/data/raw --database=raw --exclude=tmp --catalog=/data/catalog}
 */
final class CrawlCommand {

  static final String USAGE =
      "beamglue crawl --path=DIR_OR_S3_PREFIX --database=NAME [--exclude=GLOB ...] "
          + "[--table-level=N] [--combine-compatible-schemas] [--sample-size=N] "
          + "[--catalog=DIR|glue]";

  private static final String PREFIX = "beamglue crawl: ";
  private static final String HELP = "'beamglue crawl --help' lists the options.";

  private final PrintStream out;
  private final PrintStream err;

  CrawlCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int execute(String[] args) {
    if (Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      out.println("usage: " + USAGE);
      PipelineOptionsFactory.printHelp(out, CrawlOptions.class);
      return Beamglue.OK;
    }
    List<String> excludes = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--exclude=")) {
        excludes.add(arg.substring("--exclude=".length()));
      } else {
        flags.add(camelCase(arg));
      }
    }
    CrawlOptions options;
    Crawler crawler;
    try {
      options = PipelineOptionsFactory.fromArgs(flags.toArray(String[]::new))
          .withValidation()
          .as(CrawlOptions.class);
      options.setExclude(excludes);
      S3Access.configure(options);
      crawler = Crawler.of(options.getPath(), options.getDatabase())
          .withExcludes(excludes)
          .withCombineCompatibleSchemas(options.getCombineCompatibleSchemas())
          .withSampleSize(options.getSampleSize());
      if (options.getTableLevel() != null) {
        crawler = crawler.withTableLevel(options.getTableLevel());
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(PREFIX + explain(e.getMessage(), flags));
      return Beamglue.USAGE;
    }
    CrawlReport report;
    try {
      Catalog catalog = Catalogs.open(options);
      report = crawler.crawl(catalog);
    } catch (IllegalArgumentException e) {
      err.println(PREFIX + firstLine(e.getMessage()));
      return Beamglue.USAGE;
    } catch (RuntimeException e) {
      err.println(PREFIX + "the crawl failed: " + Beamglue.rootCauseMessage(e));
      return Beamglue.FAILED;
    }
    report.lines().forEach(out::println);
    return Beamglue.OK;
  }

  /** {@code --table-level=2} as {@code --tableLevel=2}; other arguments unchanged. */
  static String camelCase(String arg) {
    if (!arg.startsWith("--")) {
      return arg;
    }
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
    String rest = eq < 0 ? "" : arg.substring(eq);
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return "--" + camel + rest;
  }

  /** Beam's option errors as one sentence. */
  static String explain(String message, List<String> flags) {
    return OptionErrors.explain(message, HELP, flags);
  }

  private static String firstLine(String message) {
    return message == null ? "invalid input." : message.lines().findFirst().orElse(message);
  }
}
