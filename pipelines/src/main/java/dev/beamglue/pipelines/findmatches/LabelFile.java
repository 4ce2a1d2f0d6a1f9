package dev.beamglue.pipelines.findmatches;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvParser;
import dev.beamglue.io.files.InputFiles;
import dev.beamglue.transforms.findmatches.IdClusters;
import dev.beamglue.transforms.findmatches.LabelSets;
import dev.beamglue.transforms.findmatches.LabeledPair;
import dev.beamglue.transforms.findmatches.Record;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Glue's labeling file: {@code labeling_set_id,label,<the input's columns>}; records of one set
 * with the same label match, with different labels do not.
 *
 * <p>{@code List<LabeledPair> pairs = LabelFile.read("labeled.csv", input, "id");}
 */
public final class LabelFile {

  private LabelFile() {}

  /** The file's text for labeling sets of keys (labels left empty). */
  public static String write(List<List<String>> sets, MatchInput input, String key) {
    StringBuilder out = new StringBuilder("labeling_set_id,label");
    for (String c : input.columns()) {
      out.append(',').append(quote(c));
    }
    out.append('\n');
    Map<String, String[]> rows = input.byKey(key);
    for (int s = 0; s < sets.size(); s++) {
      for (String id : sets.get(s)) {
        out.append("set-").append(s + 1).append(',');
        for (String v : rows.get(id)) {
          out.append(',').append(quote(v));
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  static String quote(String v) {
    if (v == null) {
      return "";
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** The sets of a labels file: set id, then key to label (empty when not labeled), in file order. */
  public static Map<String, Map<String, String>> sets(String path, MatchInput input, String key)
      throws IOException {
    Map<String, Map<String, String>> sets = new LinkedHashMap<>();
    Map<String, String[]> known = input.byKey(key);
    try (InputStream in = InputFiles.open(path);
        CsvParser parser =
            new CsvParser(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), CsvFormat.DEFAULT)) {
      List<String> header = null;
      int keyIndex = -1;
      while (parser.next()) {
        List<String> f = parser.fields();
        if (header == null) {
          header = new ArrayList<>();
          for (String h : f) {
            header.add(h == null ? "" : h.trim());
          }
          List<String> expected = new ArrayList<>(List.of("labeling_set_id", "label"));
          expected.addAll(input.columns());
          if (!header.equals(expected)) {
            throw new IllegalArgumentException(
                "The labels file '" + path + "' has the columns " + header + " but should have "
                    + expected + " (labeling_set_id, label, then the input's columns).");
          }
          keyIndex = header.indexOf(key);
          continue;
        }
        String set = f.get(0) == null ? "" : f.get(0).trim();
        String label = f.get(1) == null ? "" : f.get(1).trim();
        String id = f.get(keyIndex) == null ? "" : f.get(keyIndex).trim();
        if (!known.containsKey(id)) {
          throw new IllegalArgumentException(
              "Line " + parser.line() + " of the labels file '" + path + "' names the key '" + id
                  + "', which no record of the input has.");
        }
        sets.computeIfAbsent(set, k -> new LinkedHashMap<>()).put(id, label);
      }
      if (header == null) {
        throw new IllegalArgumentException("The labels file '" + path + "' is empty.");
      }
    }
    return sets;
  }

  /** The labeled pairs of a labels file. */
  public static List<LabeledPair> read(String path, MatchInput input, String key) throws IOException {
    List<LabeledPair> pairs = new ArrayList<>();
    for (Map<String, String> set : sets(path, input, key).values()) {
      Map<String, String> labeled = new LinkedHashMap<>();
      set.forEach((id, label) -> {
        if (!label.isEmpty()) {
          labeled.put(id, label);
        }
      });
      pairs.addAll(LabelSets.pairs(new ArrayList<>(labeled.keySet()), labeled));
    }
    return pairs;
  }

  /**
   * The labels a file of known matching pairs gives the records of the sets in a labels file:
   * each record's label is the smallest key of its group of known matches.
   */
  public static List<LabeledPair> fromTruth(
      Map<String, Map<String, String>> sets, String truthPairsPath) throws IOException {
    IdClusters clusters = truthClusters(truthPairsPath);
    List<LabeledPair> pairs = new ArrayList<>();
    for (Map<String, String> set : sets.values()) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (String id : set.keySet()) {
        labels.put(id, clusters.clusterOf(id));
      }
      pairs.addAll(LabelSets.pairs(new ArrayList<>(labels.keySet()), labels));
    }
    return pairs;
  }

  /** The groups of known matches of a truth pairs file (two keys a line, an optional header). */
  public static IdClusters truthClusters(String truthPairsPath) throws IOException {
    IdClusters clusters = new IdClusters();
    try (InputStream in = InputFiles.open(truthPairsPath);
        CsvParser parser =
            new CsvParser(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), CsvFormat.DEFAULT)) {
      boolean first = true;
      while (parser.next()) {
        List<String> f = parser.fields();
        if (first) {
          first = false;
          if (f.size() >= 2 && f.get(0) != null && !f.get(0).matches("\\d+")) {
            continue; // a header
          }
        }
        if (f.size() < 2) {
          throw new IllegalArgumentException(
              "Line " + parser.line() + " of the truth pairs '" + truthPairsPath + "' needs two keys.");
        }
        clusters.join(f.get(0).trim(), f.get(1).trim());
      }
    }
    return clusters;
  }
}
