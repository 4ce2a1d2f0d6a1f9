package dev.beamglue.pipelines.playground;

import java.io.Serializable;

/**
 * The names of the processed playground table's columns that the ML preparation reads, with the
 * workshop's names as {@link #WORKSHOP}; change one with its {@code withX} when a table names it
 * otherwise.
 *
 * <p>{@code MlPreparation.create().withColumns(MlColumns.WORKSHOP.withLevel("level"))}
 */
public record MlColumns(
    String playgroundId,
    String accessible,
    String adaptiveSwing,
    String level,
    String returns,
    String singleReturns,
    String jointReturns,
    String headOfHouseholdReturns)
    implements Serializable {

  /** The columns as the workshop's processed table names them. */
  public static final MlColumns WORKSHOP =
      new MlColumns(
          "Playground_ID",
          "Accessible",
          "Adaptive_Swing",
          "Level",
          "num_of_returns",
          "num_of_single_returns",
          "num_of_joint_returns",
          "num_of_head_of_household_returns");

  public MlColumns withPlaygroundId(String name) {
    return new MlColumns(name, accessible, adaptiveSwing, level, returns, singleReturns,
        jointReturns, headOfHouseholdReturns);
  }

  public MlColumns withAccessible(String name) {
    return new MlColumns(playgroundId, name, adaptiveSwing, level, returns, singleReturns,
        jointReturns, headOfHouseholdReturns);
  }

  public MlColumns withAdaptiveSwing(String name) {
    return new MlColumns(playgroundId, accessible, name, level, returns, singleReturns,
        jointReturns, headOfHouseholdReturns);
  }

  public MlColumns withLevel(String name) {
    return new MlColumns(playgroundId, accessible, adaptiveSwing, name, returns, singleReturns,
        jointReturns, headOfHouseholdReturns);
  }

  public MlColumns withReturns(String name) {
    return new MlColumns(playgroundId, accessible, adaptiveSwing, level, name, singleReturns,
        jointReturns, headOfHouseholdReturns);
  }

  public MlColumns withSingleReturns(String name) {
    return new MlColumns(playgroundId, accessible, adaptiveSwing, level, returns, name,
        jointReturns, headOfHouseholdReturns);
  }

  public MlColumns withJointReturns(String name) {
    return new MlColumns(playgroundId, accessible, adaptiveSwing, level, returns, singleReturns,
        name, headOfHouseholdReturns);
  }

  public MlColumns withHeadOfHouseholdReturns(String name) {
    return new MlColumns(playgroundId, accessible, adaptiveSwing, level, returns, singleReturns,
        jointReturns, name);
  }
}
