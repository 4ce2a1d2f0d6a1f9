package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamglue.transforms.findmatches.MatchModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beamglue find-matches}: label-set, teach (labels from known pairs), evaluate, explain and
 * run on 60 fake persons, and one sentence for each bad input.
 */
class FindMatchesCommandTest {

  @TempDir Path dir;
  private Path input;
  private Path truth;

  private final CommandLine cli = new CommandLine();

  @BeforeEach
  void copyData() throws IOException {
    input = dir.resolve("persons.csv");
    truth = dir.resolve("truth.csv");
    for (String[] copy : new String[][] {{"persons-60.csv", "persons.csv"}, {"persons-60-truth.csv", "truth.csv"}}) {
      try (InputStream in = getClass().getResourceAsStream("/findmatches/" + copy[0])) {
        Files.write(dir.resolve(copy[1]), in.readAllBytes());
      }
    }
  }

  @Test
  void labelTeachEvaluateExplainAndRun() throws IOException {
    Path sets = dir.resolve("to-label.csv");
    Path model = dir.resolve("model.json");
    assertEquals(0, cli.run("find-matches", "label-set", "--input=" + input, "--primary-key=unique_id",
        "--output=" + sets, "--sets=4", "--set-size=6"), cli.oneSentence());
    List<String> lines = Files.readAllLines(sets);
    assertEquals("labeling_set_id,label,unique_id,first_name,surname,dob,city,email", lines.get(0));
    assertTrue(lines.size() >= 9 && lines.size() <= 25, "lines " + lines.size());
    assertTrue(lines.get(1).startsWith("set-1,,"), lines.get(1));

    assertEquals(0, cli.run("find-matches", "teach", "--input=" + input, "--primary-key=unique_id",
        "--labels=" + sets, "--truth-pairs=" + truth, "--model=" + model), cli.oneSentence());
    assertTrue(cli.out().startsWith("Taught " + model + " from "), cli.out());
    MatchModel taught = MatchModel.fromJson(Files.readString(model));
    assertTrue(taught.hasLabels());
    assertEquals(List.of("first_name", "surname", "dob", "city", "email"), taught.columns());
    int firstRound = taught.labels().size();

    // A second round accumulates labels; --replace-all starts over.
    Path sets2 = dir.resolve("to-label-2.csv");
    assertEquals(0, cli.run("find-matches", "label-set", "--input=" + input, "--primary-key=unique_id",
        "--output=" + sets2, "--model=" + model, "--sets=3", "--set-size=5"), cli.oneSentence());
    assertEquals(0, cli.run("find-matches", "teach", "--input=" + input, "--primary-key=unique_id",
        "--labels=" + sets2, "--truth-pairs=" + truth, "--model=" + model), cli.oneSentence());
    assertTrue(MatchModel.fromJson(Files.readString(model)).labels().size() > firstRound);

    Path curve = dir.resolve("pr.png");
    assertEquals(0, cli.run("find-matches", "evaluate", "--input=" + input, "--primary-key=unique_id",
        "--labels=" + sets, "--truth-pairs=" + truth, "--model=" + model, "--curve=" + curve), cli.oneSentence());
    String report = cli.out();
    assertTrue(report.contains("best F1 "), report);
    assertTrue(report.contains("area under the precision-recall curve "), report);
    assertTrue(report.contains("confusion matrix (labeled pairs): "), report);
    assertTrue(report.contains("column importances:"), report);
    byte[] png = Files.readAllBytes(curve);
    assertEquals((byte) 0x89, png[0]);
    assertEquals('P', png[1]);
    assertTrue(report.contains("on every candidate pair, against the truth pairs of " + truth + ":"), report);

    // With known pairs only, every candidate pair is scored; the 104 truth pairs (all pairs of the
    // true clusters) are either found or missed, whether blocking proposed them or not.
    assertEquals(0, cli.run("find-matches", "evaluate", "--input=" + input, "--primary-key=unique_id",
        "--truth-pairs=" + truth, "--model=" + model), cli.oneSentence());
    String all = cli.out();
    assertTrue(!all.contains("on the labeled pairs:"), all);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "confusion matrix \\(all (\\d+) candidate pairs\\): (\\d+) true matches, (\\d+) false matches,"
            + " (\\d+) missed matches, (\\d+) true non-matches").matcher(all);
    assertTrue(m.find(), all);
    long candidates = Long.parseLong(m.group(1));
    long tp = Long.parseLong(m.group(2));
    long fp = Long.parseLong(m.group(3));
    long fn = Long.parseLong(m.group(4));
    long tn = Long.parseLong(m.group(5));
    assertEquals(104, tp + fn, all);
    assertTrue(tp >= 90, all);
    assertTrue(candidates > 104 && candidates <= tp + fp + tn + fn, all);
    assertEquals(2, cli.run("find-matches", "evaluate", "--input=" + input, "--primary-key=unique_id",
        "--model=" + model));
    assertEquals("beamglue find-matches evaluate: Name the labels file with --labels=, or known matching pairs"
        + " with --truth-pairs=.", cli.oneSentence());

