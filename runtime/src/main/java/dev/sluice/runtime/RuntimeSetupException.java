package dev.sluice.runtime;

/** A plan the runtime cannot run: an address that does not resolve, a port that cannot be bound. */
public final class RuntimeSetupException extends Exception {

    public RuntimeSetupException(String message) {
        super(message);
    }

    public RuntimeSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
