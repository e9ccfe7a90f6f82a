package dev.sluice.compiler.check;

import java.util.Map;

/**
 * The values of {@code server} and {@code default-server} options as the option parsers of
 * HAProxy 2.6 check them, in their words: counts that must be positive integers, a missing value.
 */
final class ServerOptionValues {

    /** Checks an option's value: HAProxy's message, or null when the value is accepted. */
    @FunctionalInterface
    private interface Rule {
        String check(String option, String value);
    }

    /** {@code rise} and {@code fall}: read with {@code atol()}, then refused below 1. */
    private static final Rule POSITIVE_COUNT = (o, v) -> v.isEmpty() ? "'" + o + "' expects an integer argument."
            : Numbers.atol(v) <= 0 ? "'" + o + "' has to be > 0." : null;

    private static final Rule ALPN = (o, v) -> v.isEmpty()
            ? "'" + o + "' : missing the comma-delimited ALPN protocol suite" : null;

    private static final Map<String, Rule> RULES = Map.of(
            "rise", POSITIVE_COUNT,
            "fall", POSITIVE_COUNT,
            "error-limit", (o, v) -> v.isEmpty() ? "'" + o + "' expects an integer argument."
                    : Numbers.atoi(v) <= 0 ? "'" + o + "' must be >= -1" : null,
            "id", (o, v) -> v.isEmpty() ? "'" + o + "' : expects an integer argument"
                    : Numbers.atol(v) <= 0 ? "'" + o + "' : custom id has to be > 0" : null,
            "check-proto", (o, v) -> v.isEmpty() ? "'" + o + "' : missing value" : null,
            "proto", (o, v) -> v.isEmpty() ? "'" + o + "' : missing value" : null,
            "alpn", ALPN,
            "check-alpn", ALPN);

    private ServerOptionValues() {}

    /** HAProxy's complaint about the value of server option {@code option}, or null. */
    static String problem(String option, String value) {
        Rule rule = RULES.get(option);
        return rule == null ? null : rule.check(option, value);
    }
}
