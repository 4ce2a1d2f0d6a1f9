package dev.beamglue.benchmarks.findmatches;

import dev.beamglue.io.csv.CsvFormat;
import dev.beamglue.io.csv.CsvParser;
import dev.beamglue.transforms.findmatches.IdClusters;
import dev.beamglue.transforms.findmatches.Record;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A FindMatches quality data set in memory: the records, the compared columns, whether it is a
 * linkage, and the truth (the set of matching pairs and a cluster per record for the labeler).
 *
 * <p>{@code QualityData febrl = QualityData.febrl4(Path.of("../shared/data/findmatches"));}
 */
final class QualityData {
  final String name;
  final List<String> columns;
  final List<Record> records;
  final boolean linkage;
  final Map<String, String> truthCluster; // id -> truth cluster (the labeler's answer)
  final Set<String> truthPairs; // "a\u0001b" with a < b by Record.compareIds

  private QualityData(
      String name,
      List<String> columns,
      List<Record> records,
      boolean linkage,
      Map<String, String> truthCluster,
      Set<String> truthPairs) {
    this.name = name;
    this.columns = columns;
    this.records = records;
    this.linkage = linkage;
    this.truthCluster = truthCluster;
    this.truthPairs = truthPairs;
  }

  static String pair(String a, String b) {
    return Record.compareIds(a, b) < 0 ? a + '\u0001' + b : b + '\u0001' + a;
  }

  static List<List<String>> csv(Path file, Charset charset) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file, charset);
        CsvParser parser = new CsvParser(in, CsvFormat.DEFAULT)) {
      while (parser.next()) {
        List<String> fields = new ArrayList<>();
        for (String f : parser.fields()) {
          fields.add(f == null ? null : f.trim());
        }
        rows.add(fields);
      }
    }
    return rows;
  }

  /** Febrl 4a (5,000 originals) linked with 4b (5,000 duplicates). */
  static QualityData febrl4(Path root) throws IOException {
    List<Record> records = new ArrayList<>();
    Map<String, String> cluster = new HashMap<>();
    List<String> columns = null;
    for (String part : List.of("a", "b")) {
      List<List<String>> rows = csv(root.resolve("febrl/dataset4" + part + ".csv"), StandardCharsets.UTF_8);
      columns = rows.get(0).subList(1, rows.get(0).size());
      for (List<String> row : rows.subList(1, rows.size())) {
        String id = row.get(0);
        records.add(new Record(id, part, row.subList(1, row.size()).toArray(new String[0])));
        cluster.put(id, id.split("-")[1]);
      }
    }
    return withPairsFromClusters("Febrl 4a + 4b (linkage)", columns, records, true, cluster);
  }

  /** Abt (1,081 products) linked with Buy (1,092), ISO-8859-1; Abt has no manufacturer. */
  static QualityData abtBuy(Path root) throws IOException {
    Charset latin1 = Charset.forName("ISO-8859-1");
    List<String> columns = List.of("name", "description", "manufacturer", "price");
    List<Record> records = new ArrayList<>();
    List<List<String>> abt = csv(root.resolve("abt-buy/Abt.csv"), latin1);
    for (List<String> row : abt.subList(1, abt.size())) {
      records.add(new Record("a" + row.get(0), "abt", new String[] {row.get(1), row.get(2), null, row.get(3)}));
    }
    List<List<String>> buy = csv(root.resolve("abt-buy/Buy.csv"), latin1);
    for (List<String> row : buy.subList(1, buy.size())) {
      records.add(
          new Record("b" + row.get(0), "buy", new String[] {row.get(1), row.get(2), row.get(3), row.get(4)}));
    }
    Set<String> pairs = new HashSet<>();
    IdClusters clusters = new IdClusters();
    List<List<String>> mapping = csv(root.resolve("abt-buy/abt_buy_perfectMapping.csv"), latin1);
    for (List<String> row : mapping.subList(1, mapping.size())) {
      String a = "a" + row.get(0);
      String b = "b" + row.get(1);
      pairs.add(pair(a, b));
      clusters.join(a, b);
    }
    Map<String, String> cluster = new HashMap<>();
    for (Record r : records) {
      cluster.put(r.id(), clusters.clusterOf(r.id()));
    }
    return new QualityData("Abt-Buy (linkage)", columns, records, true, cluster, pairs);
  }

  /** Splink's 50,000 historical persons with injected errors (deduplication). */
  static QualityData historical(Path root) throws SQLException {
    List<String> columns =
        List.of("first_name", "surname", "dob", "birth_place", "postcode_fake", "gender", "occupation");
    Path file = root.resolve("historical-figures-50k/historical_figures_with_errors_50k.parquet");
    List<Record> records = new ArrayList<>();
    Map<String, String> cluster = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CAST(unique_id AS VARCHAR), CAST(cluster AS VARCHAR), "
                    + String.join(", ", columns.stream().map(n -> "CAST(" + n + " AS VARCHAR)").toList())
                    + " FROM read_parquet('" + file.toString().replace("'", "''") + "')")) {
      while (rs.next()) {
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rs.getString(3 + i);
        }
        records.add(new Record(rs.getString(1), null, values));
        cluster.put(rs.getString(1), rs.getString(2));
      }
    }
    return withPairsFromClusters("historical-figures-50k (deduplication)", columns, records, false, cluster);
  }

  private static QualityData withPairsFromClusters(
      String name, List<String> columns, List<Record> records, boolean linkage, Map<String, String> cluster) {
    Map<String, List<Record>> members = new HashMap<>();
    for (Record r : records) {
      members.computeIfAbsent(cluster.get(r.id()), k -> new ArrayList<>()).add(r);
    }
    Set<String> pairs = new HashSet<>();
    for (List<Record> group : members.values()) {
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          if (!linkage || !group.get(i).source().equals(group.get(j).source())) {
            pairs.add(pair(group.get(i).id(), group.get(j).id()));
          }
        }
      }
    }
    return new QualityData(name, columns, records, linkage, cluster, pairs);
  }
}