    assertEquals(0, cli.run("find-matches", "explain", "--input=" + input, "--primary-key=unique_id",
        "--model=" + model, "0", "1"), cli.oneSentence());
    assertTrue(cli.out().startsWith("0 and 1: match probability "), cli.out());
    assertTrue(cli.out().contains("  surname "), cli.out());

    Path output = dir.resolve("matched");
    assertEquals(0, cli.run("find-matches", "run", "--input=" + input, "--primary-key=unique_id",
        "--model=" + model, "--output=" + output, "--format=csv", "--runner=DirectRunner",
        "--catalog=" + dir.resolve("catalog"), "--tempLocation=" + dir.resolve("tmp")), cli.oneSentence());
    Map<String, String> matchIds = new HashMap<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        List<String> rows = Files.readAllLines(f);
        assertEquals("unique_id,first_name,surname,dob,city,email,match_id,match_confidence_score", rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
          String[] fields = row.split(",", -1);
          matchIds.put(fields[0], fields[6]);
        }
      }
    }
    assertEquals(60, matchIds.size());
    assertEquals(matchIds.get("0"), matchIds.get("1")); // Robert Alan and Robert Allen
  }

  @Test
  void badInputIsOneSentence() throws IOException {
    assertEquals(2, cli.run("find-matches", "label-set", "--input=" + input, "--output=" + dir.resolve("x.csv")));
    assertEquals("beamglue find-matches label-set: Name the primary key column with --primary-key=COLUMN;"
        + " the columns of '" + input + "' are [unique_id, first_name, surname, dob, city, email].", cli.oneSentence());

    Path twice = dir.resolve("twice.csv");
    List<String> rows = new java.util.ArrayList<>(Files.readAllLines(input));
    rows.add(rows.get(3));
    Files.write(twice, rows);
    assertEquals(2, cli.run("find-matches", "label-set", "--input=" + twice, "--primary-key=unique_id",
        "--output=" + dir.resolve("x.csv")));
    assertEquals("beamglue find-matches label-set: The primary key 'unique_id' has the value '2' more than"
        + " once in '" + twice + "'; FindMatches needs a unique key per record.", cli.oneSentence());

    Path wrong = dir.resolve("wrong.csv");
    Files.writeString(wrong, "labeling_set_id,label,unique_id,first_name\nset-1,a,0,Robert\n");
    assertEquals(2, cli.run("find-matches", "teach", "--input=" + input, "--primary-key=unique_id",
        "--labels=" + wrong, "--model=" + dir.resolve("m.json")));
    assertEquals("beamglue find-matches teach: The labels file '" + wrong + "' has the columns [labeling_set_id,"
        + " label, unique_id, first_name] but should have [labeling_set_id, label, unique_id, first_name,"
        + " surname, dob, city, email] (labeling_set_id, label, then the input's columns).", cli.oneSentence());

    Path unknown = dir.resolve("unknown.csv");
    Files.writeString(unknown, "labeling_set_id,label,unique_id,first_name,surname,dob,city,email\n"
        + "set-1,a,0,Robert,Alan,1971-06-24,,x\nset-1,a,999,Bob,Alan,,,\n");
    assertEquals(2, cli.run("find-matches", "teach", "--input=" + input, "--primary-key=unique_id",
        "--labels=" + unknown, "--model=" + dir.resolve("m.json")));
    assertEquals("beamglue find-matches teach: Line 3 of the labels file '" + unknown + "' names the key"
        + " '999', which no record of the input has.", cli.oneSentence());

    Path other = dir.resolve("other.csv");
    Files.writeString(other, "unique_id,first_name,surname\n1,a,b\n2,a,c\n");
    Path model = dir.resolve("m2.json");
    assertEquals(0, cli.run("find-matches", "teach", "--input=" + other, "--primary-key=unique_id",
        "--labels=" + writeLabels(dir.resolve("l.csv")), "--model=" + model), cli.oneSentence());
    assertEquals(2, cli.run("find-matches", "explain", "--input=" + input, "--primary-key=unique_id",
        "--model=" + model, "0", "1"));
    assertEquals("beamglue find-matches explain: The model compares the columns [first_name, surname] but the"
        + " input has [first_name, surname, dob, city, email] to compare; teach a model on this input or"
        + " select the model's columns.", cli.oneSentence());
  }

  private static Path writeLabels(Path path) throws IOException {
    Files.writeString(path, "labeling_set_id,label,unique_id,first_name,surname\nset-1,x,1,a,b\nset-1,y,2,a,c\n");
    return path;
  }
}
