package dev.beamglue.io.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPathsTest {

  @TempDir Path dir;

  @BeforeEach
  void localFileSystems() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private static List<String> names(List<MatchResult.Metadata> files) {
    List<String> names = new ArrayList<>();
    for (MatchResult.Metadata file : files) {
      names.add(file.resourceId().getFilename());
    }
    names.sort(null);
    return names;
  }

  @Test
  void aFileAGlobAndAFolderGiveTheirFiles() throws IOException {
    Files.writeString(dir.resolve("a.json"), "{}\n");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/b.json"), "{}\n");

    assertEquals(List.of("a.json"),
        names(InputPaths.requireReadable(dir.resolve("a.json").toString(), "--input")));
    assertEquals(List.of("a.json"),
        names(InputPaths.requireReadable(dir + "/*.json", "--input")));
    assertEquals(List.of("a.json", "b.json"),
        names(InputPaths.requireReadable(dir.toString(), "--input")));
  }

  @Test
  void aPathThatDoesNotExistIsNamed() throws IOException {
    String missing = dir.resolve("missing.json").toString();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable(missing, "--input"));
    assertEquals("--input path '" + missing + "' does not exist.", e.getMessage());

    IllegalArgumentException glob =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable(dir + "/*.csv", "--path"));
    assertEquals("--path '" + dir + "/*.csv' matches no files.", glob.getMessage());

    Files.createDirectories(dir.resolve("empty"));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class,
            () -> InputPaths.requireReadable(dir.resolve("empty").toString(), "--input"));
    assertEquals("--input folder '" + dir.resolve("empty") + "' holds no files.", empty.getMessage());
  }

  @Test
  void aFileWithoutReadPermissionIsNamed() throws IOException {
    Path secret = dir.resolve("secret.json");
    Files.writeString(secret, "{}\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    try {
      if (Files.isReadable(secret)) {
        // root reads every file: the check cannot fail here, so only the sentence is checked
        assertEquals(
            "--input path '" + secret + "' is not readable (permission denied).",
            InputPaths.explain("--input", secret.toString(),
                new java.nio.file.AccessDeniedException(secret.toString())));
        return;
      }
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class,
              () -> InputPaths.requireReadable(secret.toString(), "--input"));
      assertEquals("--input path '" + secret + "' is not readable (permission denied).",
          e.getMessage());
    } finally {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
