package dev.sluice.compiler.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * The host part of addresses as HAProxy's {@code str2sa_range()} reads it. A listener's address
 * ({@code bind}, {@code stats socket}) must be an IP address or a name that resolves when the
 * configuration is read; a server's may be any name, resolved once everything is read. Both
 * first try the text as an IP address the way {@code inet_pton()} does, which refuses forms such
 * as {@code 99999999999.0.0.1} that look numeric.
 */
final class Addresses {

    /** Prefixes after which the address is not an IP address (a path, a file descriptor). */
    private static final String[] NON_IP_PREFIXES = {"unix@", "uxdg@", "uxst@", "abns@", "fd@", "sockpair@"};
    private static final String[] IPV4_PREFIXES = {"ipv4@", "tcp4@", "udp4@", "quic4@"};
    private static final String[] IPV6_PREFIXES = {"ipv6@", "tcp6@", "udp6@", "quic6@"};
    private static final String[] ANY_PREFIXES = {"ip@", "tcp@", "udp@"};

    /** Names already looked up, so that a name repeated on many lines is resolved once. */
    private final Map<String, Boolean> resolved = new HashMap<>();

    /**
     * HAProxy's complaint about the host part of listening address {@code address} (one of a
     * {@code bind} line's comma-separated addresses), or null: a missing port, or a host that is
     * neither an IP address nor a name this machine resolves. With {@code resolve} false, names
     * are taken as resolving (an offline check).
     */
    String listenerProblem(String address, boolean resolve) {
        return hostProblem(address, resolve, true);
    }

    /**
     * As {@link #listenerProblem}, for the addresses that HAProxy resolves while reading and whose
     * port may be absent ({@code port} false): log targets, peers.
     */
    String hostProblem(String address, boolean resolve, boolean port) {
        String s = address;
        if (s.startsWith("stream+")) {
            s = s.substring(7);
        } else if (s.startsWith("dgram+")) {
            s = s.substring(6);
        }
        if (s.isEmpty() || s.startsWith("/") || s.contains("$") || startsWithAny(s, NON_IP_PREFIXES)) {
            return null;
        }
        int family = 0;
        for (String[] prefixes : new String[][] {IPV4_PREFIXES, IPV6_PREFIXES, ANY_PREFIXES}) {
            for (String p : prefixes) {
                if (s.startsWith(p)) {
                    s = s.substring(p.length());
                    family = prefixes == IPV4_PREFIXES ? 4 : prefixes == IPV6_PREFIXES ? 6 : 0;
                }
            }
        }
        int at = s.indexOf('@');
        if (at > 0 && s.substring(0, at).chars().allMatch(c -> Character.isLetterOrDigit(c))) {
            return null; // an unknown prefix: reported elsewhere
        }
        int sep = s.length() - 1;
        while (sep > 0 && s.charAt(sep) != ']' && s.charAt(sep) != ':') {
            sep--;
        }
        String host = s;
        if (sep >= 0 && s.charAt(sep) == ':') {
            host = s.substring(0, sep);
            if (port && sep + 1 == s.length()) {
                return "missing port specification in '" + address + "'";
            }
        } else if (port) {
            return "missing port specification in '" + address + "'";
        }
        if (isIpLiteral(host, family) || (host.isEmpty() || host.equals("*"))) {
            return null;
        }
        if (!resolve || hostResolves(host)) {
            return null;
        }
        return "invalid address: '" + host + "' in '" + address + "'";
    }

    private static boolean startsWithAny(String s, String[] prefixes) {
        for (String p : prefixes) {
            if (s.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code host} is a valid name that this machine resolves. */
    boolean hostResolves(String host) {
        return validHostName(host) && resolved.computeIfAbsent(host, h -> {
            try {
                InetAddress.getAllByName(h);
                return true;
            } catch (UnknownHostException e) {
                return false;
            }
        });
    }

    /**
     * True when {@code host} is an IP address without resolution, as {@code str2ip2()} decides:
     * empty or {@code *} (any IPv4 address), {@code ::}, a bracketed or bare IPv6 address, a
     * dotted IPv4 address; {@code family} 4 or 6 allows only that family, 0 both.
     */
    static boolean isIpLiteral(String host, int family) {
        String h = host;
        if (h.startsWith("[")) {
            if (h.length() < 4 || h.length() >= 48 || !h.endsWith("]")) {
                return false;
            }
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("::")) {
            return family != 4;
        }
        if (h.isEmpty() || h.equals("*")) {
            return true;
        }
        return (family != 4 && isIpv6(h)) || (family != 6 && isIpv4(h));
    }

    /** {@code inet_pton(AF_INET)}: four decimal parts of at most 255, without leading zeros. */
    static boolean isIpv4(String s) {
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                if (value > 255 || (i > start && s.charAt(start) == '0')) {
                    return false;
                }
                i++;
            }
            if (i == start) {
                return false;
            }
            parts++;
            if (i < n) {
                if (s.charAt(i) != '.' || parts == 4 || i + 1 == n) {
                    return false;
                }
                i++;
            }
        }
        return parts == 4;
    }

    /** {@code inet_pton(AF_INET6)}: up to eight hex groups, one {@code ::}, an optional IPv4 tail. */
    static boolean isIpv6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap < 0 ? s : s.substring(0, gap);
        String tail = gap < 0 ? "" : s.substring(gap + 2);
        String[] parts = {head, tail};
        int finalPart = gap < 0 ? 0 : 1;
        int groups = 0;
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].isEmpty()) {
                continue;
            }
            String[] fields = parts[p].split(":", -1);
            for (int f = 0; f < fields.length; f++) {
                String field = fields[f];
                if (p == finalPart && f == fields.length - 1 && field.indexOf('.') >= 0) {
                    if (!isIpv4(field)) {
                        return false;
                    }
                    groups += 2;
                } else if (field.isEmpty() || field.length() > 4 || !isHex(field)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** HAProxy's {@code resolv_hostname_validation()}: letters, digits, '-' and '_' in labels of at most 63. */
    static boolean validHostName(String s) {
        if (s.length() > 255) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                label = 0;
                continue;
            }
            boolean ok = c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!ok || ++label > 63) {
                return false;
            }
        }
        return true;
    }
}
