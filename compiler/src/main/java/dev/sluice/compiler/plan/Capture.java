package dev.sluice.compiler.plan;

import java.util.Objects;

/**
 * A capture slot of a frontend.
 *
 * @param kind {@code request-header}, {@code response-header} and {@code cookie} for the
 *     {@code capture} lines, {@code request} and {@code response} for {@code declare capture}
 * @param name the header or cookie name; "" for a declared slot
 * @param length how many characters are kept
 */
public record Capture(String kind, String name, int length) {

    public Capture {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
