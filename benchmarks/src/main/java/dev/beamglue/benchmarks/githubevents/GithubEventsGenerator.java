package dev.beamglue.benchmarks.githubevents;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.beamglue.benchmarks.harness.Flags;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes synthetic GitHub Archive events as newline-delimited JSON, deterministically: the same seed
 * gives byte-identical output, of any size.
 *
 * <p>{@code GithubEventsGenerator.write(Path.of("events.ndjson"), 500_000, 42, 997)}
 *
 * <p>Each line is one event shaped like the real archive ({@code id}, {@code type}, {@code actor},
 * {@code repo}, an optional {@code org}, a per-type {@code payload}, {@code public}, {@code
 * created_at}), with the type troubles real data has, on purpose:
 *
 * <ul>
 *   <li>{@code payload.size} of a PushEvent is an int, and a string ({@code "3"}) in about 1 in 50;
 *   <li>{@code actor.id} is an int, and a string in about 1 in 100 events;
 *   <li>{@code payload.description} is always null;
 *   <li>every {@code malformedEvery}-th line (the lines numbered K, 2K, ... from 1) is malformed:
 *       alternately a truncated JSON object and a bare line that is not JSON.
 * </ul>
 *
 * <p>{@code created_at} starts at 2015-01-01T15:00:00Z and increases by one second per line; ids
 * increase too. PushEvent is the commonest type (about 36%, 1 to 5 commits, mostly 1), then
 * WatchEvent, CreateEvent, IssueCommentEvent, IssuesEvent, PullRequestEvent and ForkEvent. The fields
 * every event carries take about 430 bytes, so the average line is about 620 bytes (500,000 events
 * are about 310 MB). Nothing is built as a tree: events are streamed through a Jackson {@link
 * JsonGenerator}.
 */
public final class GithubEventsGenerator {

  /** The default distance between malformed lines: a prime, so they fall on every event type. */
  public static final int DEFAULT_MALFORMED_EVERY = 997;

  static final String[] BARE_LINES = {
    "not json at all", "<html><body>502 Bad Gateway</body></html>", "ERROR: upstream timed out"
  };

