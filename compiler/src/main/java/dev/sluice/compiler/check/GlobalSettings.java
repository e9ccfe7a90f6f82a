package dev.sluice.compiler.check;

import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ast.Directive;
import dev.sluice.grammar.ast.SourceSpan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The values of the {@code global} section's numeric settings, and the other global arguments
 * HAProxy 2.6 refuses while reading ({@code log}, an empty {@code user}). Each numeric keyword
 * has its parser's own rules: most read their value with {@code atol()} and only refuse a
 * missing one, some check a range, a few refuse any trailing character; several refuse to be
 * set twice with an alert that is not an error.
 */
final class GlobalSettings {

    /**
     * Build limits of the HAProxy 2.6 packages: MAX_THREADS and MAX_TGROUPS. Later versions raise
     * them (2.7 brought thread groups) to values their builds choose, so only the lower bound is
     * checked for those.
     */
    private static final int MAX_THREADS_26 = 64;
    private static final int MAX_TGROUPS_26 = 1;

    /**
     * A numeric keyword: the message for a missing value (null when the value check covers it),
     * the check of a present value, whether a second non-zero setting is refused, and whether
     * HAProxy prints its messages without a space before the colon.
     */
    private record Setting(String missing, Function<String, String> value, boolean once, boolean tight) {}

    private static final String INTEGER = "expects an integer argument.";

    private static final Map<String, Setting> SETTINGS = new HashMap<>();

    /** Switches HAProxy 2.6 reads as exactly {@code on} or {@code off} (later versions take more values). */
    private static final Set<String> ON_OFF_26 = Set.of("tune.idle-pool.shared", "tune.fd.edge-triggered",
            "tune.listener.multi-queue", "tune.sched.low-latency", "tune.ssl.keylog");

    static {
        for (String k : new String[] {"tune.runqueue-depth", "tune.maxpollevents", "maxconn", "maxconnrate",
            "maxsessrate", "maxsslrate", "maxpipes", "fd-hard-limit", "ulimit-n"}) {
            SETTINGS.put(k, new Setting(INTEGER, v -> null, true, false));
        }
        for (String k : new String[] {"tune.recv_enough", "tune.buffers.limit", "tune.buffers.reserve",
            "tune.rcvbuf.client", "tune.rcvbuf.server", "tune.sndbuf.client", "tune.sndbuf.server", "tune.pipesize",
            "tune.http.cookielen", "tune.http.logurilen", "maxzlibmem", "uid", "gid"}) {
            SETTINGS.put(k, new Setting(INTEGER, v -> null, false, false));
        }
        SETTINGS.put("tune.maxaccept", new Setting(INTEGER,
                v -> Numbers.atol(v) > Integer.MAX_VALUE ? "expects -1 or an integer from 0 to INT_MAX." : null, true,
                false));
        // rounded up to a multiple of 16 (two pointers) before the check, as on 64-bit machines
        SETTINGS.put("tune.bufsize", new Setting(INTEGER,
                v -> ((Numbers.atol(v) + 15) & -16L) <= 0 ? "expects a positive integer argument." : null, false,
                false));
        SETTINGS.put("tune.maxrewrite", new Setting(INTEGER,
                v -> Numbers.atol(v) < 0 ? "expects a positive integer argument." : null, false, false));
        SETTINGS.put("tune.http.maxhdr", new Setting(INTEGER,
                v -> Numbers.atoi(v) < 1 || Numbers.atoi(v) > 32767 ? "expects a numeric value between 1 and 32767"
                        : null, false, false));
        SETTINGS.put("tune.comp.maxlevel", new Setting(null,
                v -> v.isEmpty() || Numbers.atoi(v) < 1 || Numbers.atoi(v) > 9
                        ? "expects a numeric value between 1 and 9" : null, false, false));
        SETTINGS.put("tune.pattern.cache-size", new Setting(null,
                v -> v.isEmpty() || Numbers.atoi(v) < 0 ? "expects a positive numeric value" : null, false, false));
        SETTINGS.put("maxcomprate", new Setting("expects an integer argument in kb/s.", v -> null, false, false));
        SETTINGS.put("maxcompcpuusage", new Setting("expects an integer argument between 0 and 100.",
                v -> Numbers.atoi(v) < 0 || Numbers.atoi(v) > 100
                        ? "expects an integer argument between 0 and 100." : null, false, false));
        SETTINGS.put("spread-checks", new Setting("expects an integer argument (0..50).",
                v -> Numbers.atol(v) < 0 || Numbers.atol(v) > 50 ? "needs a positive value in range 0..50." : null,
                false, true));
        for (String k : new String[] {"tune.ssl.cachesize", "tune.ssl.maxrecord", "tune.ssl.hard-maxrecord",
            "tune.ssl.ssl-ctx-cache-size", "maxsslconn", "tune.ssl.capture-buffer-size",
            "tune.ssl.capture-cipherlist-size"}) {
            SETTINGS.put(k, new Setting(INTEGER, v -> Numbers.atoi(v) < 0 ? "expects a positive numeric value."
                    : null, false, false));
        }
        // HAProxy stores the value in an unsigned int: a negative number wraps around and passes
        SETTINGS.put("tune.ssl.default-dh-param", new Setting(INTEGER,
                v -> Integer.toUnsignedLong(Numbers.atoi(v)) < 1024 ? "expects a value >= 1024." : null, false,
                false));
        SETTINGS.put("ssl-dh-param-file", new Setting("expects a file path as an argument.", v -> null, false,
                false));
    }

