package dev.beamglue.pipelines.playground;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.beamglue.io.files.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The five-digit zip codes a parks file names in its {@code Zip} values, multi-code values such as
 * {@code "11236, 11239"} included; fragments that are not five digits (a value cut short) are left
 * out. The file is a JSON array of objects, or JSON lines, on any Beam file system.
 *
 * <p>{@code SortedSet<Integer> zips = ParkZipCodes.read("data/playgrounds/DPR_Parks_001.json");}
 */
final class ParkZipCodes {

  /** The field of a park that holds its zip codes. */
  static final String FIELD = "Zip";
  /** What separates several codes in one value. */
  static final String DELIMITER = ",";
  /** A zip code. */
  static final Pattern ZIP = Pattern.compile("\\d{5}");

  private ParkZipCodes() {}

  static SortedSet<Integer> read(String path) {
    SortedSet<Integer> zips = new TreeSet<>();
    try (InputStream in = InputFiles.open(path);
        JsonParser parser = new JsonFactory().createParser(in)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token != JsonToken.FIELD_NAME || !FIELD.equals(parser.currentName())) {
          continue;
        }
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          for (String part : parser.getText().split(DELIMITER)) {
            String code = part.trim();
            if (ZIP.matcher(code).matches()) {
              zips.add(Integer.parseInt(code));
            }
          }
        } else if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the zip codes of the parks file " + path + ": " + e.getMessage(), e);
    }
    return zips;
  }
}
