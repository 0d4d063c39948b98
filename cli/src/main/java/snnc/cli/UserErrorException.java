package snnc.cli;

/** A mistake of the user's that is not about a model's source (e.g. an unwritable output folder). */
final class UserErrorException extends RuntimeException {
  UserErrorException(String message) {
    super(message);
  }
}
