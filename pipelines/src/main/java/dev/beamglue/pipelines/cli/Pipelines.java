package dev.beamglue.pipelines.cli;

import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.GlueWorkflow;
import dev.beamglue.pipelines.convert.ConvertPipeline;
import dev.beamglue.pipelines.githubevents.GithubEventsPipeline;
import dev.beamglue.pipelines.personalize.PersonalizeWorkflow;
import dev.beamglue.pipelines.playground.PlaygroundWorkflow;
import dev.beamglue.pipelines.realtime.RealtimeEventsPipeline;
import dev.beamglue.pipelines.relationalize.RelationalizePipeline;
import java.util.List;
import java.util.Optional;

/** The pipelines and workflows the command line knows, in the order {@code beamglue list} prints them. */
final class Pipelines {

  static final List<GluePipeline<?>> ALL = List.of(
      new GithubEventsPipeline(), new RelationalizePipeline(), new ConvertPipeline(),
      new RealtimeEventsPipeline());

  static final List<GlueWorkflow<?>> WORKFLOWS = List.of(new PlaygroundWorkflow(), new PersonalizeWorkflow());

  private Pipelines() {}

  static Optional<GluePipeline<?>> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  static Optional<GlueWorkflow<?>> workflow(String name) {
    return WORKFLOWS.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** The names of the pipelines, then of the workflows. */
  static String names() {
    List<String> names = new java.util.ArrayList<>(ALL.stream().map(GluePipeline::name).toList());
    WORKFLOWS.forEach(w -> names.add(w.name()));
    return String.join(", ", names);
  }
}
