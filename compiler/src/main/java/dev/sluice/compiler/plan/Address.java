package dev.sluice.compiler.plan;

import java.util.Objects;

/**
 * A socket address as written on {@code bind}, {@code server} and similar lines.
 *
 * @param family the prefix before {@code @} ({@code ipv4}, {@code ipv6}, {@code unix}, {@code abns},
 *     {@code fd}, {@code quic4}, ...); {@code unix} for a path; null when none was written
 * @param host the host, IP address or path; {@code *} for any address
 * @param port the port, or the first of a range; null when there is none
 * @param portEnd the last port of a range, or null
 * @param portOffset true when the port is relative ({@code +1000}): added to the port the client
 *     connected to
 */
public record Address(String family, String host, Integer port, Integer portEnd, boolean portOffset) {

    public Address {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Reads an address as HAProxy does: an optional {@code family@} prefix, then a path, a bracketed
     * IPv6 address, or a host followed by {@code :port} after its last colon.
     *
     * @throws IllegalArgumentException when the port is not a number, a range or an offset
     */
    public static Address parse(String text) {
        String family = null;
        String rest = text;
        int at = text.indexOf('@');
        if (at > 0 && text.substring(0, at).matches("[a-z0-9]+")) {
            family = text.substring(0, at);
            rest = text.substring(at + 1);
        }
        if (family == null && rest.startsWith("/")) {
            family = "unix";
        }
        if (family != null && isPathFamily(family) || rest.startsWith("/")) {
            return new Address(family, rest, null, null, false);
        }
        String host;
        String port = null;
        if (rest.startsWith("[") && rest.indexOf(']') > 0) {
            int close = rest.indexOf(']');
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
            } else {
                host = rest;
            }
        }
        if (host.isEmpty()) {
            host = "*";
        }
        if (port == null || port.isEmpty()) {
            return new Address(family, host, null, null, false);
        }
        if (port.startsWith("+") || port.startsWith("-")) {
            return new Address(family, host, Integer.parseInt(port), null, true);
        }
        int dash = port.indexOf('-');
        if (dash > 0) {
            return new Address(family, host, Integer.parseInt(port.substring(0, dash)),
                    Integer.parseInt(port.substring(dash + 1)), false);
        }
        return new Address(family, host, Integer.parseInt(port), null, false);
    }

    private static boolean isPathFamily(String family) {
        return switch (family) {
            case "unix", "abns", "abnsz", "fd", "sockpair", "uxst", "uxdg", "rhttp" -> true;
            default -> false;
        };
    }

    /** The address as HAProxy would print it: {@code host:port}, {@code [v6]:port}, or the path. */
    @Override
    public String toString() {
        String prefix = family == null || family.equals("unix") && host.startsWith("/") ? "" : family + "@";
        if (port == null) {
            return prefix + host;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        String p = portOffset && port >= 0 ? "+" + port : String.valueOf(port);
        return prefix + h + ":" + p + (portEnd != null ? "-" + portEnd : "");
    }
}
