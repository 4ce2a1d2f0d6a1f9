package dev.beamglue.transforms.findmatches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatesTest {

  private static long day(String text) {
    return Dates.epochDay(Dates.parse(text));
  }

  private static double sim(String a, String b) {
    return Dates.similarity(Dates.parse(a), Dates.parse(b));
  }

  @Test
  void readsTheCommonFormsAndTruncatesTimestamps() {
    assertEquals(539, day("1971-06-24"));
    assertEquals(539, day("19710624"));
    assertEquals(539, day("1971/06/24"));
    assertEquals(539, day("1971-6-24"));
    assertEquals(539, day("24/06/1971")); // day first: 24 is no month
    assertEquals(539, day("6/24/1971")); // month first: 24 is no month
    assertEquals(539, day("24.6.1971"));
    assertEquals(539, day("1971-06-24T23:59:59.999Z"));
    assertEquals(539, day("1971-06-24 10:11:12"));
    assertEquals(-56270, day("1815-12-10"));
    assertEquals(11016, day("2000-02-29"));
    assertEquals(LocalDate.of(2026, 11, 22).toEpochDay(), day(" 2026-11-22 "));
    // an ambiguous slash date is day first for epochDay
    assertEquals(LocalDate.of(1971, 4, 3).toEpochDay(), day("03/04/1971"));
    for (String notADate :
        List.of("19711324", "1900-02-29", "0999-01-01", "12345678x", "1971-06", "24/06/71",
            "1971-06-24 noon", "1971-06/24", "abc", "")) {
      assertEquals(Dates.NOT_A_DATE, day(notADate), notADate);
    }
    assertEquals(Dates.NOT_A_DATE, Dates.parse(null));
    // every day of a few centuries agrees with java.time
    for (long d = LocalDate.of(1800, 1, 1).toEpochDay(); d < LocalDate.of(2101, 1, 1).toEpochDay(); d += 7) {
      LocalDate date = LocalDate.ofEpochDay(d);
      assertEquals(d, Dates.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()));
    }
  }

  @Test
  void similarityFallsWithTheDaysApart() {
    assertEquals(1.0, sim("19710624", "1971-06-24"), 1e-12);
    assertEquals(1.0, sim("1971-06-24T08:00:00Z", "24/06/1971"), 1e-12);
    assertEquals(0.97, sim("1971-06-24", "1971-06-25"), 1e-9);
    assertEquals(0.955376, sim("1971-06-24", "1971-06-26"), 1e-6);
    assertEquals(0.892434, sim("19710614", "19710624"), 1e-6); // a typo in the tens of the day
    assertEquals(0.8, Dates.closeness(31), 1e-12);
    assertEquals(0.92, Dates.closeness(7), 1e-12);
    assertEquals(0.500336, sim("1971-06-24", "1972-06-23"), 1e-6);
    assertEquals(0.039799, sim("1971-06-24", "2011-06-24"), 1e-6);
    assertEquals(0.0, sim("1815-12-10", "1971-06-24"), 1e-12);
  }

  @Test
  void swappedDayAndMonthIsANearMatch() {
    assertEquals(Dates.SWAPPED, sim("1971-03-04", "1971-04-03"), 1e-12);
    assertEquals(Dates.SWAPPED, sim("19710624", "19712406"), 1e-12); // the swapped text is no date
    assertEquals(Dates.SWAPPED, sim("1971-06-24", "1971-24-06"), 1e-12);
    assertEquals(Dates.SWAPPED, sim("03/04/1971", "04/03/1971"), 1e-12);
    // another year is not a swap
    assertEquals(Dates.closeness(396), sim("1971-03-04", "1972-04-03"), 1e-12);
    // the same numbers in the other order of writing are the same day, not a swap
    assertEquals(1.0, sim("1971-04-03", "03/04/1971"), 1e-12);
    assertEquals(1.0, sim("1971-03-04", "03/04/1971"), 1e-12);
  }

  @Test
  void ambiguousSlashDatesAreReadTheSameWayOnBothSides() {
    // 01/02 and 01/03: one day apart month first, 28 days apart day first: same reading for both
    assertEquals(Dates.closeness(1), sim("01/02/2001", "01/03/2001"), 1e-12);
    // against yyyy-MM-dd, the closer reading of the slash date counts
    assertEquals(1.0, sim("2001-01-02", "01/02/2001"), 1e-12);
    assertEquals(1.0, sim("2001-02-01", "01/02/2001"), 1e-12);
    // an unambiguous day-first date fixes nothing for the other value: both readings are tried
    assertEquals(Dates.closeness(1), sim("13/02/2001", "14/02/2001"), 1e-12);
    // neither value valid (two invalid texts, not swaps): no similarity, the text decides
    assertTrue(Double.isNaN(sim("19711399", "19711398")));
    assertTrue(Double.isNaN(sim("1971-06-24", "n/a")));
  }

  @Test
  void aDateColumnIsComparedByDaysApartAndByTextWhenAValueIsNoDate() {
    List<Record> records = new java.util.ArrayList<>();
    records.add(new Record("a", null, new String[] {"19712406"})); // no date: a swap
    for (int i = 0; i < 19; i++) {
      records.add(new Record("r" + i, null, new String[] {(1950 + i) + "0101"}));
    }
    Profile profile = Profile.of(List.of("dob"), records); // 19 of 20 are dates
    assertEquals(ColumnKind.DATE, profile.column(0).kind());
    Features features = Features.of(profile);
    assertEquals(List.of("dob:days_apart", "dob:lev", "dob:exact", "dob:null"), features.names());
    double[] swapped = features.compare(rec("19710624"), rec("19712406"));
    assertEquals(0.95, swapped[0], 1e-12);
    assertEquals(0.5, swapped[1], 1e-12); // four of eight digits differ: the text saw no match
    assertEquals(2, features.levels(swapped)[0]); // close
    double[] nextDay = features.compare(rec("19710624"), rec("1971-06-25"));
    assertEquals(0.97, nextDay[0], 1e-12);
    assertEquals(2, features.levels(nextDay)[0]);
    double[] yearLater = features.compare(rec("19710624"), rec("19720624"));
    assertEquals(Dates.closeness(366), yearLater[0], 1e-12);
    assertEquals(0.875, yearLater[1], 1e-12);
    assertEquals(3, features.levels(yearLater)[0]); // a year off, but one digit typed wrong: similar
    double[] far = features.compare(rec("19710624"), rec("19951231"));
    assertEquals(Dates.closeness(LocalDate.of(1995, 12, 31).toEpochDay() - 539), far[0], 1e-12);
    assertEquals(0.25, far[1], 1e-12);
    assertEquals(4, features.levels(far)[0]);
    double[] monthOff = features.compare(rec("19711231"), rec("19720110"));
    assertEquals(Dates.closeness(10), monthOff[0], 1e-12);
    assertEquals(3, features.levels(monthOff)[0]); // ten days apart, where the text differs in 5 digits
    // a value that is no date: edit distance of the text
    double[] typo = features.compare(rec("19710624"), rec("19711399"));
    assertEquals(0.5, typo[0], 1e-12);
    assertEquals(0.5, typo[1], 1e-12);
  }

  private static Record rec(String dob) {
    return new Record("x", null, new String[] {dob});
  }

  @Test
  void anOldModelFileWithADateColumnGetsOneSentence() {
    String v1 =
        "{\"format\":\"beamglue-findmatches-model\",\"version\":1,"
            + "\"columns\":[{\"name\":\"name\",\"kind\":\"SHORT_TEXT\"},{\"name\":\"dob\",\"kind\":\"DATE\"}],"
            + "\"features\":[\"name:jw\",\"name:null\",\"dob:lev\",\"dob:days\",\"dob:exact\",\"dob:null\"],"
            + "\"fellegi_sunter\":{\"prior\":0.01,\"columns\":[]},\"threshold\":0.5,"
            + "\"blocking\":{\"accuracy_cost_tradeoff\":0.5,\"keys\":[]},\"labels\":[]}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MatchModel.fromJson(v1));
    assertEquals(
        "The model file is of version 1, whose date column 'dob' was compared as text; this"
            + " beamglue reads version 2 (dates compared by days apart): teach a new model with"
            + " find-matches teach --replace-all on your labels files.",
        e.getMessage());
    String v1WithoutDates =
        v1.replace(",{\"name\":\"dob\",\"kind\":\"DATE\"}", "")
            .replace(",\"dob:lev\",\"dob:days\",\"dob:exact\",\"dob:null\"", "");
    MatchModel read = MatchModel.fromJson(v1WithoutDates);
    assertEquals(List.of("name"), read.columns());
    assertEquals(List.of("name:jw", "name:null"), read.features());
    assertTrue(read.toJson().contains("\"version\" : 2"));
    IllegalArgumentException future =
        assertThrows(
            IllegalArgumentException.class,
            () -> MatchModel.fromJson(v1.replace("\"version\":1", "\"version\":7")));
    assertEquals(
        "The model file is of version 7; this beamglue reads FindMatches models of version 2 (and 1"
            + " without date columns).",
        future.getMessage());
  }
}
