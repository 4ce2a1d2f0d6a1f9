package dev.beamglue.io.crawler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludeGlobsTest {

  @Test
  void starStaysWithinAFolder() {
    ExcludeGlobs globs = ExcludeGlobs.of(List.of("*.tmp"));
    assertTrue(globs.excludes("a.tmp"));
    assertFalse(globs.excludes("dir/a.tmp"));
    assertFalse(globs.excludes("a.tmp.json"));
  }

  @Test
  void doubleStarCrossesFolders() {
    ExcludeGlobs globs = ExcludeGlobs.of(List.of("**/*.tmp"));
    assertTrue(globs.excludes("a.tmp"));
    assertTrue(globs.excludes("x/y/z/a.tmp"));
    assertFalse(globs.excludes("x/y/a.json"));
    assertTrue(ExcludeGlobs.of(List.of("raw/**")).excludes("raw/2017/a.csv"));
    assertTrue(ExcludeGlobs.of(List.of("**.bak")).excludes("a/b.bak"));
  }

  @Test
  void aGlobThatMatchesAFolderExcludesEverythingUnderIt() {
    ExcludeGlobs globs = ExcludeGlobs.of(List.of("logs", "year=201?"));
    assertTrue(globs.excludes("logs/2017/04/a.json"));
    assertTrue(globs.excludes("year=2017/month=04/a.json"));
    assertFalse(globs.excludes("year=2020/month=04/a.json"));
    assertFalse(globs.excludes("catalogs/a.json"));
  }

  @Test
  void bracesAreAlternatives() {
    ExcludeGlobs globs = ExcludeGlobs.of(List.of("{tmp,old}/*.{csv,json}"));
    assertTrue(globs.excludes("tmp/a.csv"));
    assertTrue(globs.excludes("old/b.json"));
    assertFalse(globs.excludes("new/b.json"));
    assertFalse(globs.excludes("tmp/b.parquet"));
    assertTrue(ExcludeGlobs.of(List.of("/tmp")).excludes("tmp/a.csv"), "a leading / is ignored");
    assertTrue(ExcludeGlobs.of(List.of("a+b(1).csv")).excludes("a+b(1).csv"),
        "regex characters are literal");
  }

  @Test
  void aBadGlobIsOneSentence() {
    assertEquals("The exclude glob 'a/{b,c' is not valid: a '{' is never closed.",
        assertThrows(IllegalArgumentException.class,
            () -> ExcludeGlobs.of(List.of("a/{b,c"))).getMessage());
    assertEquals("The exclude glob 'a}' is not valid: a '}' closes no '{'.",
        assertThrows(IllegalArgumentException.class,
            () -> ExcludeGlobs.of(List.of("a}"))).getMessage());
    assertEquals("The exclude glob ' ' is not valid: it is empty.",
        assertThrows(IllegalArgumentException.class,
            () -> ExcludeGlobs.of(List.of(" "))).getMessage());
  }
}
