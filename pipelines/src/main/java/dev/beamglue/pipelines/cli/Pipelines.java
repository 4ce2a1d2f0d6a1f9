package dev.beamglue.pipelines.cli;

import dev.beamglue.pipelines.GluePipeline;
import dev.beamglue.pipelines.convert.ConvertPipeline;
import dev.beamglue.pipelines.githubevents.GithubEventsPipeline;
import dev.beamglue.pipelines.relationalize.RelationalizePipeline;
import java.util.List;
import java.util.Optional;

/** The pipelines the command line knows, in the order {@code beamglue list} prints them. */
final class Pipelines {

  static final List<GluePipeline<?>> ALL = List.of(
      new GithubEventsPipeline(), new RelationalizePipeline(), new ConvertPipeline());

  private Pipelines() {}

  static Optional<GluePipeline<?>> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  static String names() {
    return String.join(", ", ALL.stream().map(GluePipeline::name).toList());
  }
}
