package dev.beamglue.io.catalog;

import static dev.beamglue.io.catalog.CatalogTestFiles.filesRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamglue.io.bookmarks.BookmarkMode;
import dev.beamglue.io.bookmarks.BookmarkedFile;
import dev.beamglue.io.bookmarks.JobBookmark;
import dev.beamglue.io.bookmarks.JobBookmarks;
import dev.beamglue.io.files.JobCommits;
import dev.beamglue.testing.PipelineTest;
import dev.beamglue.testing.TestPipelines;
import dev.beamglue.transforms.errors.RowsWithErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookmarkedReadTest {

  @TempDir Path dir;

  private static final Schema EVENTS =
      Schema.builder()
          .addNullableField("id", FieldType.INT64)
          .addNullableField("kind", FieldType.STRING)
          .build();

  private static Row event(long id, String kind) {
    return Row.withSchema(EVENTS).addValues(id, kind).build();
  }

  private Path input() throws IOException {
    return Files.createDirectories(dir.resolve("in"));
  }

  private void writeEvents(String file, long... ids) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (long id : ids) {
      lines.append("{\"id\":").append(id).append(",\"kind\":\"").append(file).append("\"}\n");
    }
    Files.writeString(input().resolve(file + ".json"), lines);
  }

  private CatalogIO.Read source(JobBookmark bookmark) throws IOException {
    return CatalogIO.files(input().resolve("*.json").toString(), "json", Map.of(), EVENTS)
        .withBookmark(bookmark);
  }

  /** Runs a bookmarked read, asserts its rows, commits on success; returns the files read. */
  private long run(JobBookmark bookmark, Row... expected) throws IOException {
    Pipeline pipeline = TestPipelines.create();
    RowsWithErrors rows = pipeline.apply(source(bookmark));
    assertEquals(EVENTS, rows.rows().getSchema());
    PAssert.that(rows.rows()).containsInAnyOrder(expected);
    PipelineResult result = JobCommits.runAndCommit(pipeline);
    return filesRead(result);
  }

  private Set<String> processedNames(JobBookmarks bookmarks, String source) {
    return bookmarks.processed("nightly", source).stream()
        .map(BookmarkedFile::path)
        .map(p -> Path.of(p).getFileName().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @PipelineTest
  void aSecondRunReadsOnlyNewFilesAndPauseAndDisableLeaveTheStateAlone() throws IOException {
    JobBookmarks bookmarks = JobBookmarks.inCatalogFolder(dir.resolve("catalog"));
    writeEvents("a", 1, 2);
    writeEvents("b", 3);
    JobBookmark first = bookmarks.start("nightly", BookmarkMode.ENABLE);
    assertEquals(2, run(first, event(1, "a"), event(2, "a"), event(3, "b")));
    String source = source(first).sourceName();
    assertEquals(Set.of("a.json", "b.json"), processedNames(bookmarks, source));

    writeEvents("c", 4);
    JobBookmark second = bookmarks.start("nightly", BookmarkMode.ENABLE);
    CatalogIO.Read planned = source(second);
    assertEquals(List.of(input().resolve("c.json").toString()), planned.plannedFiles());
    assertEquals(1, run(bookmarks.start("nightly", BookmarkMode.ENABLE), event(4, "c")));
    assertEquals(Set.of("a.json", "b.json", "c.json"), processedNames(bookmarks, source));

    writeEvents("d", 5);
    assertEquals(1, run(bookmarks.start("nightly", BookmarkMode.PAUSE), event(5, "d")));
    assertEquals(Set.of("a.json", "b.json", "c.json"), processedNames(bookmarks, source));

    assertEquals(
        4,
        run(
            bookmarks.start("nightly", BookmarkMode.DISABLE),
            event(1, "a"), event(2, "a"), event(3, "b"), event(4, "c"), event(5, "d")));
    assertEquals(Set.of("a.json", "b.json", "c.json"), processedNames(bookmarks, source));

    // a file that changed is read again
    writeEvents("a", 1, 2, 6);
    assertEquals(
        2,
        run(
            bookmarks.start("nightly", BookmarkMode.ENABLE),
            event(1, "a"), event(2, "a"), event(6, "a"), event(5, "d")));
  }

  @PipelineTest
  void aFailedRunLeavesTheStateAsItWasAndTheNextRunRereadsItsFiles() throws IOException {
    JobBookmarks bookmarks = JobBookmarks.in(dir.resolve("bookmarks"));
    writeEvents("a", 1);
    assertEquals(1, run(bookmarks.start("nightly", BookmarkMode.ENABLE), event(1, "a")));
    Map<String, Set<BookmarkedFile>> before = bookmarks.state("nightly");

    writeEvents("b", 2, 3);
    Pipeline failing = TestPipelines.create();
    failing
        .apply(source(bookmarks.start("nightly", BookmarkMode.ENABLE)))
        .rows()
        .apply(
            MapElements.into(TypeDescriptors.longs())
                .via(
                    row -> {
                      if (row.getInt64("id") == 3L) {
                        throw new IllegalStateException("the job fails at id 3");
                      }
                      return row.getInt64("id");
                    }));
    assertThrows(RuntimeException.class, () -> JobCommits.runAndCommit(failing));
    assertEquals(before, bookmarks.state("nightly"));

    assertEquals(
        1, run(bookmarks.start("nightly", BookmarkMode.ENABLE), event(2, "b"), event(3, "b")));
  }

  @PipelineTest
  void bookmarksACatalogTableByPartitionFiles() throws IOException {
    Path table = dir.resolve("events");
    Files.createDirectories(table.resolve("day=1"));
    Files.writeString(table.resolve("day=1/a.json"), "{\"id\":1,\"kind\":\"x\"}\n");
    EmbeddedCatalog catalog = EmbeddedCatalog.open(dir.resolve("catalog"));
    catalog.ensureDatabase("raw");
    catalog.putTable(
        CatalogTable.of("raw", "events", table.toString(), "json", Map.of(), EVENTS,
            List.of("day")));
    catalog.putPartitions(
        "raw", "events",
        List.of(CatalogPartition.of(List.of("1"), table.resolve("day=1").toString())));
    JobBookmarks bookmarks = JobBookmarks.inCatalogFolder(catalog.folder());
    Schema withDay = Schema.builder().addFields(EVENTS.getFields())
        .addNullableField("day", FieldType.STRING).build();

    Pipeline first = TestPipelines.create();
    PAssert.that(
            first.apply(
                    CatalogIO.read(catalog, "raw", "events")
                        .withBookmark(bookmarks.start("nightly", BookmarkMode.ENABLE)))
                .rows())
        .containsInAnyOrder(Row.withSchema(withDay).addValues(1L, "x", "1").build());
    assertEquals(1, filesRead(JobCommits.runAndCommit(first)));

    Files.createDirectories(table.resolve("day=2"));
    Files.writeString(table.resolve("day=2/b.json"), "{\"id\":2,\"kind\":\"y\"}\n");
    catalog.putPartitions(
        "raw", "events",
        List.of(CatalogPartition.of(List.of("2"), table.resolve("day=2").toString())));
    Pipeline second = TestPipelines.create();
    PAssert.that(
            second.apply(
                    CatalogIO.read(catalog, "raw", "events")
                        .withBookmark(bookmarks.start("nightly", BookmarkMode.ENABLE)))
                .rows())
        .containsInAnyOrder(Row.withSchema(withDay).addValues(2L, "y", "2").build());
    assertEquals(1, filesRead(JobCommits.runAndCommit(second)));
    assertEquals(
        Set.of("table:raw.events"), bookmarks.state("nightly").keySet());
  }

  @Test
  void parsesModesAndRefusesOthersInOneSentence() {
    assertEquals(BookmarkMode.ENABLE, BookmarkMode.parse("enable"));
    assertEquals(BookmarkMode.PAUSE, BookmarkMode.parse("Pause"));
    assertEquals(BookmarkMode.DISABLE, BookmarkMode.parse("DISABLE"));
    assertEquals(
        "--bookmark=on is not a bookmark mode; use enable, disable or pause.",
        assertThrows(IllegalArgumentException.class, () -> BookmarkMode.parse("on"))
            .getMessage());
    assertEquals(
        "The job name 'a/b' cannot name a bookmark; use letters, digits, '_', '.' and '-',"
            + " starting with a letter or digit.",
        assertThrows(
                IllegalArgumentException.class,
                () -> JobBookmarks.in(dir).start("a/b", BookmarkMode.ENABLE))
            .getMessage());
  }
}
