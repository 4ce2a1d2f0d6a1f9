package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.parquet.ParquetFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beamglue run playground-accessibility} on the bundled parks and playgrounds and the
 * generated income file, every stage on the Direct runner, the counts of each stage checked
 * against what the JSON files say on their own.
 *
 * <p>The run turns off the Direct runner's immutability and encodability checks: profiled, they
 * cost a third of its time here (every element of the 150-column income rows is encoded twice per
 * step, and the pipeline is walked for every bundle). The transforms of each stage are checked
 * with them on by their own pipeline tests ({@code PlaygroundJoinTest} and the library's).
 */
class PlaygroundWorkflowTest {

  static final String PARKS = "../data/playgrounds/DPR_Parks_001.json";
  static final String PLAYGROUNDS = "../data/playgrounds/DPR_Playgrounds_001.json";

  @TempDir Path dir;

  private final CommandLine cli = new CommandLine();

  private void assertLine(String line) {
    assertTrue(cli.output().lines().anyMatch(l -> l.trim().equals(line)),
        () -> "no line '" + line + "' in:\n" + cli.output());
  }

  @Test
  void runsEveryStageOnTheBundledData() throws IOException {
    Path warehouse = dir.resolve("warehouse");
    String[] run = {"run", "playground-accessibility", "--warehouse=" + warehouse,
        "--runDate=2019-06-01", "--parks=" + PARKS, "--playgrounds=" + PLAYGROUNDS,
        "--enforceImmutability=false", "--enforceEncodability=false"};
    assertEquals(0, cli.run(run), () -> cli.output());
    String first = cli.output();

    // import: three tables, nothing unreadable
    long incomeRows = lines(warehouse.resolve(
        "sources/16zpallagi-generated-seed2016-scale1.csv")) - 1;
    assertTrue(incomeRows > 15_000, "income rows " + incomeRows);
    assertLine(String.format("written  %,12d rows     -> %s (CSV, income_ny)", incomeRows,
        warehouse.resolve("raw/income-ny/year=2016")));
    assertLine(String.format("written  %,12d rows     -> %s (Parquet, parks)", 1_675,
        warehouse.resolve("raw/parks/year=2019/month=06/day=01")));
    assertLine(String.format("written  %,12d rows     -> %s (Parquet, playgrounds)", 1_269,
        warehouse.resolve("raw/playgrounds/year=2019/month=06/day=01")));
    assertLine(String.format("check    %,d read = %,d written + 0 errors", incomeRows + 2_944,
        incomeRows + 2_944));

    // transform: every step reconciled, the split parks and the truncated codes said
    Expected expected = Expected.from(PARKS, PLAYGROUNDS);
    assertLine(String.format("check    %,d income rows = %,d income rows of NY + %,d income rows "
        + "of other states", incomeRows, expected.newYorkIncomeRows(incomeRows, warehouse),
        incomeRows - expected.newYorkIncomeRows(incomeRows, warehouse)));
    assertLine("check    1,675 parks = 1,550 parks with one zip code or none + 125 parks with "
        + "several zip codes, split");
    assertLine("check    1,912 park rows, one zip code each = 1,550 parks with one zip code or "
        + "none + 362 park rows from the split parks");
    assertLine("step                3 rows     zip fragments that are not codes (errors)");
    assertLine("step           10,836 rows     park x income rows");
    assertLine("check    1,269 playgrounds = 1,008 playgrounds with a park and income + 261 "
        + "playgrounds without a park and income");
    assertLine("check    261 playgrounds without a park and income = 261 processed rows without "
        + "(one per playground)");
    assertLine(String.format("written  %,12d rows     -> %s (Parquet, processed)",
        expected.processedRows(), warehouse.resolve("processed/year=2019/month=06/day=01")));
    assertLine(String.format("errors   %,12d records  -> %s (JSON lines)", 3,
        warehouse.resolve("errors/transform/year=2019/month=06/day=01")));
    assertTrue(first.contains("playground-accessibility finished 5 stages in"), first);

    // the catalog in the warehouse: raw tables by folder name, the processed table's columns
    EmbeddedCatalog catalog = EmbeddedCatalog.open(warehouse.resolve("catalog"));
    assertEquals(List.of("income_ny", "parks", "playgrounds"),
        catalog.tables("raw").stream().map(CatalogTable::name).sorted().toList());
    CatalogTable processed = catalog.table("processed", "processed");
    assertEquals(PROCESSED_COLUMNS, processed.columns());
    assertEquals(List.of("year", "month", "day"), processed.partitionKeys());

    // every playground in the processed rows, as often as its park's codes and brackets say
    String partition = warehouse.resolve("processed/year=2019/month=06/day=01").toString();
    assertEquals(expected.perPlayground(), perPlayground(ParquetFiles.readRecords(partition)));

    // the ML sets
    Path ml = warehouse.resolve("ml/year=2019/month=06/day=01");
    assertTrue(lines(ml.resolve("train.csv")) > lines(ml.resolve("validation.csv")));
    assertTrue(Files.exists(ml.resolve("features.json")));

    assertEquals(8_709, expected.processedRows());
    assertTrue(cli.output().lines().anyMatch(l -> l.trim().startsWith("check               8,709 in = ")
        && !l.contains("do not reconcile")), cli.output());
  }

  @Test
  void stopsAtTheFirstFailingStageNamingIt() {
    Path warehouse = dir.resolve("empty");
    assertEquals(2, cli.run("run", "playground-accessibility", "--warehouse=" + warehouse,
        "--runDate=2019-06-01", "--stages=transform,ml"), () -> cli.output());
    assertEquals("beamglue run playground-accessibility: stage transform failed: The catalog has "
        + "no database 'raw'; it has no databases yet (run beamglue crawl to create one).",
        cli.err().trim());
    assertTrue(cli.output().contains("transform") && cli.output().contains("FAILED"), cli.output());

    assertEquals(2, cli.run("run", "playground-accessibility", "--warehouse=" + warehouse,
        "--stages=import,train"));
    assertEquals("beamglue run playground-accessibility: --stages names an unknown stage 'train'; "
        + "the stages are import, crawl-raw, transform, crawl-processed, ml.",
        cli.err().trim());
    assertEquals(2, cli.run("run", "playground-accessibility", "--warehouse=" + warehouse,
        "--runDate=2019-6-1"));
    assertEquals("beamglue run playground-accessibility: --runDate=2019-6-1 is not a date; write "
        + "it YYYY-MM-DD, e.g. 2019-06-01.", cli.err().trim());
    assertEquals(2, cli.run("run", "playground-accessibility", "--warehouse=" + warehouse,
        "--incomeSource=" + dir.resolve("nothing.csv"), "--parks=" + PARKS,
        "--playgrounds=" + PLAYGROUNDS));
    assertEquals("beamglue run playground-accessibility: --incomeSource=" + dir.resolve(
        "nothing.csv") + " names no readable file: No files match '" + dir.resolve("nothing.csv")
        + "'.", cli.err().trim());
  }

  /** The processed table's columns, as the crawler catalogs them. */
  static final Schema PROCESSED_COLUMNS = processedColumns();

  private static Schema processedColumns() {
    Schema.Builder columns = Schema.builder();
    for (String name : List.of("Playground_ID", "School_ID", "Status", "Accessible", "Level",
        "Adaptive_Swing", "lat", "lon")) {
      columns.addNullableField(name, FieldType.STRING);
    }
    for (String name : List.of("zipcode", "size_of_adjusted_gross_income", "num_of_returns",
        "num_of_single_returns", "num_of_joint_returns", "num_of_head_of_household_returns",
        "num_with_paid_preparers_signature", "num_of_exemptions", "num_of_dependents",
        "num_of_volunteer_prepared_returns_Total",
        "num_of_volunteer_prepared_returns_Num_of_volunteer_income_tax_assistance_prepared_returns",
        "num_of_volunteer_prepared_returns_Num_of_tax_counseling_for_the_elderly_prepared_returns")) {
      columns.addNullableField(name, FieldType.INT64);
    }
    for (String name : List.of("Prop_ID", "Name", "Location")) {
      columns.addNullableField(name, FieldType.STRING);
    }
    return columns.build();
  }

  private static long lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }

  /** The number of processed rows of each playground, by its columns. */
  private static Map<String, Long> perPlayground(List<GenericRecord> records) {
    Map<String, Long> counts = new HashMap<>();
    for (GenericRecord r : records) {
      counts.merge(playgroundKey(r.get("Playground_ID"), r.get("Level"), r.get("lat"),
          r.get("lon"), r.get("Accessible"), r.get("Adaptive_Swing")), 1L, Long::sum);
    }
    return counts;
  }

  private static String playgroundKey(Object... values) {
    StringBuilder key = new StringBuilder();
    for (Object value : values) {
      key.append(value == null ? "<null>" : value.toString()).append('|');
    }
    return key.toString();
  }

  /** What the processed rows must be, computed from the JSON files on their own. */
  record Expected(Map<String, Long> perPlayground, long processedRows) {

    static final Pattern ZIP = Pattern.compile("\\d{5}");

    static Expected from(String parksFile, String playgroundsFile) throws IOException {
      ObjectMapper json = new ObjectMapper();
      Map<String, Integer> codes = new HashMap<>();
      for (JsonNode park : json.readTree(new File(parksFile))) {
        int count = 0;
        if (park.hasNonNull("Zip")) {
          for (String code : park.get("Zip").asText().split(",")) {
            count += ZIP.matcher(code.trim()).matches() ? 1 : 0;
          }
        }
        codes.put(park.get("Prop_ID").asText(), count);
      }
      Map<String, Long> perPlayground = new HashMap<>();
      long total = 0;
      for (JsonNode p : json.readTree(new File(playgroundsFile))) {
        int zips = codes.getOrDefault(p.get("Prop_ID").asText(), 0);
        long rows = zips == 0 ? 1 : 6L * zips; // six income brackets per zip code
        total += rows;
        perPlayground.merge(playgroundKey(text(p, "Playground_ID"), text(p, "Level"),
            text(p, "lat"), text(p, "lon"), text(p, "Accessible"), text(p, "Adaptive_Swing")),
            rows, Long::sum);
      }
      return new Expected(perPlayground, total);
    }

    private static String text(JsonNode node, String field) {
      return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** The NY rows of the generated income file. */
    long newYorkIncomeRows(long incomeRows, Path warehouse) throws IOException {
      try (Stream<String> lines = Files.lines(
          warehouse.resolve("sources/16zpallagi-generated-seed2016-scale1.csv"))) {
        return lines.filter(l -> l.startsWith("36,NY,")).count();
      }
    }
  }
}
