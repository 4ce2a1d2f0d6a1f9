package dev.beamglue.pipelines.realtime;

import dev.beamglue.pipelines.FlinkConfFolder;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Makes {@code --savepointPath} work on the Flink cluster embedded in the beamglue JVM ({@code
 * --flinkMaster=[local]} or {@code [auto]}): Beam 2.62's Flink runner hands the savepoint to Flink
 * only when it submits to a remote master, so an embedded job given a checkpoint or savepoint
 * silently starts from nothing. This writes a Flink configuration folder that names the savepoint
 * ({@code execution.savepoint.path}, which Flink's local executor reads), on top of the one {@code
 * --flinkConfDir} names if any, and points {@code --flinkConfDir} at it.
 *
 * <p>{@code EmbeddedFlinkRestore.apply(options); Pipeline.create(options).run();}
 *
 * <p>It reads and sets the Flink options by reflection, so pipelines need not depend on the runner;
 * on any other runner or master it does nothing.
 */
public final class EmbeddedFlinkRestore {

  static final String FLINK_OPTIONS = "org.apache.beam.runners.flink.FlinkPipelineOptions";
  /** The Flink configuration files a configuration folder may hold, newest format first. */

  private EmbeddedFlinkRestore() {}

  /**
   * On the embedded Flink with {@code --savepointPath}, the configuration folder that restores it,
   * now named by {@code --flinkConfDir}; otherwise nothing is changed and the result is null.
   */
  public static Path apply(PipelineOptions options) {
    if (!options.getRunner().getName().startsWith("org.apache.beam.runners.flink.")) {
      return null;
    }
    try {
      Class<? extends PipelineOptions> flinkClass =
          Class.forName(FLINK_OPTIONS).asSubclass(PipelineOptions.class);
      PipelineOptions flink = options.as(flinkClass);
      String master = (String) call(flinkClass, flink, "getFlinkMaster");
      String savepoint = (String) call(flinkClass, flink, "getSavepointPath");
      if (savepoint == null || savepoint.isBlank() || !embedded(master)) {
        return null;
      }
      Boolean allowNonRestored = (Boolean) call(flinkClass, flink, "getAllowNonRestoredState");
      String given = (String) call(flinkClass, flink, "getFlinkConfDir");
      Path folder = write(given == null ? System.getenv("FLINK_CONF_DIR") : given, savepoint,
          Boolean.TRUE.equals(allowNonRestored));
      flinkClass.getMethod("setFlinkConfDir", String.class).invoke(flink, folder.toString());
      return folder;
    } catch (ReflectiveOperationException e) {
      return null; // no Flink runner on the class path: nothing to restore on
    }
  }

  /** Whether Beam runs this master as a Flink cluster inside this JVM. */
  static boolean embedded(String master) {
    return master == null || master.equals("[local]") || master.equals("[auto]");
  }

  /**
   * A new folder with the configuration file of {@code base} (if it has one) followed by the
   * savepoint settings.
   */
  static Path write(String base, String savepoint, boolean allowNonRestoredState) {
    return FlinkConfFolder.write(base, "beamglue-flink-restore-", lines -> {
      lines.removeIf(l -> l.strip().startsWith("execution.savepoint."));
      lines.add("execution.savepoint.path: " + savepoint);
      lines.add("execution.savepoint.ignore-unclaimed-state: " + allowNonRestoredState);
      return lines;
    }, "that restores " + savepoint);
  }

  private static Object call(Class<?> type, Object target, String getter)
      throws ReflectiveOperationException {
    Method method = type.getMethod(getter);
    return method.invoke(target);
  }
}
