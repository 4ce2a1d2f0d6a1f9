package dev.beamglue.io.personalize;

import dev.beamglue.io.aws.AwsProblems;
import java.util.function.Supplier;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClientBuilder;

/**
 * Amazon Personalize clients configured from Beam's AWS options (region, endpoint override,
 * credentials provider, HTTP settings) through Beam's {@link ClientBuilderFactory}, as the Glue
 * Data Catalog's client is, and AWS errors turned into one sentence.
 *
 * <p>{@code try (PersonalizeClient client = PersonalizeClients.personalize(options)) { ... }}
 */
public final class PersonalizeClients {

  private PersonalizeClients() {}

  /** The Personalize control-plane client of the options' region, endpoint and credentials. */
  public static PersonalizeClient personalize(AwsOptions options) {
    return call("connect to Amazon Personalize", () ->
        ClientBuilderFactory.getFactory(options).create(PersonalizeClient.builder(), options)
            .build());
  }

  /**
   * The Personalize events client of the options, with the SDK's own retries turned off: {@link
   * PersonalizeEvents} retries with its own backoff and counts every attempt.
   */
  public static PersonalizeEventsClient events(AwsOptions options) {
    return call("connect to Amazon Personalize Events", () -> {
      PersonalizeEventsClientBuilder builder = ClientBuilderFactory.getFactory(options)
          .create(PersonalizeEventsClient.builder(), options);
      ClientOverrideConfiguration configured = builder.overrideConfiguration();
      ClientOverrideConfiguration.Builder override = configured == null
          ? ClientOverrideConfiguration.builder() : configured.toBuilder();
      return builder.overrideConfiguration(override.retryPolicy(RetryPolicy.none()).build())
          .build();
    });
  }

  /** Runs one Personalize call, turning AWS errors into one sentence saying what failed. */
  static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (ResourceNotFoundException e) {
      throw new PersonalizeException("Amazon Personalize could not " + what
          + " because it does not exist: " + AwsProblems.message(e) + ".", e);
    } catch (software.amazon.awssdk.services.personalize.model.PersonalizeException e) {
      String code = AwsProblems.errorCode(e);
      if (AwsProblems.isDenied(code) || e.statusCode() == 403) {
        throw new PersonalizeException("Amazon Personalize denied the permission to " + what
            + " (" + code + "): " + AwsProblems.message(e) + ".", e);
      }
      throw new PersonalizeException("Amazon Personalize could not " + what + " (" + code
          + "): " + AwsProblems.message(e) + ".", e);
    } catch (SdkClientException e) {
      throw new PersonalizeException(AwsProblems.clientProblem(what, e), e);
    } catch (SdkException e) {
      throw new PersonalizeException("Amazon Personalize could not " + what + ": "
          + String.valueOf(e.getMessage()).replaceAll("\\.$", "") + ".", e);
    }
  }
}
