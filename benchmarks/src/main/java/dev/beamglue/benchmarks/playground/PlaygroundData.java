package dev.beamglue.benchmarks.playground;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamglue.benchmarks.harness.Flags;
import dev.beamglue.pipelines.playground.IrsIncomeGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The inputs of the playground benchmark, made once into the work folder and reused: the bundled
 * NYC parks and playgrounds ({@code data/playgrounds/*.json}) replicated {@code --scale} times
 * (1,000) as JSON lines, and an IRS income file from the project's {@link IrsIncomeGenerator} at
 * {@code --incomeScale} (20) and {@code --seed} (2016) holding every zip code the parks name.
 *
 * <p>{@code PlaygroundData data = PlaygroundData.from(flags); Path folder = data.folder(workDir, root);}
 *
 * <p>Replica 0 is the bundled data as it is; replica {@code k > 0} appends {@code -rK} to every
 * park's and playground's {@code Prop_ID} and to every non-null {@code Playground_ID}, so the ids
 * are unique across replicas while a replica's playgrounds still find its parks, and the zip codes
 * stay the same, so every replica joins the same income rows. The processed output of the
 * transform therefore has exactly {@code scale} times the rows it has for the bundled data ({@link
 * #expectedProcessedRows}). The replicas do not depend on the seed; the income file does.
 */
public final class PlaygroundData {
  /** The flags that choose the inputs. */
  public static final String[] FLAGS = {"scale", "incomeScale", "seed"};

  public static final String PARKS = "DPR_Parks_001.json";
  public static final String PLAYGROUNDS = "DPR_Playgrounds_001.json";
  static final String PARKS_FILE = "parks.json";
  static final String PLAYGROUNDS_FILE = "playgrounds.json";
  static final String INCOME_FILE = "16zpallagi.csv";
  /** The income rows a zip code has: agi_stub 1 to 6. */
  static final int INCOME_ROWS_PER_ZIP = IrsIncomeGenerator.BRACKETS;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ZIP = Pattern.compile("\\d{5}");
  private static final List<String> IDS = List.of("Prop_ID", "Playground_ID");

  public final long scale;
  public final double incomeScale;
  public final long seed;

  public PlaygroundData(long scale, double incomeScale, long seed) {
    if (scale < 1 || !(incomeScale > 0)) {
      throw new IllegalArgumentException("--scale must be at least 1 and --incomeScale above 0, not "
          + scale + " and " + incomeScale);
    }
    this.scale = scale;
    this.incomeScale = incomeScale;
    this.seed = seed;
  }

  public static PlaygroundData from(Flags flags) {
    String income = flags.get("incomeScale", "20");
    double incomeScale;
    try {
      incomeScale = Double.parseDouble(income);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Flag --incomeScale=" + income + " is not a number: give e.g. 20");
    }
    return new PlaygroundData(flags.getLong("scale", 1000), incomeScale, flags.getLong("seed", 2016));
  }

  /** The flags that reproduce the inputs, for the command a section shows. */
  public String shownFlags() {
    return "--scale=" + scale + " --incomeScale=" + number(incomeScale) + " --seed=" + seed;
  }

  /** The folder of the inputs for these settings: {@code workDir/playground-x1000-income20-seed2016}. */
  public Path folder(Path workDir) {
    return workDir.resolve("playground-x" + scale + "-income" + number(incomeScale) + "-seed" + seed);
  }

  /** The inputs for these settings under {@code workDir}, generated from {@code bundled} when not complete. */
  public Path make(Path workDir, Path bundled) throws IOException {
    Path folder = folder(workDir);
    Path done = folder.resolve("_COMPLETE");
    if (Files.exists(done)) {
      System.out.printf("Reusing %s%n", folder);
      return folder;
    }
    deleteTree(folder);
    Files.createDirectories(folder);
    long start = System.nanoTime();
    write(bundled, folder);
    Files.createFile(done);
    System.out.printf(Locale.ROOT, "Generated %s in %.1f s%n", folder, (System.nanoTime() - start) / 1e9);
    return folder;
  }

  /** Writes the three files into {@code folder}. */
  void write(Path bundled, Path folder) throws IOException {
    List<Map<String, Object>> parks = records(bundled.resolve(PARKS));
    List<Map<String, Object>> playgrounds = records(bundled.resolve(PLAYGROUNDS));
    replicate(parks, folder.resolve(PARKS_FILE));
    replicate(playgrounds, folder.resolve(PLAYGROUNDS_FILE));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(folder.resolve(INCOME_FILE)), 1 << 16)) {
      IrsIncomeGenerator.withSeed(seed).withScale(incomeScale).withZipCodes("NY", zipCodes(parks)).write(out);
    }
  }

  public static Path parks(Path folder) {
    return folder.resolve(PARKS_FILE);
  }

  public static Path playgrounds(Path folder) {
    return folder.resolve(PLAYGROUNDS_FILE);
  }

  public static Path income(Path folder) {
    return folder.resolve(INCOME_FILE);
  }

  /** The records of a JSON array file, each with its fields in the file's order (Jackson makes LinkedHashMaps). */
  static List<Map<String, Object>> records(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return MAPPER.readValue(in, new TypeReference<List<Map<String, Object>>>() {});
    }
  }

  /** Writes {@code scale} replicas of the records as JSON lines, replica after replica. */
  private void replicate(List<Map<String, Object>> records, Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (long k = 0; k < scale; k++) {
        for (Map<String, Object> record : records) {
          json.writeObject(replica(record, k));
          json.writeRaw('\n');
        }
      }
    }
  }

  /** The record of replica {@code k}: its ids suffixed {@code -rK} unless k is 0 or the id is null. */
  static Map<String, Object> replica(Map<String, Object> record, long k) {
    if (k == 0) {
      return record;
    }
    Map<String, Object> copy = new LinkedHashMap<>(record);
    for (String id : IDS) {
      Object value = copy.get(id);
      if (value != null) {
        copy.put(id, value + "-r" + k);
      }
    }
    return copy;
  }

  /** The five-digit codes the parks' {@code Zip} values name, several codes in one value included. */
  static SortedSet<Integer> zipCodes(List<Map<String, Object>> parks) {
    SortedSet<Integer> zips = new TreeSet<>();
    for (Map<String, Object> park : parks) {
      for (String code : codes(park.get("Zip"))) {
        zips.add(Integer.parseInt(code));
      }
    }
    return zips;
  }

  /** The five-digit codes of one {@code Zip} value: none for null, fragments cut short left out. */
  static List<String> codes(Object zip) {
    List<String> codes = new ArrayList<>();
    if (zip != null) {
      for (String part : zip.toString().split(",")) {
        if (ZIP.matcher(part.trim()).matches()) {
          codes.add(part.trim());
        }
      }
    }
    return codes;
  }

  /**
   * The rows the transform writes for the bundled data times {@code scale}: each playground once
   * for every income row of every zip code of its park (six per code, every park code being in the
   * income file), or once with nulls when its park has none.
   */
  public long expectedProcessedRows(Path bundled) throws IOException {
    Map<Object, Integer> codesByPark = new HashMap<>();
    for (Map<String, Object> park : records(bundled.resolve(PARKS))) {
      codesByPark.merge(park.get("Prop_ID"), codes(park.get("Zip")).size(), Integer::sum);
    }
    long rows = 0;
    for (Map<String, Object> playground : records(bundled.resolve(PLAYGROUNDS))) {
      int codes = codesByPark.getOrDefault(playground.get("Prop_ID"), 0);
      rows += codes == 0 ? 1 : (long) codes * INCOME_ROWS_PER_ZIP;
    }
    return rows * scale;
  }

  /** The sentence a section states the data with. */
  public String describe(Path folder, long expected) throws IOException {
    return String.format(Locale.ROOT,
        "Data: the bundled parks and playgrounds replicated %,d times (JSON lines: `parks.json` %s, %,d parks;"
            + " `playgrounds.json` %s, %,d playgrounds) and an IRS income file from `IrsIncomeGenerator`"
            + " at scale %s, seed %d (`16zpallagi.csv` %s, %,d rows); the transform writes %,d processed rows.",
        scale, megabytes(parks(folder)), lines(parks(folder)), megabytes(playgrounds(folder)),
        lines(playgrounds(folder)), number(incomeScale), seed, megabytes(income(folder)),
        lines(income(folder)) - 1, expected);
  }

  private static String megabytes(Path file) throws IOException {
    return String.format(Locale.ROOT, "%,.0f MB", Files.size(file) / 1e6);
  }

  static long lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    }
  }

  static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.delete(p);
      }
    }
  }
}