    private final Report report;
    /** Whether the target is HAProxy 2.8 or later, whose limits differ from 2.6's. */
    private final boolean newer;
    /** The keywords that refuse a second setting and were set to a non-zero value. */
    private final Set<String> set = new HashSet<>();

    GlobalSettings(Report report, HaproxyVersion version) {
        this.report = report;
        this.newer = version.atLeast(HaproxyVersion.V2_8);
    }

    /** Checks a {@code global} line; {@code keyword} is its first word, after any {@code no}. */
    void check(Directive d, String keyword) {
        SourceSpan at = d.span();
        String value = d.arg(1);
        switch (keyword) {
            case "user", "group" -> {
                if (value.isEmpty()) {
                    report.alert(at, "cannot find " + keyword + " id for '' (0:Success)");
                }
                return;
            }
            case "nbthread", "thread-groups" -> {
                long max = newer ? Long.MAX_VALUE : keyword.equals("nbthread") ? MAX_THREADS_26 : MAX_TGROUPS_26;
                String problem = threads(value, max);
                if (problem != null) {
                    report.alert(at, "'" + keyword + "' " + problem);
                }
                return;
            }
            default -> {
                // a numeric setting, or nothing checked here
            }
        }
        if (!newer && ON_OFF_26.contains(keyword)) {
            if (!value.equals("on") && !value.equals("off")) {
                report.alert(at, "'" + keyword + "' expects either 'on' or 'off' but got '" + value + "'.");
            }
            return;
        }
        Setting s = SETTINGS.get(keyword);
        if (s == null) {
            return;
        }
        if (s.once() && set.contains(keyword)) {
            report.alertOnly(at, "'" + keyword + "' already specified. Continuing.");
            return;
        }
        String problem = value.isEmpty() && s.missing() != null ? s.missing() : s.value().apply(value);
        if (problem != null) {
            String text = "'" + keyword + "' " + problem;
            if (s.tight()) {
                report.alertTight(at, text, false);
            } else {
                report.alert(at, text);
            }
            return;
        }
        if (s.once() && Numbers.atol(value) != 0) {
            set.add(keyword);
        }
    }

    /** {@code nbthread} and {@code thread-groups}: the whole value an integer, within the build's limit. */
    private static String threads(String value, long max) {
        Long n = Numbers.strictLong(value);
        if (n == null) {
            return "passed a missing or unparsable integer value in '" + value + "'";
        }
        if (n < 1 || n > max) {
            return "value must be between 1 and " + (max == Long.MAX_VALUE ? "the build's limit" : max)
                    + " (was " + n + ")";
        }
        return null;
    }

    /** {@code stats timeout DELAY} of the global section, as the CLI's parser reads it. */
    static String statsTimeout(String value) {
        Numbers.Time t = Numbers.time(value);
        if (t.overflow()) {
            return "timer overflow in argument '" + value + "' to 'stats timeout' (maximum value is 2147483647 ms or"
                    + " ~24.8 days)";
        }
        if (t.underflow()) {
            return "timer underflow in argument '" + value + "' to 'stats timeout' (minimum non-null value is 1 ms)";
        }
        if (!t.ok()) {
            return "'stats timeout' : unexpected character '" + t.unexpected() + "'";
        }
        return Numbers.atol(value) == 0 ? "'stats timeout' expects a positive value" : null;
    }
}
