package dev.sluice.compiler.plan;

import java.util.List;
import java.util.Objects;

/**
 * How a backend checks its servers (for servers with {@code check}).
 *
 * @param type {@code tcp} (connect only, the default), {@code http} ({@code option httpchk}),
 *     {@code tcp-check}, {@code ssl-hello}, {@code smtp}, {@code ldap}, {@code mysql},
 *     {@code pgsql}, {@code redis}, {@code spop} or {@code external}
 * @param method for {@code http}: the request method, {@code OPTIONS} by default
 * @param uri for {@code http}: the URI, {@code /} by default
 * @param version for {@code http}: the HTTP version, {@code HTTP/1.0} by default
 * @param args the other words of the check's option ({@code option smtpchk EHLO domain}, ...)
 * @param rules the {@code http-check} and {@code tcp-check} lines in order
 */
public record HealthCheck(String type, String method, String uri, String version, List<String> args,
        List<CheckRule> rules) {

    /** A plain TCP connection. */
    public static final HealthCheck TCP = new HealthCheck("tcp", null, null, null, List.of(), List.of());

    public HealthCheck {
        Objects.requireNonNull(type, "type");
        args = List.copyOf(args);
        rules = List.copyOf(rules);
    }

    /**
     * One {@code http-check} or {@code tcp-check} line.
     *
     * @param kind {@code http-check} or {@code tcp-check}
     * @param action {@code send}, {@code expect}, {@code connect}, {@code comment}, {@code disable-on-404}, ...
     * @param args the words after the action
     */
    public record CheckRule(String kind, String action, List<String> args) {

        public CheckRule {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(action, "action");
            args = List.copyOf(args);
        }
    }
}
