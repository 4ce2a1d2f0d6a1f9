package dev.beamglue.benchmarks.relationalize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamglue.benchmarks.harness.ChildJvm;
import dev.beamglue.benchmarks.harness.Contestant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelationalizeBenchmarkTest {
  private static final ChildJvm JVM = new ChildJvm(Path.of("java"), List.of(), "cp");

  @Test
  void contestantsRunTheRelationalizeJobWithTheirFlags(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin")).resolve("beamglue");
    Files.writeString(bin, "#!/bin/sh\necho 'github-events   x'\necho 'relationalize   y'\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path in = Path.of("/w/in.ndjson");
    Path out = Path.of("/w/out/x");
    List<Contestant> all = RelationalizeBenchmark.contestants(bin, JVM);
    assertEquals(List.of("flink", "spark", "sparksql", "duckdb"), all.stream().map(c -> c.key).toList());
    assertEquals(
        List.of(bin.toString(), "run", "relationalize", "--runner=SparkRunner", "--sparkMaster=local[2]",
            "--root=events", "--input=/w/in.ndjson", "--output=/w/out/x/output", "--errors=/w/out/x/errors"),
        all.get(1).command(in, out));
    assertEquals(null, all.get(0).unavailable());
    assertEquals(
        List.of("java", "-cp", "cp", SparkSqlRelationalize.class.getName(),
            "--input=/w/in.ndjson", "--output=/w/out/x/output", "--master=local[2]"),
        all.get(2).command(in, out));
    assertEquals(
        List.of("java", "-cp", "cp", DuckDbRelationalize.class.getName(),
            "--input=/w/in.ndjson", "--output=/w/out/x/output", "--threads=2"),
        all.get(3).command(in, out));
  }

  @Test
  void beamglueWithoutThePipelineIsNotMeasured(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin")).resolve("beamglue");
    Files.writeString(bin, "#!/bin/sh\necho 'github-events   x'\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<Contestant> all = RelationalizeBenchmark.contestants(bin, JVM);
    assertEquals("bin/beamglue list does not list relationalize (not in this checkout yet; it lists"
        + " github-events); or --skip=flink", all.get(0).unavailable());
    assertEquals(null, all.get(2).unavailable());
  }
}
