package dev.beamglue.pipelines.cli;

import dev.beamglue.io.catalog.Catalog;
import dev.beamglue.io.catalog.CatalogOptions;
import dev.beamglue.io.catalog.Catalogs;
import dev.beamglue.io.files.OutputFolders;
import dev.beamglue.io.json.JsonLinesSink;
import dev.beamglue.io.s3.S3Access;
import dev.beamglue.io.sql.CatalogSql;
import dev.beamglue.io.sql.ResultOrder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * {@code beamglue sql "SELECT ..."}: runs a Beam SQL query over catalog tables on any runner and
 * prints the result, as Athena does over Glue's catalog. Tables are named {@code database.table},
 * or by name alone in the {@code --database}.
 *
 * <p>{@code beamglue sql "SELECT Borough, COUNT(*) AS n FROM processed.playgrounds GROUP BY
 * Borough" --runner=FlinkRunner}
 *
 * <p>The run writes the result as JSON lines to a temporary folder (under {@code --tempLocation}
 * when given, so that a cluster's workers can reach it, else the local temporary folder); the
 * command reads it back, sorts it by the query's {@code ORDER BY} (by every column when there is
 * none), prints at most {@code --maxRows} rows and deletes the folder. A bad query or option is
 * one sentence on standard error and exit code 2; a failed run exits with 1.
 */
final class SqlCommand {

  /** The options of {@code beamglue sql}, besides the runner's. */
  public interface Options extends CatalogOptions {
    @Description("The database whose tables the query may name without their database.")
    String getDatabase();

    void setDatabase(String database);

    @Description("The most rows to print; the command says how many more the result has.")
    @Default.Integer(100)
    int getMaxRows();

    void setMaxRows(int rows);

    @Description("How to print the result: table (aligned text), csv (with a header) or json "
        + "(one object a line).")
    @Default.String("table")
    String getFormat();

    void setFormat(String format);
  }

  static final String USAGE = "beamglue sql \"SELECT ...\" [--catalog=DIR|glue] [--database=DB] "
      + "[--maxRows=N] [--format=table|csv|json] [runner flags]";

  private static final String PREFIX = "beamglue sql: ";
  private static final String HELP = "'beamglue sql --help' lists the options.";
  private static final Set<String> FORMATS = Set.of("table", "csv", "json");

  private final PrintStream out;
  private final PrintStream err;

  SqlCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int execute(String[] args) {
    List<String> words = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        out.println("usage: " + USAGE);
        PipelineOptionsFactory.printHelp(out, Options.class);
        return Beamglue.OK;
      }
      if (arg.startsWith("--")) {
        flags.add(CrawlCommand.camelCase(arg));
      } else {
        words.add(arg);
      }
    }
    if (words.size() != 1 || words.get(0).isBlank()) {
      return usage(words.isEmpty() ? "give the query, in quotes: " + USAGE
          : "give the query as one argument, in quotes (got " + words.size() + " words).");
    }
    String sql = words.get(0).strip().replaceFirst(";\\s*$", "");
    Options options;
    Pipeline pipeline;
    PCollection<Row> rows;
    List<ResultOrder.Key> order;
    String folder;
    Catalog catalog = null;
    try {
      options = PipelineOptionsFactory.fromArgs(RunnerProfiles.apply(flags).toArray(String[]::new))
          .withValidation().as(Options.class);
      EmbeddedFlinkSlots.apply(options);
      if (!FORMATS.contains(options.getFormat())) {
        return usage("--format=" + options.getFormat() + " is not a format; the formats are "
            + "table, csv and json.");
      }
      if (options.getMaxRows() < 0) {
        return usage("--maxRows must be 0 or more, not " + options.getMaxRows() + ".");
      }
      S3Access.configure(options);
      catalog = Catalogs.open(options);
      CatalogSql.Query query = CatalogSql.query(catalog, sql);
      if (options.getDatabase() != null) {
        query = query.withDefaultDatabase(options.getDatabase());
      }
      pipeline = Pipeline.create(options);
      rows = pipeline.apply("Query", query);
      order = ResultOrder.of(sql, rows.getSchema());
      folder = OutputFolders.child(options.getTempLocation() != null
          ? options.getTempLocation() : System.getProperty("java.io.tmpdir"),
          "beamglue-sql-" + UUID.randomUUID());
      rows.apply("Collect the result", JsonLinesSink.to(folder));
    } catch (IllegalArgumentException | IllegalStateException e) {
      close(catalog);
      return usage(explain(e.getMessage(), flags));
    }
    try {
      PipelineResult.State state = pipeline.run().waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        err.println(PREFIX + "the query ended " + state + ".");
        return Beamglue.FAILED;
      }
      SqlResult.read(folder, rows.getSchema()).sorted(order)
          .print(out, options.getFormat(), options.getMaxRows());
      return Beamglue.OK;
    } catch (RuntimeException e) {
      err.println(PREFIX + "the query failed: " + Beamglue.rootCauseMessage(e));
      return Beamglue.FAILED;
    } finally {
      SqlResult.delete(folder);
      close(catalog);
    }
  }

  private static void close(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // The query is answered; a catalog client that fails to close changes nothing.
      }
    }
  }

  private int usage(String sentence) {
    err.println(PREFIX + sentence);
    return Beamglue.USAGE;
  }

  /** Beam's option errors as one sentence; other messages (a query's problem) as they are. */
  private static String explain(String message, List<String> flags) {
    return OptionErrors.explain(message, HELP, flags);
  }
}
