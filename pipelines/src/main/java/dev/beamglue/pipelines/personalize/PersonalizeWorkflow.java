package dev.beamglue.pipelines.personalize;

import dev.beamglue.pipelines.GlueWorkflow;
import dev.beamglue.pipelines.personalize.retail.RetailSpec;
import dev.beamglue.pipelines.workflow.WorkflowReport;
import dev.beamglue.pipelines.workflow.WorkflowRun;
import dev.beamglue.pipelines.workflow.WorkflowStage;
import java.io.PrintStream;
import java.util.List;

/**
 * The personalize export as one workflow, as in AWS's reference architecture for Personalize: the
 * three dataset jobs run in parallel (the export stage, one pipeline of three branches, into a
 * hidden staging folder, validated by Personalize's rules), then the previous export is replaced
 * (publish), then training data is imported (import: the dataset import jobs, or a dry run).
 * Without source options it exports a generated retail data set (an embedded PostgreSQL for the
 * orders, a users CSV and an items JSON dump).
 *
 * <p>{@code beamglue run personalize-export --output=out/personalize --interactions=20000}
 *
 * <p>From code: {@code WorkflowReport r = PersonalizeWorkflow.run(options);} with options made by
 * {@code PipelineOptionsFactory.fromArgs(...).as(PersonalizeOptions.class)}; it throws {@link
 * WorkflowRun.StageFailure} naming the stage that failed.
 */
public final class PersonalizeWorkflow implements GlueWorkflow<PersonalizeOptions> {

  public static final String NAME = "personalize-export";

  public static WorkflowReport run(PersonalizeOptions options) {
    return run(options, System.out, System.err);
  }

  public static WorkflowReport run(PersonalizeOptions options, PrintStream out, PrintStream err) {
    return new WorkflowRun(out, err).execute(new PersonalizeWorkflow(), options);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "workflow: interactions (JDBC), items (JSON), users (CSV) -> Personalize datasets "
        + "-> publish -> import";
  }

  @Override
  public Class<PersonalizeOptions> optionsClass() {
    return PersonalizeOptions.class;
  }

  /** Reads the interactions with the generated database's query when no table or query is given. */
  @Override
  public void configure(PersonalizeOptions options) {
    if (options.getJdbcTable() == null && options.getJdbcQuery() == null) {
      ExportSources.useDefaultQuery(options);
    }
  }

  @Override
  public void validate(PersonalizeOptions options) {
    ExportPaths.of(options);
    MappingFile.load(options.getMapping());
    if (options.getJdbcUrl() == null) {
      RetailSpec.of(options.getSeed(), options.getInteractions());
    }
    if (options.getDatasetGroupArn() != null ^ options.getRoleArn() != null) {
      throw new IllegalArgumentException("Give both --datasetGroupArn and --roleArn to import "
          + "into Personalize, or neither for a dry run.");
    }
  }

  @Override
  public List<WorkflowStage<PersonalizeOptions>> stages(PersonalizeOptions options) {
    return List.of(new ExportStage(), new PublishStage(), new ImportStage());
  }
}
