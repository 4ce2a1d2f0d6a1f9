package dev.beamglue.io.personalize;

/**
 * A failed Amazon Personalize call or import, as one sentence that names what could not be done
 * and why.
 *
 * <p>{@code try { imports.run(options); } catch (PersonalizeException e) { System.err.println(e.getMessage()); }}
 */
public class PersonalizeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PersonalizeException(String sentence) {
    super(sentence);
  }

  public PersonalizeException(String sentence, Throwable cause) {
    super(sentence, cause);
  }
}
