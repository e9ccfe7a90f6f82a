package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A {@code redirect} line.
 *
 * @param type {@code location}, {@code prefix} or {@code scheme}
 * @param target the target as written
 * @param format the target compiled as a log-format string, or null when it is not one
 * @param code the HTTP status, 302 by default
 * @param options the other words in order ({@code drop-query}, {@code set-cookie NAME=value}, ...)
 * @param condition the condition, or null
 */
public record Redirect(String type, String target, Format format, int code, List<String> options,
        Condition condition) {

    public Redirect {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        options = List.copyOf(options);
    }
}
