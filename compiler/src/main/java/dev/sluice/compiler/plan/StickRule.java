package dev.sluice.compiler.plan;

import java.util.Objects;

/**
 * A {@code stick} rule of a backend.
 *
 * @param kind {@code on}, {@code match}, {@code store-request} or {@code store-response}
 * @param pattern the sample that gives the key
 * @param table the table's name ({@code table}), or null for the backend's own
 * @param condition the condition, or null
 */
public record StickRule(String kind, SampleCall pattern, String table, Condition condition) {

    public StickRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
    }
}
