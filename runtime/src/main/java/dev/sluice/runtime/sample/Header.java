package dev.sluice.runtime.sample;

import java.util.Objects;

/**
 * One header line of a message, as received: its name (compared without regard to case) and its
 * value, both byte strings (one {@code char} per byte).
 *
 * @param name the field name
 * @param value the field value, without leading or trailing white space
 */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
