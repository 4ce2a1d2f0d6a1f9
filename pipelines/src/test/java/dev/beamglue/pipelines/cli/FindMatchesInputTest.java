package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.io.catalog.CatalogTable;
import dev.beamglue.io.catalog.EmbeddedCatalog;
import dev.beamglue.io.catalog.PartitionedWrite;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeling commands take every DATA form {@code run} takes: the same 60 persons as a CSV file
 * (ISO-8859-1), as typed Parquet part files (a folder and a glob, written by {@link
 * PartitionedWrite}), as JSON lines, and as a catalog table partitioned by region give the same
 * labeling sets, the same taught model and the same evaluation, word for word.
 */
class FindMatchesInputTest {

  /** The persons' columns, typed as a Parquet writer keeps them; region last (the partition). */
  private static final Schema PERSONS =
      Schema.builder()
          .addInt64Field("unique_id")
          .addNullableStringField("first_name")
          .addNullableStringField("surname")
          .addNullableLogicalTypeField("dob", SqlTypes.DATE)
          .addNullableStringField("city")
          .addNullableStringField("email")
          .addStringField("region")
          .build();

  @TempDir Path dir;
  private Path csv;
  private Path truth;
  private final CommandLine cli = new CommandLine();

  @BeforeEach
  void data() throws IOException {
    truth = dir.resolve("truth.csv");
    try (InputStream in = getClass().getResourceAsStream("/findmatches/persons-60-truth.csv")) {
      Files.write(truth, in.readAllBytes());
    }
    // The CSV form: the persons with a region column, in ISO-8859-1 (one accented name).
    List<String> lines = new ArrayList<>();
    for (String[] p : persons()) {
      lines.add(String.join(",", p));
    }
    csv = dir.resolve("persons.csv");
    Files.write(csv, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The header, then the 60 persons with a region, the first surname accented. */
  private static List<String[]> persons() throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in =
        FindMatchesInputTest.class.getResourceAsStream("/findmatches/persons-60.csv")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String[] f = Arrays.copyOf(lines[i].split(",", -1), 7);
        f[6] = i == 0 ? "region" : Integer.parseInt(f[0]) % 3 == 0 ? "north" : "south";
        if (i == 1) {
          f[2] = "Alán";
        }
        rows.add(f);
      }
    }
    return rows;
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String[] p : persons().subList(1, 61)) {
      rows.add(
          Row.withSchema(PERSONS)
              .attachValues(
                  Arrays.asList(
                      Long.parseLong(p[0]), blank(p[1]), blank(p[2]),
                      p[3].isEmpty() ? null : LocalDate.parse(p[3]), blank(p[4]), blank(p[5]),
                      p[6])));
    }
    return rows;
  }

  private static String blank(String s) {
    return s.isEmpty() ? null : s;
  }

  /** Writes the persons as two Parquet part files, JSON lines, and a table partitioned by region. */
  private EmbeddedCatalog writeForms() throws IOException {
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> persons = pipeline.apply(Create.of(rows()).withRowSchema(PERSONS));
    persons.apply("Parquet", PartitionedWrite.parquet().to(dir.resolve("parquet").toString()).withNumShards(2));
    persons.apply("JSON", PartitionedWrite.json().to(dir.resolve("json").toString()).withNumShards(1));
    persons.apply(
        "Table",
        PartitionedWrite.parquet()
            .to(dir.resolve("tables/persons").toString())
            .withPartitionKeys("region")
            .withNumShards(1)
            .withCatalogUpdate(catalog, "raw", "persons"));
    JobCommits.runAndCommit(pipeline);
    return catalog;
  }

  private List<String> labelSet(String input, String... more) throws IOException {
    Path out = dir.resolve("sets-" + Math.abs(input.hashCode()) + ".csv");
    List<String> args = new ArrayList<>(List.of("find-matches", "label-set", "--input=" + input,
        "--primary-key=unique_id", "--output=" + out, "--sets=4", "--set-size=6",
        "--catalog=" + dir.resolve("catalog")));
    args.addAll(List.of(more));
    assertEquals(0, cli.run(args.toArray(String[]::new)), cli.output());
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  private String teach(String input, Path labels, String... more) throws IOException {
    Path model = dir.resolve("model-" + Math.abs(input.hashCode()) + ".json");
    List<String> args = new ArrayList<>(List.of("find-matches", "teach", "--input=" + input,
        "--primary-key=unique_id", "--labels=" + labels, "--truth-pairs=" + truth, "--model=" + model,
        "--catalog=" + dir.resolve("catalog")));
    args.addAll(List.of(more));
    assertEquals(0, cli.run(args.toArray(String[]::new)), cli.output());
    return Files.readString(model);
  }

  private String evaluate(String input, Path labels, Path model, String... more) {
    List<String> args = new ArrayList<>(List.of("find-matches", "evaluate", "--input=" + input,
        "--primary-key=unique_id", "--labels=" + labels, "--truth-pairs=" + truth, "--model=" + model,
        "--catalog=" + dir.resolve("catalog")));
    args.addAll(List.of(more));
    assertEquals(0, cli.run(args.toArray(String[]::new)), cli.output());
    return cli.out();
  }

  @PipelineTest
  void parquetJsonAndACatalogTableGiveWhatTheCsvGives() throws IOException {
    EmbeddedCatalog catalog = writeForms();
    CatalogTable table = catalog.table("raw", "persons");
    assertEquals(List.of("region"), table.partitionKeys());
    assertEquals(2, catalog.partitions("raw", "persons").size());
    try (Stream<Path> files = Files.list(dir.resolve("parquet"))) {
      assertEquals(2, files.filter(p -> p.toString().endsWith(".parquet")).count());
    }

    List<String> fromCsv = labelSet(csv.toString(), "--encoding=ISO-8859-1");
    assertEquals("labeling_set_id,label,unique_id,first_name,surname,dob,city,email,region", fromCsv.get(0));
    assertTrue(fromCsv.size() >= 9 && fromCsv.size() <= 25, fromCsv.toString());
    // Each record of a set is written with its values as the CSV holds them.
    java.util.Map<String, String> csvRows = new java.util.HashMap<>();
    for (String[] p : persons().subList(1, 61)) {
      csvRows.put(p[0], String.join(",", p));
    }
    for (String line : fromCsv.subList(1, fromCsv.size())) {
      assertTrue(line.matches("set-[1-4],,.*"), line);
      String row = line.substring(line.indexOf(",,") + 2);
      assertEquals(csvRows.get(row.substring(0, row.indexOf(','))), row);
    }
    // Parquet DATE values come back as yyyy-MM-dd, INT64 keys as digits, partition values last.
    assertEquals(fromCsv, labelSet(dir.resolve("parquet").toString()));
    assertEquals(fromCsv, labelSet(dir.resolve("parquet") + "/*.parquet"));
    assertEquals(fromCsv, labelSet(dir.resolve("json").toString()));
    assertEquals(fromCsv, labelSet("raw.persons"));

    Path labels = dir.resolve("labels.csv");
    Files.write(labels, fromCsv, StandardCharsets.UTF_8);
    String modelFromCsv = teach(csv.toString(), labels, "--encoding=ISO-8859-1");
    assertTrue(modelFromCsv.contains("\"name\" : \"dob\",\n    \"kind\" : \"DATE\""), modelFromCsv);
    assertTrue(modelFromCsv.contains("\"dob:days_apart\""), modelFromCsv);
    assertEquals(modelFromCsv, teach(dir.resolve("parquet").toString(), labels));
    assertEquals(modelFromCsv, teach("raw.persons", labels));

    Path model = dir.resolve("model.json");
    Files.writeString(model, modelFromCsv);
    String report = evaluate(csv.toString(), labels, model, "--encoding=ISO-8859-1");
    assertTrue(report.contains("on the labeled pairs:"), report);
    assertTrue(report.contains("on every candidate pair, against the truth pairs of " + truth + ":"), report);
    assertTrue(report.contains("  region "), report);
    assertEquals(report, evaluate(dir.resolve("parquet").toString(), labels, model));
    assertEquals(report, evaluate(dir.resolve("json").toString(), labels, model));
    assertEquals(report, evaluate("raw.persons", labels, model));

    assertEquals(0, cli.run("find-matches", "explain", "--input=raw.persons", "--primary-key=unique_id",
        "--model=" + model, "--catalog=" + dir.resolve("catalog"), "0", "2"), cli.output());
    String explained = cli.out();
    assertTrue(explained.startsWith("0 and 2: match probability "), explained);
    assertTrue(explained.contains("dob                  1971-06-24"), explained);
  }

  @Test
  void badDataIsOneSentence() throws IOException {
    String catalog = "--catalog=" + dir.resolve("catalog");
    Path missing = dir.resolve("nowhere.csv");
    assertEquals(2, cli.run("find-matches", "label-set", "--input=" + missing, "--primary-key=unique_id",
        "--output=" + dir.resolve("x.csv"), catalog), cli.output());
    assertEquals("beamglue find-matches label-set: No file matches --input '" + missing + "': DATA is a CSV,"
        + " JSON or Parquet file, a glob or a folder of them, or a catalog table db.table.", cli.oneSentence());

    EmbeddedCatalog.open(dir.resolve("catalog")).ensureDatabase("raw");
    assertEquals(2, cli.run("find-matches", "teach", "--input=raw.people", "--primary-key=unique_id",
        "--labels=" + dir.resolve("l.csv"), "--model=" + dir.resolve("m.json"), catalog), cli.output());
    assertEquals("beamglue find-matches teach: --input 'raw.people' is read as a table db.table of the catalog '"
        + dir.resolve("catalog") + "': Database 'raw' has no table 'people'; it has no tables.", cli.oneSentence());

    Path xml = dir.resolve("persons.xml");
    Files.writeString(xml, "<persons/>");
    assertEquals(2, cli.run("find-matches", "teach", "--input=" + xml, "--primary-key=unique_id",
        "--labels=" + dir.resolve("l.csv"), "--model=" + dir.resolve("m.json"), catalog), cli.output());
    assertEquals("beamglue find-matches teach: --input '" + xml + "' holds '" + xml + "', whose format"
        + " find-matches does not know: it reads .csv, .txt, .json, .jsonl, .ndjson (each also .gz) and"
        + " .parquet files.", cli.oneSentence());

    assertEquals(2, cli.run("find-matches", "evaluate", "--input=" + csv, "--primary-key=unique_id",
        "--labels=" + dir.resolve("l.csv"), "--model=" + dir.resolve("m.json"), catalog), cli.output());
    assertEquals("beamglue find-matches evaluate: The model file '" + dir.resolve("m.json") + "' does not"
        + " exist; teach one first with find-matches teach.", cli.oneSentence());

    assertEquals(2, cli.run("find-matches", "label-set", "--input=" + csv, "--primary-key=unique_id",
        "--output=" + dir.resolve("x.csv"), "--max-records=50", catalog), cli.output());
    assertEquals("beamglue find-matches label-set: --input '" + csv + "' has more than 50 records, the most the"
        + " labeling commands hold in memory; label a sample of it (find-matches run works on the whole),"
        + " or raise the limit with --max-records=N and the heap with BEAMGLUE_JAVA_OPTS=-Xmx8g.",
        cli.oneSentence());

    Path ragged = dir.resolve("ragged.csv");
    StringBuilder text = new StringBuilder("unique_id,name\n");
    for (int i = 1; i <= 200; i++) {
      text.append(i).append(",name").append(i).append('\n');
    }
    Files.writeString(ragged, text.append("201,b,extra\n"));
    assertEquals(2, cli.run("find-matches", "label-set", "--input=" + ragged, "--primary-key=unique_id",
        "--output=" + dir.resolve("x.csv"), catalog), cli.output());
    assertTrue(cli.oneSentence().startsWith("beamglue find-matches label-set: --input '" + ragged
        + "' has a record that cannot be read at " + ragged + ":202: "), cli.err());
  }
}
