package dev.beamglue.pipelines.playground;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns of the IRS "individual income tax statistics by zip code" file for 2016
 * ({@code 16zpallagi.csv}), in the file's order: the four keys (STATEFIPS, STATE, zipcode,
 * agi_stub), then counts of returns ({@code N...}) and amounts in thousands of dollars ({@code
 * A...}). Names are upper case except {@code zipcode} and {@code agi_stub}, as the issue writes
 * them; the IRS itself spells the single-returns count {@code mars1}, and the transform matches
 * income columns without regard to case, so the real file reads as well.
 *
 * <p>{@code String header = String.join(",", IrsColumns.ALL);}
 */
final class IrsColumns {

  static final String STATEFIPS = "STATEFIPS";
  static final String STATE = "STATE";
  static final String ZIPCODE = "zipcode";
  static final String AGI_STUB = "agi_stub";

  /** The count and amount columns after the keys, in the file's order. */
  static final List<String> MEASURES = measures();

  /** Every column, in the file's order. */
  static final List<String> ALL = all();

  private IrsColumns() {}

  private static List<String> measures() {
    List<String> columns = new ArrayList<>(List.of(
        "N1", "MARS1", "MARS2", "MARS4", "PREP", "N2", "NUMDEP", "TOTAL_VITA", "VITA", "TCE",
        "VITA_EIC", "RAL", "RAC", "ELDERLY", "A00100", "N02650", "A02650"));
    pairs(columns, "00200", "00300", "00600", "00650", "00700", "00900", "01000", "01400",
        "01700");
    columns.add("SCHF");
    pairs(columns, "02300", "02500", "26270", "02900", "03220", "03300", "03270", "03150",
        "03210", "03230", "03240", "04470");
    columns.add("A00101");
    pairs(columns, "17000", "18425", "18450", "18500", "18800", "18300", "19300", "19500",
        "19530", "19550", "19570", "19700", "20800", "21020", "04800", "05800", "09600", "05780",
        "07100", "07300", "07180", "07230", "07240", "07220", "07260", "09400", "85770", "85775",
        "09750", "10600", "59660", "59720", "11070", "10960", "11560", "06500", "10300", "85530",
        "85300", "11901", "11902");
    return Collections.unmodifiableList(columns);
  }

  private static void pairs(List<String> columns, String... codes) {
    for (String code : codes) {
      columns.add("N" + code);
      columns.add("A" + code);
    }
  }

  private static List<String> all() {
    List<String> columns = new ArrayList<>(List.of(STATEFIPS, STATE, ZIPCODE, AGI_STUB));
    columns.addAll(MEASURES);
    return Collections.unmodifiableList(columns);
  }
}
