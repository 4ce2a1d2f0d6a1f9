package dev.beamglue.pipelines.playground;

import dev.beamglue.io.files.OutputFolders;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Where the workflow keeps things in its warehouse, and the run's date as partition values:
 * {@code sources/} (the generated or downloaded income file), {@code raw/income-ny/year=2016/},
 * {@code raw/parks/year=Y/month=M/day=D/}, {@code raw/playgrounds/...}, {@code
 * processed/year=Y/month=M/day=D/}, {@code errors/<stage>/year=Y/month=M/day=D/}, {@code ml/}.
 *
 * <p>{@code PlaygroundPaths paths = PlaygroundPaths.of(options); paths.rawParks();}
 */
public final class PlaygroundPaths {

  /** The catalog database of the raw tables, and its tables. */
  public static final String RAW_DATABASE = "raw";
  public static final String PARKS_TABLE = "parks";
  public static final String PLAYGROUNDS_TABLE = "playgrounds";
  public static final String INCOME_TABLE = "income_ny";
  /** The catalog database and table of the processed rows. */
  public static final String PROCESSED_DATABASE = "processed";
  public static final String PROCESSED_TABLE = "processed";
  /** The year of the IRS file, the partition of the raw income table. */
  public static final String INCOME_YEAR = "2016";
  /** The partition keys of the dated tables. */
  public static final List<String> DATE_KEYS = List.of("year", "month", "day");

  private final String warehouse;
  private final LocalDate runDate;

  private PlaygroundPaths(String warehouse, LocalDate runDate) {
    this.warehouse = warehouse;
    this.runDate = runDate;
  }

  /**
   * The paths of the options' warehouse (a local folder made absolute) and run date; throws one
   * sentence for a date that is not YYYY-MM-DD.
   */
  public static PlaygroundPaths of(PlaygroundOptions options) {
    return new PlaygroundPaths(warehouse(options.getWarehouse()), runDate(options.getRunDate()));
  }

  static String warehouse(String warehouse) {
    if (warehouse == null || warehouse.isBlank()) {
      throw new IllegalArgumentException("--warehouse is empty; give a folder or s3://bucket/prefix.");
    }
    String trimmed = warehouse.trim();
    while (trimmed.endsWith("/") && trimmed.length() > 1 && !trimmed.endsWith("://")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return isLocal(trimmed) ? Path.of(trimmed).toAbsolutePath().normalize().toString() : trimmed;
  }

  static boolean isLocal(String path) {
    return !path.contains("://");
  }

  static LocalDate runDate(String date) {
    if (date == null || date.isBlank()) {
      return LocalDate.now();
    }
    try {
      return LocalDate.parse(date.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--runDate=" + date + " is not a date; write it YYYY-MM-DD, e.g. 2019-06-01.", e);
    }
  }

  public String warehouse() {
    return warehouse;
  }

  public boolean isLocal() {
    return isLocal(warehouse);
  }

  public LocalDate runDate() {
    return runDate;
  }

  /** The run date's partition values: year, month and day, two digits for month and day. */
  public List<String> dateValues() {
    return List.of(String.format(Locale.ROOT, "%04d", runDate.getYear()),
        String.format(Locale.ROOT, "%02d", runDate.getMonthValue()),
        String.format(Locale.ROOT, "%02d", runDate.getDayOfMonth()));
  }

  /** {@code year=Y/month=M/day=D}. */
  public String datePartition() {
    List<String> values = dateValues();
    return "year=" + values.get(0) + "/month=" + values.get(1) + "/day=" + values.get(2);
  }

  /** The push-down predicate that selects the run date's partition. */
  public String datePredicate() {
    List<String> values = dateValues();
    return "year = '" + values.get(0) + "' AND month = '" + values.get(1) + "' AND day = '"
        + values.get(2) + "'";
  }

  public String folder(String relative) {
    return OutputFolders.child(warehouse, relative);
  }

  public String sources() {
    return folder("sources");
  }

  public String raw() {
    return folder("raw");
  }

  public String rawIncome() {
    return folder("raw/income-ny");
  }

  public String rawParks() {
    return folder("raw/parks");
  }

  public String rawPlaygrounds() {
    return folder("raw/playgrounds");
  }

  public String processed() {
    return folder("processed");
  }

  public String ml() {
    return folder("ml");
  }

  /** The embedded catalog's folder when the warehouse is local: {@code <warehouse>/catalog}. */
  public String catalog() {
    return folder("catalog");
  }

  /** The error records of a stage for the run date. */
  public String errors(String stage) {
    return folder("errors/" + stage + "/" + datePartition());
  }
}
