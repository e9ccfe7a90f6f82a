package dev.sluice.compiler.diff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a change reaches a running Sluice, from the lightest to the heaviest. {@link ApplyPolicy}
 * decides which one each change needs.
 */
public enum Apply {
    /** Through the runtime socket, without a reload: a server's weight, admin state or address. */
    RUNTIME,
    /** A hot reload: the new plan is swapped in and no connection is lost. */
    RELOAD,
    /** A new process: what a long-lived process cannot change in place (its user, its threads, ...). */
    RESTART;

    /** The name in output: {@code runtime}, {@code reload}, {@code restart}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
