package dev.sluice.runtime.balance;

import dev.sluice.compiler.plan.Backend;
import dev.sluice.compiler.plan.BackendSwitch;
import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.runtime.sample.SampleValue;
import dev.sluice.runtime.stats.Stats;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live state of every backend and server, by name, across plan reloads. A server that is
 * still in the new plan (same backend, same name) keeps its state object, so its connection
 * counts, queue, counters, administrative and operational states and runtime weight carry over;
 * a setting the new plan changes wins over the runtime one (a new configured weight resets the
 * weight, a change of {@code disabled} sets or clears maintenance). Servers and backends that are
 * gone take no new traffic; requests queued for them are refused, their open slots still release.
 *
 * <p>The registry also carries the counters of the process and of each frontend ({@link #stats()}),
 * matched by name across reloads as backends and servers are (whose counters live in their state).
 *
 * <p>Thread-safe: lookups are lock-free; {@link #reconcile} is serialized (only the reloader calls it).
 */
public final class ServerStates {

    private final QueueTimer timer;
    private final Map<String, BackendState> backends = new ConcurrentHashMap<>();
    private final Stats stats = new Stats();
    private final ConcurrentMap<String, SampleValue> processVariables = new ConcurrentHashMap<>();

    /** A registry whose queued requests expire through {@code timer}; null when the caller expires them. */
    public ServerStates(QueueTimer timer) {
        this.timer = timer;
    }

    /** A registry whose caller expires queued requests itself ({@link Pending#expire()}). */
    public ServerStates() {
        this(null);
    }

    /** A registry holding the state of {@code plan}'s backends, with the global {@code maxconn} as written. */
    public static ServerStates of(Plan plan, QueueTimer timer) {
        ServerStates states = new ServerStates(timer);
        states.reconcile(plan, configuredMaxconn(plan));
        return states;
    }

    /** The global {@code maxconn} as written, 0 when there is none. */
    static long configuredMaxconn(Plan plan) {
        Long max = plan.global().maxconn();
        return max == null ? 0 : max;
    }

    /**
     * Applies {@code plan}, whose process {@code maxconn} is {@code processMaxconn} (0: none):
     * new backends and servers get fresh state, existing ones keep theirs.
     */
    public synchronized void reconcile(Plan plan, long processMaxconn) {
        stats.reconcile(plan);
        Set<String> names = new HashSet<>();
        for (Backend b : plan.backends()) {
            names.add(b.name());
            backends.computeIfAbsent(b.name(), n -> new BackendState(n, timer))
                    .apply(b, derivedFullconn(plan, b, processMaxconn));
        }
        for (BackendState gone : List.copyOf(backends.values())) {
            if (!names.contains(gone.name())) {
                backends.remove(gone.name());
                gone.retire();
            }
        }
    }

    /** The {@code proc} variables ({@code set-var(proc....)}): the process's, kept across reloads. */
    public ConcurrentMap<String, SampleValue> processVariables() {
        return processVariables;
    }

    /** The counters of the process and of every frontend. */
    public Stats stats() {
        return stats;
    }

    /** The backend named {@code name}, or null. */
    public BackendState backend(String name) {
        return backends.get(name);
    }

    /** The server {@code server} of backend {@code backend}, or null. */
    public ServerState server(String backend, String server) {
        BackendState b = backends.get(backend);
        return b == null ? null : b.server(server);
    }

    /** Every backend's state. */
    public Collection<BackendState> backends() {
        return List.copyOf(backends.values());
    }

    /**
     * HAProxy's {@code fullconn} when the backend sets none: 10% of the summed {@code maxconn} of
     * the frontends that name the backend in {@code default_backend} or a static
     * {@code use_backend} (a frontend without {@code maxconn} counts the process's,
     * {@code processMaxconn}), at least 1, which is also what a backend no frontend names gets;
     * 0 when a frontend's limit is unknown. A {@code fullconn} of 0 counts as none, as in HAProxy.
     */
    static long derivedFullconn(Plan plan, Backend backend, long processMaxconn) {
        if (backend.fullconn() != null && backend.fullconn() > 0) {
            return backend.fullconn();
        }
        long sum = 0;
        for (Frontend f : plan.frontends()) {
            if (f.disabled() || !names(f, backend.name())) {
                continue;
            }
            long max = f.maxconn() != null ? f.maxconn() : processMaxconn;
            if (max <= 0) {
                return 0;
            }
            sum += max;
        }
        return Math.max(1, (sum + 9) / 10);
    }

    private static boolean names(Frontend f, String backend) {
        if (backend.equals(f.defaultBackend())) {
            return true;
        }
        for (BackendSwitch s : f.useBackends()) {
            if (backend.equals(s.backend())) {
                return true;
            }
        }
        return false;
    }
}
