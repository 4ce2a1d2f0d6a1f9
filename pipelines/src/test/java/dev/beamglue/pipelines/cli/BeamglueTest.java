package dev.beamglue.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: listing, help, a run's summary, and one clear sentence for each bad input. */
class BeamglueTest {

  @TempDir Path dir;

  private final CommandLine cli = new CommandLine();

  private Path file(String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private int runGithubEvents(Path input, String... more) {
    List<String> args = new ArrayList<>(List.of("run", "github-events", "--input=" + input,
        "--output=" + dir.resolve("out"), "--errors=" + dir.resolve("errors")));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void listsThePipelinesOneALine() {
    assertEquals(Beamglue.OK, cli.run("list"));
    assertTrue(cli.out().startsWith("github-events "), cli.out());
    assertEquals(Pipelines.ALL.size() + Pipelines.WORKFLOWS.size(), cli.out().lines().count());
    assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("playground-accessibility ")), cli.out());
  }

  @Test
  void printsAWorkflowsOptions() {
    assertEquals(Beamglue.OK, cli.run("run", "playground-accessibility", "--help"));
    assertTrue(cli.out().contains("--warehouse"), cli.out());
    assertTrue(cli.out().contains("--incomeSource"), cli.out());
    assertTrue(cli.out().contains("--stages"), cli.out());
  }

  @Test
  void printsAPipelinesOptions() {
    assertEquals(Beamglue.OK, cli.run("run", "github-events", "--help"));
    assertTrue(cli.out().contains("--input"), cli.out());
    assertTrue(cli.out().contains("--sampleSize"), cli.out());
  }

  @Test
  void runsAndSummarizesWhatWasReadWrittenAndRejected() throws IOException {
    Path input = file("events.json",
        "{\"id\":\"1\",\"type\":\"PushEvent\",\"actor\":{\"id\":5,\"login\":\"ann\"},"
            + "\"repo\":{\"name\":\"a/b\"},\"payload\":{\"size\":2},\"public\":true,"
            + "\"created_at\":\"2015-01-01T15:00:00Z\"}",
        "{\"id\":\"2\",\"type\":\"WatchEvent\",\"actor\":{\"id\":6,\"login\":\"bob\"},"
            + "\"repo\":{\"name\":\"c/d\"},\"payload\":{},\"public\":true,"
            + "\"created_at\":\"2015-01-01T15:00:01Z\"}",
        "{\"id\":\"3\", this is not json");
    int code = runGithubEvents(input,
        "--mappings=id:string->id:long, type:string->type:string, actor.login:string->actor:string,"
            + " payload.size:int->commit_count:int, created_at:string->created_at:timestamp");
    assertEquals(Beamglue.OK, code, cli.err());
    assertTrue(cli.out().contains("github-events finished in"), cli.out());
    assertTrue(cli.out().contains("check    3 read = 2 written + 1 errors"), cli.out());
  }

  @Test
  void aMissingInputIsOneSentence() {
    assertEquals(Beamglue.USAGE, runGithubEvents(dir.resolve("nowhere/*.json")));
    assertTrue(cli.oneSentence().contains("No files match"), cli.err());
  }

  @Test
  void anEmptyFileIsOneSentence() throws IOException {
    Path empty = dir.resolve("empty.json");
    Files.createFile(empty);
    assertEquals(Beamglue.USAGE, runGithubEvents(empty));
    assertTrue(cli.oneSentence().contains("every file is empty"), cli.err());
  }

  @Test
  void aFileThatIsNotJsonIsOneSentence() throws IOException {
    Path csv = file("parks.csv", "name,zip", "Central Park,10024");
    assertEquals(Beamglue.USAGE, runGithubEvents(csv));
    assertTrue(cli.oneSentence().contains("is not JSON"), cli.err());
  }

  @Test
  void anUnknownRunnerIsOneSentence() throws IOException {
    Path input = file("one.json", "{\"id\":\"1\"}");
    assertEquals(Beamglue.USAGE, runGithubEvents(input, "--runner=NoSuchRunner"));
    assertEquals(
        "beamglue run github-events: unknown runner 'NoSuchRunner'; "
            + "the runners are DirectRunner, FlinkRunner and SparkRunner.",
        cli.oneSentence());
  }

  @Test
  void aPipelineThatCannotBeBuiltLeavesTheOutputAlone() throws IOException {
    Path input = file("one.json", "{\"id\":\"1\"}");
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("part-00000-of-00001.parquet"), "yesterday's run");
    assertEquals(
        Beamglue.USAGE,
        runGithubEvents(input, "--mappings=login:string->login:string", "--overwrite"));
    assertEquals(
        "beamglue run github-events: Field 'login' is not in the schema; the fields there are [id].",
        cli.oneSentence());
    assertTrue(Files.exists(out.resolve("part-00000-of-00001.parquet")));
  }

  @Test
  void anUnknownOptionIsOneSentence() throws IOException {
    Path input = file("one.json", "{\"id\":\"1\"}");
    assertEquals(Beamglue.USAGE, runGithubEvents(input, "--colour=blue"));
    assertEquals(
        "beamglue run github-events: unknown option --colour; "
            + "'beamglue run github-events --help' lists the options.",
        cli.oneSentence());
  }

  @Test
  void anUnknownPipelineOrCommandIsOneSentence() {
    assertEquals(Beamglue.USAGE, cli.run("run", "nope"));
    assertTrue(cli.oneSentence().contains("unknown pipeline 'nope'"), cli.err());
    assertEquals(Beamglue.USAGE, cli.run("crawl-everything"));
    assertTrue(cli.oneSentence().contains("unknown command"), cli.err());
  }

  @Test
  void aMissingRequiredOptionIsOneSentence() {
    assertEquals(Beamglue.USAGE, cli.run("run", "github-events", "--output=x"));
    assertEquals(
        "beamglue run github-events: the option --input is required; "
            + "'beamglue run github-events --help' lists the options.",
        cli.oneSentence());
  }

  @Test
  void aValueOfTheWrongTypeIsOneSentence() throws IOException {
    Path input = file("one.json", "{\"id\":\"1\"}");
    assertEquals(Beamglue.USAGE, runGithubEvents(input, "--sampleSize=many"));
    assertEquals(
        "beamglue run github-events: --sampleSize=many is not a valid int; "
            + "'beamglue run github-events --help' lists the options.",
        cli.oneSentence());
  }

  @Test
  void aFullOutputFolderIsNotOverwrittenUnlessAsked() throws IOException {
    Path input = file("one.json", "{\"id\":\"1\",\"type\":\"PushEvent\"}");
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("precious.parquet"), "keep me");
    String[] mapping = {"--mappings=id:string->id:long, type:string->type:string"};
    assertEquals(Beamglue.USAGE, runGithubEvents(input, mapping));
    assertTrue(cli.oneSentence().contains("pass --overwrite"), cli.err());
    assertTrue(Files.exists(out.resolve("precious.parquet")));

    assertEquals(Beamglue.OK, runGithubEvents(input, mapping[0], "--overwrite"), cli.err());
    assertFalse(Files.exists(out.resolve("precious.parquet")));
    assertTrue(cli.out().contains("check    1 read = 1 written + 0 errors"), cli.out());
  }
}
