package dev.beamglue.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Every profile the bundled jar ships parses as Beam options and names the runner it says. */
class ShippedProfilesTest {

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = ShippedProfilesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    }
  }

  @Test
  void everyProfileParsesAndPicksItsRunner() throws IOException {
    Map<String, String> runners = new LinkedHashMap<>();
    for (String profile : lines("beamglue/profiles/index.txt")) {
      List<String> flags = lines("beamglue/profiles/" + profile + ".args").stream()
          .map(flag -> flag.replace("${beamglue.jar}", "/opt/beamglue-bundled.jar"))
          .toList();
      PipelineOptions options =
          PipelineOptionsFactory.fromArgs(flags.toArray(String[]::new)).withValidation().create();
      runners.put(profile, options.getRunner().getSimpleName());
    }
    assertEquals(
        Map.of("direct", "DirectRunner", "flink-local", "FlinkRunner", "spark-local", "SparkRunner",
            "flink-streaming", "FlinkRunner", "flink-cluster", "FlinkRunner", "spark-cluster",
            "SparkRunner"),
        runners);
  }
}
