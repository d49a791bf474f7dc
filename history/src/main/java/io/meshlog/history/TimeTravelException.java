package io.meshlog.history;

/** Bad input to a time-travel command (an unparseable or out-of-range T, an unknown proxy): said to the user. */
public final class TimeTravelException extends RuntimeException {
  public TimeTravelException(String message) {
    super(message);
  }
}
