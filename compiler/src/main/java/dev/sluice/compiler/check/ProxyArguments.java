package dev.sluice.compiler.check;

import dev.sluice.grammar.ast.Directive;
import java.util.Set;

/**
 * Arguments of proxy keywords that HAProxy 2.6's section parser checks while reading: the
 * status list of {@code http-check expect status}, the network of {@code option forwardfor
 * except}, a {@code stick-table}'s sizes and times, a {@code log} line's words. Each method
 * returns HAProxy's message without the location, or null.
 */
final class ProxyArguments {

    /** {@code http-check expect} options that take a value, which is never the pattern. */
    /** The matches of {@code http-check expect} that HAProxy reads a pattern for. */
    private static final Set<String> EXPECT_PATTERNS = Set.of("status", "rstatus", "string", "rstring",
            "string-lf");
    private static final Set<String> EXPECT_OPTIONS = Set.of("min-recv", "comment", "ok-status", "error-status",
            "tout-status", "on-success", "on-error", "status-code");

    private ProxyArguments() {}

    /** {@code http-check expect [!] status <codes>}: codes and ranges separated by commas. */
    static String httpCheckExpect(Directive d) {
        for (int i = 2; i < d.words().size(); i++) {
            String w = d.arg(i);
            if (EXPECT_OPTIONS.contains(w)) {
                i++;
            } else if (EXPECT_PATTERNS.contains(w)) {
                String pattern = d.arg(i + 1);
                if (pattern.isEmpty()) {
                    return "'http-check expect' : '" + w + "' expects a <pattern> as argument.";
                }
                return w.equals("status") ? statusList(pattern) : null;
            }
        }
        return null;
    }

    /** HAProxy reads each code with {@code read_uint()}, which takes no digits as 0. */
    private static String statusList(String pattern) {
        int p = 0;
        while (true) {
            long[] low = Numbers.readUint(pattern, p);
            long[] high = low;
            p = (int) low[1];
            if (p < pattern.length() && pattern.charAt(p) == '-') {
                high = Numbers.readUint(pattern, p + 1);
                p = (int) high[1];
            }
            if (low[0] > high[0]) {
                return "'http-check expect' : invalid range of status codes '" + pattern + "'.";
            }
            if (p == pattern.length()) {
                return null;
            }
            if (pattern.charAt(p) != ',') {
                return "'http-check expect' : invalid character '" + pattern.charAt(p)
                        + "' in the list of status codes.";
            }
            p++;
        }
    }

    /**
     * {@code option forwardfor except NET} and {@code option originalto except NET}: an IPv4
     * network (address or resolvable name, mask dotted or as a length) or an IPv6 one.
     */
    static String exceptNetwork(Directive d, int optionIndex, Addresses addresses, boolean resolve) {
        for (int i = optionIndex + 1; i < d.words().size(); i++) {
            if (!d.arg(i).equals("except")) {
                continue;
            }
            String net = d.arg(i + 1);
            if (net.isEmpty() || !(ipv4Network(net, addresses, resolve) || ipv6Network(net))) {
                return "'" + d.arg(optionIndex - 1) + " " + d.arg(optionIndex) + " except' expects <address>[/mask]"
                        + " as argument.";
            }
            i++;
        }
        return null;
    }

    private static boolean ipv4Network(String net, Addresses addresses, boolean resolve) {
        int slash = net.lastIndexOf('/');
        String address = slash < 0 ? net : net.substring(0, slash);
        if (slash >= 0) {
            String mask = net.substring(slash + 1);
            if (mask.indexOf('.') >= 0 ? !Addresses.isIpv4(mask) : !lengthAtMost(mask, 32)) {
                return false;
            }
        }
        return Addresses.isIpv4(address) || !resolve || addresses.hostResolves(address);
    }

    private static boolean ipv6Network(String net) {
        int slash = net.lastIndexOf('/');
        if (slash >= 0 && !lengthAtMost(net.substring(slash + 1), 128)) {
            return false;
        }
        return Addresses.isIpv6(slash < 0 ? net : net.substring(0, slash));
    }

    private static boolean lengthAtMost(String text, long max) {
        Long n = Numbers.strictLong(text);
        return n != null && n >= 0 && n <= max;
    }

    /**
     * A {@code stick-table} line's (or a peers section's {@code table} line's) {@code size} (a
     * size with an optional k, m or g), {@code expire} (a time) and {@code peers} values.
     */
    static String stickTable(Directive d) {
        for (int i = 1; i < d.words().size(); i++) {
            String w = d.arg(i);
            if (!w.equals("size") && !w.equals("expire") && !w.equals("peers")) {
                continue;
            }
            String value = d.arg(i + 1);
            if (value.isEmpty()) {
                return d.arg(0) + ": missing argument after '" + w + "'.";
            }
            if (w.equals("peers")) {
                i++;
                continue;
            }
            Character bad;
            if (w.equals("size")) {
                bad = Numbers.sizeError(value);
            } else {
                Numbers.Time t = Numbers.time(value);
                bad = t.ok() || t.overflow() || t.underflow() ? null : t.unexpected();
            }
            if (bad != null) {
                return d.arg(0) + ": unexpected character '" + bad + "' in argument of '" + w + "'.";
            }
            i++;
        }
        return null;
    }

    private static final Set<String> FACILITIES = Set.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");
    private static final Set<String> LEVELS = Set.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");

    /**
     * A {@code log} line of the global section ({@code global} true) or of a proxy: {@code global}
     * (proxies only), or an address, options, a facility and up to two levels. The address is read
     * last, and must resolve while the file is read. With {@code arguments} false, only the words'
     * presence is checked: HAProxy 2.8 and later take more options and targets than 2.6 knows.
     */
    static String log(Directive d, boolean global, boolean arguments, Addresses addresses, boolean resolve) {
        if (d.keyword().equals("no")) {
            return null;
        }
        if (d.arg(1).equals("global") && d.arg(2).isEmpty()) {
            return global ? "log : 'global' is not supported for a global syslog server" : null;
        }
        if (d.arg(1).isEmpty() || d.arg(2).isEmpty()) {
            return "log : expects <address> and <facility> " + (global ? "" : "or global") + " as arguments";
        }
        if (!arguments) {
            return null;
        }
        int i = 2;
        if (d.arg(i).equals("len")) {
            int len = Numbers.atoi(d.arg(i + 1));
            if (len < 80 || len > 65535) {
                return "log : invalid log length '" + d.arg(i + 1) + "', must be between 80 and 65535";
            }
            i += 2;
        }
        for (String option : new String[] {"format", "sample"}) {
            if (d.arg(i).equals(option)) {
                i += 2; // their values are left to the catalog
            }
        }
        if (!FACILITIES.contains(d.arg(i))) {
            return "log : unknown log facility '" + d.arg(i) + "'";
        }
        i++;
        for (String which : new String[] {"optional", "optional minimum"}) {
            if (!d.arg(i).isEmpty()) {
                if (!LEVELS.contains(d.arg(i))) {
                    return "log : unknown " + which + " log level '" + d.arg(i) + "'";
                }
                i++;
            }
        }
        if (!d.arg(i).isEmpty()) {
            return "log : cannot handle unexpected argument '" + d.arg(i) + "'";
        }
        String address = d.arg(1);
        if (address.startsWith("ring@") || address.equals("stdout") || address.equals("stderr")) {
            return null;
        }
        String problem = addresses.hostProblem(address, resolve, false);
        return problem == null ? null : "log : " + problem;
    }
}
