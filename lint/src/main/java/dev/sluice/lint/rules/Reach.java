package dev.sluice.lint.rules;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Listener;
import java.util.List;
import java.util.Locale;

/**
 * Who can reach an address a proxy listens on, or a server HAProxy connects to: nobody but local
 * processes (UNIX sockets, loopback), a private network, or anyone (a public address, or every
 * address of the host).
 */
final class Reach {

    private Reach() {
    }

    /** True for UNIX and abstract sockets, inherited file descriptors and socket pairs. */
    static boolean isLocalSocket(Address a) {
        String f = a.family() == null ? "" : a.family();
        return switch (f) {
            case "unix", "abns", "abnsz", "fd", "sockpair", "uxst", "uxdg" -> true;
            default -> a.host().startsWith("/");
        };
    }

    /** True for every address of the host: {@code *}, {@code 0.0.0.0}, {@code ::} or none. */
    static boolean isWildcard(Address a) {
        String h = a.host();
        return !isLocalSocket(a) && (h.isEmpty() || h.equals("*") || h.equals("0.0.0.0") || h.equals("::"));
    }

    /**
     * True for a server whose destination is decided per connection rather than configured: the
     * address {@code 0.0.0.0} (or {@code *}, {@code ::}), used with {@code set-dst}, {@code option
     * http_proxy} or transparent mode, and reverse HTTP servers ({@code rhttp@}), whose
     * connections the server side opens.
     */
    static boolean isDynamic(Address a) {
        return "rhttp".equals(a.family()) || isWildcard(a);
    }

    /** True for 127.0.0.0/8, ::1, {@code localhost}, and the local sockets. */
    static boolean isLoopback(Address a) {
        if (isLocalSocket(a)) {
            return true;
        }
        String h = a.host().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.startsWith("127.") || h.equals("::ffff:127.0.0.1");
    }

    /**
     * True when anyone on the Internet may reach the address: every address of the host, or a
     * literal IP address outside the loopback, private, link-local and shared ranges. Host names
     * are not resolved, so they count as not public.
     */
    static boolean isPublic(Address a) {
        if (isWildcard(a)) {
            return true;
        }
        if (isLocalSocket(a) || isLoopback(a)) {
            return false;
        }
        String h = a.host().toLowerCase(Locale.ROOT);
        int[] v4 = ipv4(h);
        if (v4 != null) {
            return !(v4[0] == 10 || v4[0] == 127 || v4[0] == 0
                    || v4[0] == 172 && v4[1] >= 16 && v4[1] <= 31
                    || v4[0] == 192 && v4[1] == 168
                    || v4[0] == 169 && v4[1] == 254
                    || v4[0] == 100 && v4[1] >= 64 && v4[1] <= 127);
        }
        if (h.contains(":")) {
            return !(h.startsWith("fc") || h.startsWith("fd") || h.startsWith("fe8") || h.startsWith("fe9")
                    || h.startsWith("fea") || h.startsWith("feb"));
        }
        return false;
    }

    /** True when one of the listeners is public (see {@link #isPublic}). */
    static boolean anyPublic(List<Listener> listeners) {
        return listeners.stream().anyMatch(l -> isPublic(l.address()));
    }

    /** True when there is a listener and every one is a loopback address or a local socket. */
    static boolean onlyLocal(List<Listener> listeners) {
        return !listeners.isEmpty() && listeners.stream().allMatch(l -> isLoopback(l.address()));
    }

    /** The four numbers of a dotted IPv4 address, or null when {@code host} is not one. */
    private static int[] ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] n = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return null;
            }
            n[i] = Integer.parseInt(parts[i]);
            if (n[i] > 255) {
                return null;
            }
        }
        return n;
    }
}
