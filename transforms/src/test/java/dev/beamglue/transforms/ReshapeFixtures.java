package dev.beamglue.transforms;

import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/** Events shaped like the GitHub archive, for the tests of the field reshaping transforms. */
final class ReshapeFixtures {

  static final Schema ACTOR =
      Schema.builder()
          .addStringField("login")
          .addInt64Field("id")
          .addNullableField("url", FieldType.STRING)
          .build();
  static final Schema AUTHOR =
      Schema.builder().addStringField("name").addNullableField("email", FieldType.STRING).build();
  static final Schema COMMIT =
      Schema.builder()
          .addStringField("sha")
          .addNullableField("author", FieldType.row(AUTHOR))
          .build();
  static final Schema PAYLOAD =
      Schema.builder()
          .addInt32Field("size")
          .addNullableField("commits", FieldType.array(FieldType.row(COMMIT).withNullable(true)))
          .build();
  static final Schema EVENT =
      Schema.builder()
          .addStringField("id")
          .addStringField("type")
          .addNullableField("actor", FieldType.row(ACTOR))
          .addStringField("repo.name")
          .addRowField("payload", PAYLOAD)
          .build();

  private ReshapeFixtures() {}

  static Row actor(String login, long id, String url) {
    return Row.withSchema(ACTOR).addValues(login, id, url).build();
  }

  static Row commit(String sha, String name, String email) {
    Row author = name == null ? null : Row.withSchema(AUTHOR).addValues(name, email).build();
    return Row.withSchema(COMMIT).addValues(sha, author).build();
  }

  static Row event(String id, Row actor, int size, Row... commits) {
    List<Row> list = commits == null ? null : Arrays.asList(commits);
    return Row.withSchema(EVENT)
        .addValues(id, "PushEvent", actor, "octo/" + id,
            Row.withSchema(PAYLOAD).addValues(size, list).build())
        .build();
  }

  /** Two events: one with an actor and commits (one null, one without author), one without. */
  static List<Row> events() {
    return List.of(
        event("1", actor("ann", 7L, "u/ann"), 2,
            commit("a1", "Ann", "ann@x"), null, commit("a2", null, null)),
        event("2", null, 0, (Row[]) null));
  }
}
