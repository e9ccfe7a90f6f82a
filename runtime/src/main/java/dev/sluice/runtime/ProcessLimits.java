package dev.sluice.runtime;

import dev.sluice.compiler.plan.Address;
import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Listener;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.compiler.plan.RawDirective;
import dev.sluice.compiler.plan.Server;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's connection limit. The global {@code maxconn} when the configuration sets one;
 * otherwise HAProxy's derived value, which most configurations rely on: half of the file
 * descriptors left once the fixed ones are set aside (each connection is a client and a server
 * socket). HAProxy 2.6 sets aside 10 descriptors, one per listening socket (every address and
 * every port of a range, in disabled frontends too), the stats sockets and as many connections as
 * {@code stats maxconn} allows them (10 by default), one per health check and one per agent check
 * of the enabled backends, and three per thread (its poller and its wake-up pipe); the limit is the
 * larger of the soft and hard {@code ulimit -n}, and never less than 100.
 */
public final class ProcessLimits {

    /** Descriptors HAProxy keeps for itself before counting anything. */
    static final int RESERVED = 10;
    /** Connections a stats socket takes without {@code stats maxconn}. */
    static final int STATS_MAXCONN = 10;
    /** Descriptors per thread: a poller and a pipe's two ends. */
    static final int PER_THREAD = 3;
    /** The least maxconn HAProxy derives. */
    static final long LEAST = 100;

    private static final long DESCRIPTORS = readDescriptorLimit();

    private ProcessLimits() {
    }

    /** The event-loop threads a plan asks for: its {@code nbthread}, else one per core. */
    public static int threads(Plan plan) {
        Integer nbthread = plan.global().nbthread();
        return nbthread != null ? nbthread : Runtime.getRuntime().availableProcessors();
    }

    /** The process's maxconn under {@code plan}, with this process's descriptor limit. */
    public static long maxconn(Plan plan) {
        return maxconn(plan, threads(plan), DESCRIPTORS);
    }

    /**
     * The process's maxconn under {@code plan}: its global {@code maxconn}, else derived from
     * {@code descriptors} for {@code threads} threads; 0 (no limit) when neither is known.
     */
    static long maxconn(Plan plan, int threads, long descriptors) {
        Long set = plan.global().maxconn();
        if (set != null) {
            return set;
        }
        if (descriptors <= 0) {
            return 0;
        }
        long left = descriptors - fixedDescriptors(plan) - (long) PER_THREAD * threads;
        return Math.max(LEAST, left / 2);
    }

    /** The descriptors HAProxy counts before connections: its reserve, listeners, stats sockets and checks. */
    static long fixedDescriptors(Plan plan) {
        long n = RESERVED;
        for (Frontend f : plan.frontends()) {
            for (Listener l : f.listeners()) {
                n += ports(l.address());
            }
        }
        int sockets = plan.global().statsSockets().size();
        if (sockets > 0) {
            n += sockets + statsMaxconn(plan);
        }
        for (Backend b : plan.backends()) {
            if (b.disabled()) {
                continue;
            }
            for (Server s : b.servers()) {
                if (s.check().enabled()) {
                    n++;
                }
                if (s.options().containsKey("agent-check")) {
                    n++;
                }
            }
        }
        return n;
    }

    private static long ports(Address a) {
        return a.port() != null && a.portEnd() != null ? Math.max(1, a.portEnd() - a.port() + 1) : 1;
    }

    private static long statsMaxconn(Plan plan) {
        for (RawDirective d : plan.global().unmodelled()) {
            if (d.keyword().equals("stats") && d.args().size() >= 2 && d.args().get(0).equals("maxconn")) {
                try {
                    return Long.parseLong(d.args().get(1));
                } catch (NumberFormatException e) {
                    return STATS_MAXCONN; // the checker reports it
                }
            }
        }
        return STATS_MAXCONN;
    }

    /**
     * The larger of this process's soft and hard limits on open files ({@code /proc/self/limits});
     * the JVM's count of allowed descriptors where that file is missing; 0 when neither says.
     */
    static long readDescriptorLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] w = line.substring("Max open files".length()).trim().split("\\s+");
                    return Math.max(limit(w[0]), limit(w[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return 0;
    }

    private static long limit(String word) {
        return word.equals("unlimited") ? Integer.MAX_VALUE : Long.parseLong(word);
    }
}
