package dev.beamglue.benchmarks.crawl;

import dev.beamglue.benchmarks.harness.Flags;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The two inputs of the crawl benchmark, made once into the work folder and reused: a tree of many
 * small files ({@code --smallFiles}, 10,000: half newline-delimited JSON click events under Hive
 * partitions {@code clicks/year=/month=/day=}, half CSV orders with a header under unnamed
 * partitions {@code orders/2025/MM/}) and one big CSV of taxi-like trips ({@code --bigMegabytes},
 * 1,024) in {@code trips/}. Deterministic for a {@code --seed} (7).
 *
 * <p>{@code CrawlData data = CrawlData.from(flags); Path small = data.smallTree(workDir);}
 */
public final class CrawlData {
  /** The flags that choose the inputs. */
  public static final String[] FLAGS = {"smallFiles", "bigMegabytes", "seed"};

  static final int RECORDS_PER_SMALL_FILE = 20;
  private static final String[] EVENTS = {"view", "click", "add_to_cart", "purchase"};
  private static final String[] PAYMENTS = {"card", "cash", "voucher", "dispute"};

  public final int smallFiles;
  public final long bigMegabytes;
  public final long seed;

  public CrawlData(int smallFiles, long bigMegabytes, long seed) {
    if (smallFiles < 2 || bigMegabytes < 1) {
      throw new IllegalArgumentException(
          "--smallFiles must be at least 2 and --bigMegabytes at least 1, not " + smallFiles + " and "
              + bigMegabytes);
    }
    this.smallFiles = smallFiles;
    this.bigMegabytes = bigMegabytes;
    this.seed = seed;
  }

  public static CrawlData from(Flags flags) {
    return new CrawlData(
        (int) flags.getLong("smallFiles", 10_000), flags.getLong("bigMegabytes", 1024), flags.getLong("seed", 7));
  }

  /** The flags that reproduce the sizes, for the command a section shows. */
  public String shownFlags() {
    return "--smallFiles=" + smallFiles + " --bigMegabytes=" + bigMegabytes;
  }

  /** The folder of small files for these settings, generated when it is not complete yet. */
  public Path smallTree(Path workDir) throws IOException {
    Path root = workDir.resolve("crawl-small-" + smallFiles + "-seed" + seed);
    Path done = root.resolve("_COMPLETE");
    if (Files.exists(done)) {
      System.out.printf("Reusing %s%n", root);
      return root;
    }
    deleteTree(root);
    SplittableRandom random = new SplittableRandom(seed);
    int clicks = smallFiles / 2;
    for (int i = 0; i < smallFiles; i++) {
      boolean click = i < clicks;
      int n = click ? i : i - clicks;
      Path file = click
          ? root.resolve(String.format(Locale.ROOT, "clicks/year=2025/month=%02d/day=%02d/part-%05d.json",
              n % 12 + 1, n / 12 % 28 + 1, n))
          : root.resolve(String.format(Locale.ROOT, "orders/2025/%02d/part-%05d.csv", n % 12 + 1, n));
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        if (click) {
          writeClicks(out, random, n);
        } else {
          writeOrders(out, random, n);
        }
      }
    }
    Files.createFile(done);
    System.out.printf("Wrote %,d small files under %s%n", smallFiles, root);
    return root;
  }

  /** The folder holding the one big CSV for these settings, generated when it is not complete yet. */
  public Path bigCsv(Path workDir) throws IOException {
    Path root = workDir.resolve("crawl-big-" + bigMegabytes + "mb-seed" + seed);
    Path done = root.resolve("_COMPLETE");
    if (Files.exists(done)) {
      System.out.printf("Reusing %s%n", root);
      return root;
    }
    deleteTree(root);
    Path file = root.resolve("trips/trips.csv");
    Files.createDirectories(file.getParent());
    long limit = bigMegabytes << 20;
    SplittableRandom random = new SplittableRandom(seed);
    long bytes = 0;
    long trips = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String header = "trip_id,pickup_at,dropoff_at,passengers,distance_km,fare,tip,payment,zone,note\n";
      out.write(header);
      bytes += header.length();
      StringBuilder line = new StringBuilder(160);
      while (bytes < limit) {
        line.setLength(0);
        tripLine(line, random, trips++);
        out.append(line);
        bytes += line.length();
      }
    }
    Files.createFile(done);
    System.out.printf("Wrote %,d trips (%,d bytes) to %s%n", trips, bytes, file);
    return root;
  }

  private static void writeClicks(Writer out, SplittableRandom random, int file) throws IOException {
    for (int r = 0; r < RECORDS_PER_SMALL_FILE; r++) {
      out.write(String.format(Locale.ROOT,
          "{\"event_id\":%d,\"user\":{\"id\":\"u%05d\",\"segment\":\"%s\"},\"event\":\"%s\","
              + "\"item_id\":\"i%06d\",\"price\":%.2f,\"at\":\"2025-%02d-%02dT%02d:%02d:00Z\","
              + "\"tags\":[\"t%d\",\"t%d\"]}%n",
          (long) file * RECORDS_PER_SMALL_FILE + r, random.nextInt(50_000), random.nextBoolean() ? "new" : "loyal",
          EVENTS[random.nextInt(EVENTS.length)], random.nextInt(200_000), random.nextDouble() * 300,
          file % 12 + 1, file / 12 % 28 + 1, random.nextInt(24), random.nextInt(60),
          random.nextInt(40), random.nextInt(40)));
    }
  }

  private static void writeOrders(Writer out, SplittableRandom random, int file) throws IOException {
    out.write("order_id,customer,amount,currency,paid,ordered_at\n");
    for (int r = 0; r < RECORDS_PER_SMALL_FILE; r++) {
      out.write(String.format(Locale.ROOT, "%d,c%05d,%.2f,%s,%s,2025-%02d-%02d%n",
          (long) file * RECORDS_PER_SMALL_FILE + r, random.nextInt(20_000), random.nextDouble() * 900,
          random.nextInt(5) == 0 ? "USD" : "EUR", random.nextBoolean(), file % 12 + 1, random.nextInt(28) + 1));
    }
  }

  private static void tripLine(StringBuilder line, SplittableRandom random, long trip) {
    int day = (int) (trip % 28) + 1;
    int minute = random.nextInt(24 * 60);
    int duration = 3 + random.nextInt(60);
    int end = Math.min(minute + duration, 24 * 60 - 1);
    line.append(trip).append(',')
        .append(String.format(Locale.ROOT, "2025-03-%02d %02d:%02d:00,2025-03-%02d %02d:%02d:00,",
            day, minute / 60, minute % 60, day, end / 60, end % 60))
        .append(1 + random.nextInt(4)).append(',')
        .append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,", random.nextDouble() * 30,
            3 + random.nextDouble() * 80, random.nextDouble() * 15))
        .append(PAYMENTS[random.nextInt(PAYMENTS.length)]).append(',')
        .append(1 + random.nextInt(263)).append(',');
    if (random.nextInt(20) == 0) {
      line.append("\"stop at \"\"the corner\"\", then wait, please\"");
    }
    line.append('\n');
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.delete(p);
      }
    }
  }
}
