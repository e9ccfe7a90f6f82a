package dev.sluice.runtime.stats;

import dev.sluice.compiler.plan.Frontend;
import dev.sluice.compiler.plan.Plan;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of the whole process and of each frontend, by frontend name, kept across reloads:
 * a frontend still in the new plan keeps its counters, a new one starts from zero, a removed one
 * is forgotten (connections it still has go on counting into the object they hold). Backends and
 * servers keep theirs in their live state ({@code BackendState}, {@code ServerState}), which
 * reloads match by name the same way.
 */
public final class Stats {

    private final Counters process = new Counters();
    private final Map<String, Counters> frontends = new ConcurrentHashMap<>();

    /** The whole process: every frontend's sessions, requests and bytes, including frontends since removed. */
    public Counters process() {
        return process;
    }

    /** The counters of frontend {@code name}, or null when the plan has no such frontend. */
    public Counters frontend(String name) {
        return frontends.get(name);
    }

    /** Keeps the counters of {@code plan}'s frontends, creates the new ones, forgets the others. */
    public synchronized void reconcile(Plan plan) {
        Set<String> names = new HashSet<>();
        for (Frontend f : plan.frontends()) {
            names.add(f.name());
            frontends.computeIfAbsent(f.name(), n -> new Counters());
        }
        frontends.keySet().retainAll(names);
    }
}