  private static final JsonFactory JSON = new JsonFactory();
  private static final long FIRST_SECOND = 1420124400L; // 2015-01-01T15:00:00Z
  private static final long FIRST_ID = 2489651045L;
  private static final int ACTORS = 40_000;
  private static final int REPOS = 25_000;
  private static final int ORGS = 1_500;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bar", "dev", "git", "hub", "io", "js",
    "max", "neo", "op", "py", "qu", "ray", "sun", "tek", "ux", "web", "xo", "yan", "zip"
  };
  private static final String[] REPO_WORDS = {
    "api", "app", "blog", "cli", "core", "data", "docs", "engine", "kit", "lib", "parser", "server",
    "site", "tools", "ui", "utils", "web", "config", "dotfiles", "sandbox"
  };
  private static final String[] MESSAGES = {
    "Fix typo", "Update README.md", "Add tests", "Refactor parser", "Bump version",
    "Merge branch 'master'", "Initial commit", "Fix build", "Remove unused code", "WIP"
  };
  private static final String[] ISSUE_ACTIONS = {"opened", "closed", "reopened"};
  private static final String[] REF_TYPES = {"branch", "tag", "repository"};

  private final SplittableRandom random;
  private final int malformedEvery;
  private final String[] logins = new String[ACTORS];
  private final String[] repoNames = new String[REPOS];
  private final String[] orgLogins = new String[ORGS];
  private final char[] hexBuffer = new char[40];
  private long eventId = FIRST_ID;
  private long pushId = 536_863_970L;
  private long issueNumber = 1;
  private long cachedDay = Long.MIN_VALUE;
  private boolean writingMalformed;
  private long validCommits;
  private String cachedDayPrefix;

  private GithubEventsGenerator(long seed, int malformedEvery) {
    if (malformedEvery < 0) {
      throw new IllegalArgumentException(
          "malformedEvery is " + malformedEvery + " but must be 0 (no malformed lines) or more");
    }
    this.random = new SplittableRandom(seed);
    this.malformedEvery = malformedEvery;
    for (int i = 0; i < ACTORS; i++) {
      logins[i] = name(1 + random.nextInt(2)) + (random.nextInt(3) == 0 ? random.nextInt(100) : "");
    }
    for (int i = 0; i < ORGS; i++) {
      orgLogins[i] = name(2) + "-" + SYLLABLES[random.nextInt(SYLLABLES.length)];
    }
    for (int i = 0; i < REPOS; i++) {
      String owner = random.nextInt(4) == 0 ? orgLogins[i % ORGS] : logins[random.nextInt(ACTORS)];
      repoNames[i] = owner + "/" + REPO_WORDS[random.nextInt(REPO_WORDS.length)] + (i % 3 == 0 ? "" : i % 97);
    }
  }

  /** Writes {@code events} lines to {@code out}, gzip-compressed when its name ends with ".gz". */
  public static void write(Path out, long events, long seed, int malformedEvery) throws IOException {
    write(out, events, seed, malformedEvery, out.getFileName().toString().endsWith(".gz"));
  }

  /** Writes {@code events} lines to {@code out}, gzip-compressed if {@code gzip}. */
  public static void write(Path out, long events, long seed, int malformedEvery, boolean gzip)
      throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream file = Files.newOutputStream(out)) {
      OutputStream stream = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
      try (OutputStream buffered = new BufferedOutputStream(stream, 1 << 16)) {
        write(buffered, events, seed, malformedEvery);
      }
    }
  }

  /** Writes {@code events} lines to {@code out} (not closed). */
  public static void write(OutputStream out, long events, long seed, int malformedEvery)
      throws IOException {
    new GithubEventsGenerator(seed, malformedEvery).run(out, events);
  }

  /**
   * The number of commits ({@code payload.commits} elements) in the valid events of the file these
   * settings generate, found by generating it without keeping it; the commits of a truncated line do
   * not count.
   */
  public static long commits(long events, long seed, int malformedEvery) throws IOException {
    GithubEventsGenerator generator = new GithubEventsGenerator(seed, malformedEvery);
    generator.run(OutputStream.nullOutputStream(), events);
    return generator.validCommits;
  }

  /** The number of malformed lines among {@code events} lines. */
  public static long malformedLines(long events, int malformedEvery) {
    return malformedEvery == 0 ? 0 : events / malformedEvery;
  }

  private void run(OutputStream out, long events) throws IOException {
    JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8);
    gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    gen.setRootValueSeparator(new SerializedString(""));
    for (long line = 1; line <= events; line++) {
      long second = FIRST_SECOND + line - 1;
      if (malformedEvery > 0 && line % malformedEvery == 0) {
        gen.writeRaw(malformed(line, second));
      } else {
        writeEvent(gen, second);
      }
      gen.writeRaw('\n');
    }
    gen.flush();
  }

  private String malformed(long line, long second) throws IOException {
    if ((line / malformedEvery) % 2 == 0) {
      return BARE_LINES[(int) ((line / malformedEvery / 2) % BARE_LINES.length)];
    }
    StringWriter text = new StringWriter(1024);
    writingMalformed = true;
    try (JsonGenerator gen = JSON.createGenerator(text)) {
      writeEvent(gen, second);
    } finally {
      writingMalformed = false;
    }
    String event = text.toString();
    // Cut inside the object: never at its end, so the line cannot parse.
    return event.substring(0, 20 + random.nextInt(event.length() / 2));
  }

  private void writeEvent(JsonGenerator gen, long second) throws IOException {
    String type = type(random.nextInt(100));
    eventId += 1 + random.nextInt(3);
    int actor = skewed(ACTORS);
    int repo = skewed(REPOS);
    gen.writeStartObject();
    gen.writeStringField("id", Long.toString(eventId));
    gen.writeStringField("type", type);
    writeActor(gen, actor);
    gen.writeObjectFieldStart("repo");
    gen.writeNumberField("id", 1_000_000 + repo * 7L);
    gen.writeStringField("name", repoNames[repo]);
    gen.writeStringField("url", "https://api.github.com/repos/" + repoNames[repo]);
    gen.writeEndObject();
    gen.writeObjectFieldStart("payload");
    writePayload(gen, type, actor, repo);
    gen.writeNullField("description");
    gen.writeEndObject();
    gen.writeBooleanField("public", random.nextInt(50) != 0);
    gen.writeStringField("created_at", timestamp(second));
    if (random.nextInt(10) < 3) {
      int org = random.nextInt(ORGS);
      gen.writeObjectFieldStart("org");
      gen.writeNumberField("id", 5_000_000 + org * 13L);
      gen.writeStringField("login", orgLogins[org]);
      gen.writeStringField("url", "https://api.github.com/orgs/" + orgLogins[org]);
      gen.writeStringField("avatar_url", "https://avatars.githubusercontent.com/u/" + (5_000_000 + org * 13L) + "?");
      gen.writeEndObject();
    }
    gen.writeEndObject();
  }

  private void writeActor(JsonGenerator gen, int actor) throws IOException {
    long id = 100_000 + actor * 31L;
    gen.writeObjectFieldStart("actor");
    if (random.nextInt(100) == 0) {
      gen.writeStringField("id", Long.toString(id));
    } else {
      gen.writeNumberField("id", id);
    }
    gen.writeStringField("login", logins[actor]);
    gen.writeStringField("gravatar_id", "");
    gen.writeStringField("url", "https://api.github.com/users/" + logins[actor]);
    gen.writeStringField("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?");
    gen.writeEndObject();
  }

  private void writePayload(JsonGenerator gen, String type, int actor, int repo) throws IOException {
    switch (type) {
      case "PushEvent":
        writePush(gen, actor, repo);
        break;
      case "WatchEvent":
        gen.writeStringField("action", "started");
        break;
      case "CreateEvent":
        String refType = REF_TYPES[random.nextInt(REF_TYPES.length)];
        gen.writeStringField("ref", refType.equals("repository") ? null : "feature-" + random.nextInt(500));
        gen.writeStringField("ref_type", refType);
        gen.writeStringField("pusher_type", "user");
        break;
      case "IssuesEvent":
        gen.writeStringField("action", ISSUE_ACTIONS[random.nextInt(ISSUE_ACTIONS.length)]);
        gen.writeObjectFieldStart("issue");
        gen.writeNumberField("number", issueNumber++);
        gen.writeStringField("title", MESSAGES[random.nextInt(MESSAGES.length)]);
        gen.writeEndObject();
        break;
      case "IssueCommentEvent":
        gen.writeStringField("action", "created");
        gen.writeObjectFieldStart("comment");
        gen.writeNumberField("id", 68_000_000L + random.nextInt(10_000_000));
        gen.writeStringField("body", MESSAGES[random.nextInt(MESSAGES.length)]);
        gen.writeEndObject();
        break;
      case "ForkEvent":
        gen.writeObjectFieldStart("forkee");
        gen.writeNumberField("id", 28_000_000L + random.nextInt(1_000_000));
        gen.writeEndObject();
        break;
      case "PullRequestEvent":
        gen.writeStringField("action", random.nextInt(2) == 0 ? "opened" : "closed");
        gen.writeNumberField("number", 1 + random.nextInt(2_000));
        break;
      default:
        throw new IllegalStateException("no payload for event type " + type);
    }
  }

  private void writePush(JsonGenerator gen, int actor, int repo) throws IOException {
    int r = random.nextInt(100);
    int commits = r < 85 ? 1 : r < 93 ? 2 : r < 97 ? 3 : r < 99 ? 4 : 5;
    if (!writingMalformed) {
      validCommits += commits;
    }
    gen.writeNumberField("push_id", pushId += 1 + random.nextInt(4));
    if (random.nextInt(50) == 0) {
      gen.writeStringField("size", Integer.toString(commits));
    } else {
      gen.writeNumberField("size", commits);
    }
    gen.writeNumberField("distinct_size", commits);
    gen.writeStringField("ref", random.nextInt(4) == 0 ? "refs/heads/develop" : "refs/heads/master");
    String head = sha();
    gen.writeStringField("head", head);
    gen.writeStringField("before", sha());
    gen.writeArrayFieldStart("commits");
    for (int i = 0; i < commits; i++) {
      String commitSha = i == commits - 1 ? head : sha();
      gen.writeStartObject();
      gen.writeStringField("sha", commitSha);
      gen.writeObjectFieldStart("author");
      gen.writeStringField("email", logins[actor] + "@gmail.com");
      gen.writeStringField("name", logins[actor]);
      gen.writeEndObject();
      gen.writeStringField("message", MESSAGES[random.nextInt(MESSAGES.length)]);
      gen.writeBooleanField("distinct", true);
      gen.writeStringField("url", "https://api.github.com/repos/" + repoNames[repo] + "/commits/" + commitSha);
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }

  private static String type(int percent) {
    if (percent < 36) {
      return "PushEvent";
    } else if (percent < 58) {
      return "WatchEvent";
    } else if (percent < 72) {
      return "CreateEvent";
    } else if (percent < 82) {
      return "IssueCommentEvent";
    } else if (percent < 89) {
      return "IssuesEvent";
    } else if (percent < 95) {
      return "PullRequestEvent";
    }
    return "ForkEvent";
  }

  /** An index in [0, n) where small indexes are much more likely: a few busy actors and repos. */
  private int skewed(int n) {
    double u = random.nextDouble();
    return (int) (u * u * u * n);
  }

  private String name(int syllables) {
    StringBuilder name = new StringBuilder(12);
    for (int i = 0; i < syllables; i++) {
      name.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
    }
    return name.toString();
  }

  private String sha() {
    for (int i = 0; i < 40; i += 16) {
      long bits = random.nextLong();
      for (int j = i; j < Math.min(40, i + 16); j++) {
        hexBuffer[j] = HEX[(int) (bits & 15)];
        bits >>>= 4;
      }
    }
    return new String(hexBuffer);
  }

  private String timestamp(long epochSecond) {
    long day = Math.floorDiv(epochSecond, 86_400L);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDayPrefix = java.time.LocalDate.ofEpochDay(day) + "T";
    }
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    char[] time = new char[9];
    twoDigits(time, 0, secondOfDay / 3600);
    time[2] = ':';
    twoDigits(time, 3, secondOfDay / 60 % 60);
    time[5] = ':';
    twoDigits(time, 6, secondOfDay % 60);
    time[8] = 'Z';
    return cachedDayPrefix + new String(time);
  }

  private static void twoDigits(char[] into, int at, int value) {
    into[at] = (char) ('0' + value / 10);
    into[at + 1] = (char) ('0' + value % 10);
  }

  /**
   * Generates a file: {@code --events=N --seed=S --output=PATH [--malformedEvery=K] [--gzip]}.
   */
  public static void main(String[] args) throws IOException {
    Flags flags = Flags.parse(args, "events", "seed", "output", "malformedEvery", "gzip");
    long events = flags.requiredLong("events");
    long seed = flags.getLong("seed", 42);
    Path output = Path.of(flags.required("output"));
    int malformedEvery = (int) flags.getLong("malformedEvery", DEFAULT_MALFORMED_EVERY);
    boolean gzip = flags.getBoolean("gzip");
    long start = System.nanoTime();
    write(output, events, seed, malformedEvery, gzip);
    System.out.printf(
        "Wrote %,d events (%,d malformed) to %s: %,d bytes in %.1f s%n",
        events,
        malformedLines(events, malformedEvery),
        output,
        Files.size(output),
        (System.nanoTime() - start) / 1e9);
  }
}
