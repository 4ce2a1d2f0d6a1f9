package dev.beamglue.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags, settings, output files, the child JVM and the machine facts. */
class HarnessPartsTest {

  @Test
  void rejectsUnknownFlags() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Flags.parse(new String[] {"--evnts=3"}, "events"));
    assertTrue(e.getMessage().contains("--evnts"), e.getMessage());
  }

  @Test
  void settingsTakeTheCommonFlagsAndTheBenchmarksOwn(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("runners-config"));
    Files.writeString(dir.resolve("runners-config/jvm.properties"), "beamglue.jvm.flags=-Da=b\n");
    Settings s = Settings.parse(
        new String[] {"--repoRoot=" + dir, "--runs=5", "--skip=spark, flink", "--events=1,000"}, "events");
    assertEquals(5, s.runs);
    assertEquals(30, s.timeoutMinutes);
    assertEquals(dir.resolve("bench-data").toAbsolutePath(), s.workDir);
    assertEquals(List.of("spark", "flink"), List.copyOf(s.skip));
    assertEquals(1000, s.flags.getLong("events", 0));
    assertEquals("run.sh --events=1000 --runs=5 --skip=spark,flink", s.command("run.sh", "--events=1000"));
    assertThrows(IllegalArgumentException.class,
        () -> Settings.parse(new String[] {"--repoRoot=" + dir, "--events=3"}));
  }

  @Test
  void sectionStatesMachineDataCommandTableAndFootnote() {
    String section = Settings.section("2 cores", "Data: x.", "run.sh --runs=1", "| t |\n", "Wall time.");
    assertTrue(section.matches(
        "(?s)Measured \\d{4}-\\d\\d-\\d\\d on 2 cores\\.\n\nData: x\\.\n\nCommand: `run.sh --runs=1`\n\n\\| t \\|\n\nWall time\\."),
        section);
  }

  @Test
  void findsOutputFilesInAFolderOrByPrefix(@TempDir Path dir) throws IOException {
    Path spark = Files.createDirectories(dir.resolve("spark/output"));
    Files.write(spark.resolve("part-0.snappy.parquet"), new byte[] {1});
    Files.write(spark.resolve(".part-0.snappy.parquet.crc"), new byte[] {1});
    Files.write(spark.resolve("_SUCCESS"), new byte[0]);
    assertEquals(List.of(spark.resolve("part-0.snappy.parquet")), ParquetRows.files(spark));

    Path beam = Files.createDirectories(dir.resolve("beam"));
    Files.write(beam.resolve("output-00000-of-00002"), new byte[] {1});
    Files.write(beam.resolve("output-00001-of-00002"), new byte[] {1});
    Files.write(beam.resolve("errors-00000-of-00001.json"), new byte[] {1});
    assertEquals(
        List.of(beam.resolve("output-00000-of-00002"), beam.resolve("output-00001-of-00002")),
        ParquetRows.files(beam.resolve("output")));
  }

  @Test
  void anOutputWithoutParquetSaysSo(@TempDir Path dir) throws IOException {
    Path out = Files.createDirectories(dir.resolve("output/events"));
    IOException e = assertThrows(IOException.class, () -> ParquetRows.countOutput(out));
    assertTrue(e.getMessage().startsWith("wrote no Parquet that DuckDB can read back from " + out + "*: "),
        e.getMessage());
    assertEquals("'/a/it''s'", ParquetRows.quote(Path.of("/a/it's")));
  }

  @Test
  void readsTheOneFlagListAndFindsTheRepositoryRoot(@TempDir Path dir) throws IOException {
    Path config = Files.createDirectories(dir.resolve("runners-config"));
    Files.writeString(config.resolve("jvm.properties"), "# flags\nbeamglue.jvm.flags=--add-opens=a  -Db=c\n");
    assertEquals(List.of("--add-opens=a", "-Db=c"), ChildJvm.jvmFlags(config.resolve("jvm.properties")));
    assertEquals(dir.toAbsolutePath().normalize(), ChildJvm.repoRoot(dir.toString()));
    assertThrows(IllegalArgumentException.class, () -> ChildJvm.repoRoot(config.toString()));
  }

  @Test
  void childJvmCommandsAndTheirShortForm() {
    ChildJvm jvm = new ChildJvm(Path.of("/jdk/bin/java"), List.of("-Da=b", "-Dc=d"), "/x.jar:/y.jar");
    List<String> command = jvm.command(HarnessPartsTest.class, List.of("--input=f"));
    assertEquals(List.of("/jdk/bin/java", "-Da=b", "-Dc=d", "-cp", "/x.jar:/y.jar",
        HarnessPartsTest.class.getName(), "--input=f"), command);
    assertEquals("/jdk/bin/java <flags of runners-config/jvm.properties> -cp <benchmarks runtime classpath> "
            + HarnessPartsTest.class.getName() + " --input=f",
        jvm.shorten().apply(String.join(" ", command)));
  }

  @Test
  void machineFactsNameCoresMemoryAndJava() {
    String machine = Machine.describe(Path.of(System.getProperty("java.home"), "bin", "java"));
    assertTrue(machine.matches("\\d+ cores.*, .*, .*\\d+.*"), machine);
    assertTrue(machine.matches(".*, load average \\d+\\.\\d+ over the 15 minutes before this"
        + " was written"), machine);
  }
}
