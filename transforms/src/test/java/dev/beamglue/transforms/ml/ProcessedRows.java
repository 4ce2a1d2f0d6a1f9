package dev.beamglue.transforms.ml;

import java.util.Arrays;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Tiny rows shaped like the playground workshop's processed table (playgrounds left-joined with
 * parks and New York income), for tests of the ML preparation.
 */
public final class ProcessedRows {

  public static final String VITA_TOTAL = "num_of_volunteer_prepared_returns_Total";
  public static final String VITA =
      "num_of_volunteer_prepared_returns_Num_of_volunteer_income_tax_assistance_prepared_returns";
  public static final String TCE =
      "num_of_volunteer_prepared_returns_Num_of_tax_counseling_for_the_elderly_prepared_returns";

  public static final Schema SCHEMA =
      Schema.builder()
          .addNullableStringField("Playground_ID")
          .addNullableStringField("School_ID")
          .addNullableStringField("Status")
          .addNullableStringField("Accessible")
          .addNullableStringField("Level")
          .addNullableStringField("Adaptive_Swing")
          .addNullableStringField("lat")
          .addNullableStringField("lon")
          .addNullableStringField("Prop_ID")
          .addNullableStringField("Name")
          .addNullableStringField("Location")
          .addNullableInt64Field("zipcode")
          .addNullableInt64Field("size_of_adjusted_gross_income")
          .addNullableInt64Field("num_of_returns")
          .addNullableInt64Field("num_of_single_returns")
          .addNullableInt64Field("num_of_joint_returns")
          .addNullableInt64Field("num_of_head_of_household_returns")
          .addNullableInt64Field("num_with_paid_preparers_signature")
          .addNullableInt64Field("num_of_exemptions")
          .addNullableDoubleField("num_of_dependents")
          .addNullableInt64Field(VITA_TOTAL)
          .addNullableInt64Field(VITA)
          .addNullableInt64Field(TCE)
          .build();

  private ProcessedRows() {}

  /**
   * A playground row. With {@code returns} null the playground matched no park (every park and
   * income column null); otherwise the income columns are {@code stub}, the counts given, and
   * the others derived from {@code returns}: paid preparers returns/2, exemptions 2*returns,
   * dependents returns/4 (a double), VITA total 3, VITA 2, TCE 1.
   */
  public static Row row(
      String id,
      String accessible,
      String swing,
      String level,
      Long stub,
      Long returns,
      Long single,
      Long joint,
      Long headOfHousehold) {
    boolean park = stub != null;
    return Row.withSchema(SCHEMA)
        .attachValues(
            Arrays.asList(
                id,
                "S" + id,
                "Active",
                accessible,
                level,
                swing,
                "40.7",
                "-73.9",
                park ? "P" + id : null,
                park ? "Park " + id : null,
                park ? "Somewhere" : null,
                park ? 10001L : null,
                stub,
                returns,
                single,
                joint,
                headOfHousehold,
                returns == null ? null : returns / 2,
                returns == null ? null : returns * 2,
                returns == null ? null : returns / 4.0,
                park ? 3L : null,
                park ? 2L : null,
                park ? 1L : null));
  }
}
