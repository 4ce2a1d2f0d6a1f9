package dev.beamglue.pipelines.cli;

import dev.beamglue.pipelines.FlinkConfFolder;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Gives the Flink cluster embedded in the beamglue JVM ({@code --flinkMaster=[local]} or {@code
 * [auto]}) one task slot per unit of {@code --parallelism}, so that a batch job's parallel tasks run
 * at the same time. Without it, Flink's local executor sized the cluster of a batch job (Beam's
 * {@code --useDataStreamForBatch}) at one slot: every task of the job ran one after the other, both
 * halves of each parallel step included, and a 2-core run used one core (measured on FindMatches,
 * docs/BENCHMARKS.md section findmatches-scale). This writes a Flink configuration folder, on top
 * of the one {@code --flinkConfDir} names if any, that adds {@code taskmanager.numberOfTaskSlots}
 * unless that folder sets it, and points {@code --flinkConfDir} at it.
 *
 * <p>{@code EmbeddedFlinkSlots.apply(options); Pipeline.create(options).run();}
 *
 * <p>It reads and sets the Flink options by reflection, so the command line need not depend on the
 * runner; on any other runner or master it does nothing.
 */
final class EmbeddedFlinkSlots {

  static final String FLINK_OPTIONS = "org.apache.beam.runners.flink.FlinkPipelineOptions";
  static final String SLOTS = "taskmanager.numberOfTaskSlots";

  private EmbeddedFlinkSlots() {}

  /**
   * On the embedded Flink, the configuration folder with the slots, now named by {@code
   * --flinkConfDir}; null (nothing changed) on another runner or master, or when the given
   * configuration already sets the slots.
   */
  static Path apply(PipelineOptions options) {
    if (!options.getRunner().getName().startsWith("org.apache.beam.runners.flink.")) {
      return null;
    }
    try {
      Class<? extends PipelineOptions> flinkClass =
          Class.forName(FLINK_OPTIONS).asSubclass(PipelineOptions.class);
      PipelineOptions flink = options.as(flinkClass);
      String master = (String) flinkClass.getMethod("getFlinkMaster").invoke(flink);
      if (!(master == null || master.equals("[local]") || master.equals("[auto]"))) {
        return null;
      }
      Integer parallelism = (Integer) flinkClass.getMethod("getParallelism").invoke(flink);
      int slots = parallelism != null && parallelism > 0
          ? parallelism
          : Runtime.getRuntime().availableProcessors();
      String given = (String) flinkClass.getMethod("getFlinkConfDir").invoke(flink);
      Path folder = write(given == null ? System.getenv("FLINK_CONF_DIR") : given, slots);
      if (folder != null) {
        flinkClass.getMethod("setFlinkConfDir", String.class).invoke(flink, folder.toString());
      }
      return folder;
    } catch (ReflectiveOperationException e) {
      return null; // no Flink runner on the class path
    }
  }

  /**
   * A new folder with the configuration file of {@code base} (if it has one) and the slots line;
   * null when that file already sets the slots.
   */
  static Path write(String base, int slots) {
    return FlinkConfFolder.write(base, "beamglue-flink-conf-", lines -> {
      if (lines.stream().anyMatch(l -> l.strip().startsWith(SLOTS))) {
        return null;
      }
      lines.add(SLOTS + ": " + slots);
      return lines;
    }, "of the embedded cluster's " + slots + " slots");
  }
}
