package dev.beamglue.transforms.findmatches;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Small slices of the FindMatches data sets as Rows and Records. */
final class FindMatchesFixtures {
  private FindMatchesFixtures() {}

  static final Schema PERSON =
      Schema.builder()
          .addInt64Field("unique_id")
          .addNullableStringField("first_name")
          .addNullableStringField("surname")
          .addNullableStringField("dob")
          .addNullableStringField("city")
          .addNullableStringField("email")
          .addInt64Field("cluster")
          .build();

  static final List<String> PERSON_COLUMNS = List.of("first_name", "surname", "dob", "city", "email");

  static final Schema FEBRL =
      Schema.builder()
          .addStringField("source")
          .addStringField("rec_id")
          .addNullableStringField("given_name")
          .addNullableStringField("surname")
          .addNullableStringField("street_number")
          .addNullableStringField("address_1")
          .addNullableStringField("address_2")
          .addNullableStringField("suburb")
          .addNullableStringField("postcode")
          .addNullableStringField("state")
          .addNullableStringField("date_of_birth")
          .addNullableStringField("soc_sec_id")
          .build();

  static List<String> lines(String resource) {
    try (InputStream in = FindMatchesFixtures.class.getResourceAsStream("/findmatches/" + resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n")));
      return lines.subList(1, lines.size());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Rows {@code from} to {@code to} of 120 fake persons (Splink fake_1000). */
  static List<Row> persons(int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines("persons-fake-120.csv").subList(from, to)) {
      String[] f = line.split(",", -1);
      rows.add(
          Row.withSchema(PERSON)
              .attachValues(
                  Arrays.asList(
                      Long.parseLong(f[0]), blank(f[1]), blank(f[2]), blank(f[3]), blank(f[4]),
                      blank(f[5]), Long.parseLong(f[6]))));
    }
    return rows;
  }

  static Record personRecord(Row row) {
    String[] values = new String[PERSON_COLUMNS.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.getString(PERSON_COLUMNS.get(i));
    }
    return new Record(Long.toString(row.getInt64("unique_id")), null, values);
  }

  /** 20 Febrl 4a records, their 20 duplicates in 4b and 5 other 4b records. */
  static List<Row> febrl() {
    List<Row> rows = new ArrayList<>();
    for (String line : lines("febrl4-slice.csv")) {
      String[] f = line.split(", ", -1);
      List<Object> values = new ArrayList<>();
      for (String v : f) {
        values.add(blank(v.trim()));
      }
      rows.add(Row.withSchema(FEBRL).attachValues(values));
    }
    return rows;
  }
}
