package dev.sluice.compiler.check;

import java.util.Map;
import java.util.Set;

/**
 * The values of {@code bind} options (on {@code bind} lines and {@code stats socket} lines alike),
 * as the option parsers of HAProxy 2.6 check them: one rule per option, in HAProxy's words. The
 * values of {@code proto} are the mux names of the build, checked elsewhere; only a missing one
 * is reported here.
 */
final class BindOptionValues {

    /** Checks an option's value: HAProxy's message, or null when the value is accepted. */
    @FunctionalInterface
    private interface Rule {
        String check(String option, String value);
    }

    private static final Rule MISSING_VALUE = (o, v) -> v.isEmpty() ? "'" + o + "' : missing value" : null;

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("mode", BindOptionValues::octalMode),
            Map.entry("uid", MISSING_VALUE),
            Map.entry("gid", MISSING_VALUE),
            Map.entry("proto", MISSING_VALUE),
            Map.entry("user", missing("missing user name")),
            Map.entry("group", missing("missing group name")),
            Map.entry("name", missing("missing name")),
            Map.entry("level", oneOf("missing level", Set.of("user", "operator", "admin"),
                    "only supports 'user', 'operator', and 'admin'")),
            Map.entry("severity-output", oneOf("missing severity format", Set.of("none", "number", "string"),
                    "only supports 'none', 'number', and 'string'")),
            Map.entry("expose-fd", oneOf("missing fd type", Set.of("listeners"), "only supports 'listeners'")),
            Map.entry("maxconn", (o, v) -> v.isEmpty() ? MISSING_VALUE.check(o, v)
                    : Numbers.atoi(v) < 0 ? "'" + o + "' : invalid value " + Numbers.atoi(v) + ", must be >= 0" : null),
            Map.entry("backlog", (o, v) -> v.isEmpty() ? MISSING_VALUE.check(o, v)
                    : Numbers.atoi(v) < 0 ? "'" + o + "' : invalid value " + Numbers.atoi(v) + ", must be > 0" : null),
            Map.entry("accept-netscaler-cip", (o, v) -> v.isEmpty() ? MISSING_VALUE.check(o, v)
                    : Numbers.atoi(v) == 0 ? "'" + o + "' : invalid value 0, must be >= 0" : null),
            Map.entry("nice", (o, v) -> v.isEmpty() ? MISSING_VALUE.check(o, v)
                    : Math.abs((long) Numbers.atoi(v)) > 1024
                            ? "'" + o + "' : invalid value " + Numbers.atoi(v) + ", allowed range is -1024..1024" : null),
            Map.entry("id", BindOptionValues::listenerId),
            Map.entry("crt", missing("missing certificate location")),
            Map.entry("crt-list", missing("missing certificate location")),
            Map.entry("ca-file", missing("missing CAfile path")),
            Map.entry("ca-verify-file", missing("missing CAfile path")),
            Map.entry("ca-sign-file", missing("missing CAfile path")),
            Map.entry("crl-file", missing("missing CRLfile path")),
            Map.entry("ciphers", missing("missing cipher suite")),
            Map.entry("ciphersuites", missing("missing cipher suite")),
            Map.entry("curves", missing("missing curve suite")),
            Map.entry("ecdhe", missing("missing named curve")));

    private BindOptionValues() {}

    /**
     * HAProxy's complaint about the value of bind option {@code option} (empty when the line ends
     * after the option), or null.
     */
    static String problem(String option, String value) {
        Rule rule = RULES.get(option);
        return rule == null ? null : rule.check(option, value);
    }

    private static Rule missing(String message) {
        return (o, v) -> v.isEmpty() ? "'" + o + "' : " + message : null;
    }

    private static Rule oneOf(String missing, Set<String> values, String only) {
        return (o, v) -> v.isEmpty() ? "'" + o + "' : " + missing
                : values.contains(v) ? null : "'" + o + "' " + only + " (got '" + v + "')";
    }

    /** {@code strtol(value, &end, 8)} must read the whole value. */
    private static String octalMode(String option, String value) {
        int i = 0;
        if (!value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == '-')) {
            i++;
        }
        int digits = i;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '7') {
            i++;
        }
        boolean whole = i == value.length() && (i > digits || value.isEmpty());
        if (value.isEmpty() || !whole) {
            return "'" + option + "' : missing or invalid mode '" + value + "' (octal integer expected)";
        }
        return null;
    }

    private static String listenerId(String option, String value) {
        if (value.isEmpty()) {
            return "'" + option + "' : expects an integer argument";
        }
        Long id = Numbers.strictLong(value);
        if (id == null) {
            return "'" + option + "' : expects an integer argument, found '" + value + "'";
        }
        return id <= 0 ? "'" + option + "' : custom id has to be > 0" : null;
    }
}
